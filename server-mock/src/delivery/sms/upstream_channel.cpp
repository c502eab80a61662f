#include "delivery/sms/upstream_channel.h"

#include "telemetry/log.h"

#include <nlohmann/json.hpp>

namespace sesame::server::delivery {
namespace {

constexpr std::string_view kSendKind = "send";

TimePoint fromSeconds(long long seconds) { return TimePoint(std::chrono::seconds(seconds)); }

long long toSeconds(TimePoint at) {
    return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
}

}  // namespace

std::string sealCodeMessage(const crypto::SealedBox& sealer, const CodeMessage& message) {
    const nlohmann::json json{{"phone", message.phone},
                              {"code", message.code},
                              {"locale", message.locale},
                              {"request_id", message.requestId},
                              {"requested", contract::wireName(message.requested)},
                              {"lifetime", message.lifetime.count()},
                              {"at", toSeconds(message.at)}};
    return sealer.seal(json.dump());
}

contract::Expected<CodeMessage, std::string> openCodeMessage(const crypto::SealedBox& sealer, std::string_view sealed) {
    auto plain = sealer.open(sealed);
    if (!plain) {
        return contract::unexpected("the payload cannot be opened: " + plain.error());
    }
    const auto json = nlohmann::json::parse(plain.value(), nullptr, false);
    const auto text = [&](const char* name) {
        return json.is_object() && json.contains(name) && json[name].is_string();
    };
    const auto number = [&](const char* name) {
        return json.is_object() && json.contains(name) && json[name].is_number_integer();
    };
    if (!text("phone") || !text("code") || !text("locale") || !text("request_id") || !number("lifetime") ||
        !number("at")) {
        return contract::unexpected(std::string("the payload is not a code message"));
    }
    CodeMessage message;
    message.phone = json["phone"].get<std::string>();
    message.code = json["code"].get<std::string>();
    message.locale = json["locale"].get<std::string>();
    message.requestId = json["request_id"].get<std::string>();
    message.lifetime = std::chrono::seconds(json["lifetime"].get<long long>());
    message.at = fromSeconds(json["at"].get<long long>());
    const std::string requested = text("requested") ? json["requested"].get<std::string>() : "";
    message.requested = requested == "telegram" ? contract::Channel::Telegram
                        : requested == "sms"    ? contract::Channel::Sms
                                                : contract::Channel::Auto;
    return message;
}

UpstreamChannel::UpstreamChannel(Kind kind, DeliveryContext& context)
    : kind_(std::move(kind)),
      context_(context),
      recorder_(context.statuses, context.audit, context.metrics, context.clock) {}

bool UpstreamChannel::serves(contract::Channel requested) const {
    return requested == contract::Channel::Auto || requested == kind_.serves;
}

DeliveryResult UpstreamChannel::send(const CodeMessage& message) {
    Job job;
    job.id = kind_.name + ":send:" + message.requestId;
    job.upstream = kind_.name;
    job.kind = std::string(kSendKind);
    job.payload = sealCodeMessage(context_.sealer, message);
    job.dueAt = context_.clock.now();
    job.deadline = message.expiresAt();
    job.requestId = message.requestId;
    const Submitted submitted = context_.dispatcher.submit(job);

    // OtpService records the accepted state and logs a failure; later
    // changes (a queued job's end, the upstream's reports) are ours to record.
    DeliveryResult result;
    result.channel = kind_.answers;
    result.upstreamId = submitted.upstreamId;
    result.detail = submitted.detail;
    switch (submitted.status) {
        case SubmitStatus::Sent: result.status = SendStatus::Sent; break;
        case SubmitStatus::Queued: result.status = SendStatus::Queued; break;
        case SubmitStatus::Failed: result.status = SendStatus::Failed; break;
    }
    return result;
}

Lane UpstreamChannel::lane() {
    Lane lane;
    lane.upstream = kind_.name;
    lane.perSecond = kind_.perSecond;
    lane.run = [this](const Job& job) { return run(job); };
    lane.onFinished = [this](const Job& job, const RunResult& result) { finished(job, result); };
    return lane;
}

RunResult UpstreamChannel::runOther(const Job& job) {
    return RunResult{RunOutcome::Permanent, {}, {}, "unknown job kind " + job.kind.substr(0, 32)};
}

RunResult UpstreamChannel::run(const Job& job) {
    if (job.kind != kSendKind) {
        return runOther(job);
    }
    auto message = openCodeMessage(context_.sealer, job.payload);
    if (!message) {
        return RunResult{RunOutcome::Permanent, {}, {}, message.error()};
    }
    return deliver(message.value());
}

// A queued send ends here (Done or failed for good); other kinds are only logged.
void UpstreamChannel::finished(const Job& job, const RunResult& result) {
    const bool done = result.outcome == RunOutcome::Done;
    if (!done) {
        telemetry::log(telemetry::LogLevel::Warn, "delivery_job_failed",
                       {{"channel", kind_.name},
                        {"kind", job.kind},
                        {"otp_request_id", job.requestId},
                        {"detail", result.detail}});
    }
    if (job.kind != kSendKind || job.requestId.empty()) {
        return;
    }
    const DeliveryState state = done ? DeliveryState::Sent : DeliveryState::Failed;
    recorder_.record({job.requestId, kind_.name, state, result.upstreamId, result.detail, {}},
                     job.deadline + kStatusRetention);
}

}  // namespace sesame::server::delivery
