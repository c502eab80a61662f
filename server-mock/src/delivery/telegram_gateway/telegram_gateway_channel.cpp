#include "delivery/telegram_gateway/telegram_gateway_channel.h"

#include "delivery/telegram_gateway/gateway_api.h"
#include "telemetry/log.h"

namespace sesame::server::delivery {
namespace {

constexpr std::string_view kName = "telegram_gateway";
constexpr std::string_view kRevokeKind = "revoke";

}  // namespace

TelegramGatewayChannel::TelegramGatewayChannel(const TelegramGatewaySettings& settings, DeliveryContext& context)
    : UpstreamChannel(Kind{std::string(kName), contract::Channel::Telegram, contract::DeliveryChannel::Telegram,
                           settings.perSecond},
                      context),
      settings_(settings) {}

RunResult TelegramGatewayChannel::deliver(const CodeMessage& message) {
    HttpClient& http = context().http;
    const GatewayAnswer ability =
        readGatewayAnswer(http.call(gatewayCall(settings_, "checkSendAbility", {{"phone_number", message.phone}})));
    if (ability.run.outcome != RunOutcome::Done) {
        return ability.run;
    }
    const GatewayVerification verification{message.phone, message.code, message.lifetime, message.requestId,
                                           ability.run.upstreamId};
    return readGatewayAnswer(http.call(gatewayCall(settings_, "sendVerificationMessage",
                                                   verificationParams(settings_, verification))))
        .run;
}

void TelegramGatewayChannel::codeRetired(const std::string& requestId) {
    auto status = context().statuses.byRequest(requestId);
    if (!status || !status.value() || status.value()->channel != kName || status.value()->upstreamId.empty()) {
        return;
    }
    const DeliveryState state = status.value()->state;
    if (state != DeliveryState::Sent && state != DeliveryState::Delivered) {
        return;
    }
    Job job;
    job.id = std::string(kName) + ":revoke:" + requestId;
    job.upstream = std::string(kName);
    job.kind = std::string(kRevokeKind);
    job.payload = status.value()->upstreamId;  // the Gateway's request_id: no secret
    job.dueAt = context().clock.now();
    job.deadline = job.dueAt + kGatewayMaxTtl;
    job.requestId = requestId;
    if (!context().dispatcher.schedule(job)) {
        telemetry::log(telemetry::LogLevel::Warn, "gateway_revoke_not_queued", {{"otp_request_id", requestId}});
    }
}

RunResult TelegramGatewayChannel::runOther(const Job& job) {
    if (job.kind != kRevokeKind) {
        return UpstreamChannel::runOther(job);
    }
    return readGatewayAnswer(
               context().http.call(gatewayCall(settings_, "revokeVerificationMessage", {{"request_id", job.payload}})))
        .run;
}

}  // namespace sesame::server::delivery
