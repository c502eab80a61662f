#include "services/otp_service.h"

#include "crypto/hmac.h"
#include "crypto/random.h"
#include "services/audit.h"
#include "services/wire_mapping.h"
#include "telemetry/log.h"

#include <sesame/contract/phone.h>

#include <algorithm>

namespace sesame::server {
namespace {

using contract::ErrorCode;
using store::AuditEvent;

// How long verify can still answer code_expired after a code expired (then
// no_pending_code): long enough for a user who comes back to the app later.
constexpr std::chrono::minutes kExpiredCodeKnownFor{15};

contract::Problem withExtension(ErrorCode code, std::string detail, const char* name, std::int64_t value) {
    contract::Problem problem{code, std::move(detail), nlohmann::json::object()};
    problem.extensions[name] = value;
    return problem;
}

// AwaitingLink always answers telegram_link, whatever the channel put in its result.
contract::DeliveryChannel answeredChannel(const delivery::DeliveryResult& result) {
    return result.status == delivery::SendStatus::AwaitingLink ? contract::DeliveryChannel::TelegramLink
                                                               : result.channel;
}

std::int64_t atLeastOneSecond(std::chrono::system_clock::duration wait) {
    return std::max<std::int64_t>(1, std::chrono::ceil<std::chrono::seconds>(wait).count());
}

}  // namespace

contract::Problem invalidPhoneProblem(contract::PhoneError error) {
    contract::Problem problem{ErrorCode::InvalidPhone, std::string(contract::describe(error)),
                              nlohmann::json::object()};
    problem.extensions["field"] = "phone";
    problem.extensions["reason"] = std::string(contract::wireName(error));
    return problem;
}

OtpService::OtpService(const OtpSettings& settings, std::string pepper, store::OtpStore& codes, RateLimiter& limiter,
                       const delivery::ChannelPolicy& policy, delivery::DeliveryStatusStore& statuses,
                       SessionService& sessions, store::AuditLog& audit, AuthMetrics& metrics, const Clock& clock)
    : settings_(settings),
      pepper_(std::move(pepper)),
      codes_(codes),
      limiter_(limiter),
      policy_(policy),
      statuses_(statuses),
      sessions_(sessions),
      audit_(audit),
      metrics_(metrics),
      clock_(clock) {}

std::string OtpService::codeHash(const std::string& phone, const std::string& code) const {
    return crypto::hmacSha256Hex(pepper_, phone + ":" + code);
}

OtpService::Delivery OtpService::deliver(const delivery::CodeMessage& message) {
    for (delivery::Channel* channel : policy_.candidates(message.phone, message.requested)) {
        delivery::DeliveryResult result = channel->send(message);
        metrics_.deliveryAttempt(channel->name(), delivery::wireName(delivery::stateOf(result.status)));
        if (result.accepted()) {
            return Delivery{channel, std::move(result)};
        }
        telemetry::log(telemetry::LogLevel::Warn, "delivery_failed",
                       {{"backend", channel->name()}, {"phone", contract::maskPhone(message.phone)},
                        {"otp_request_id", message.requestId}, {"detail", result.detail}});
    }
    return Delivery{};
}

// The state the accepting channel reached; later changes are the channel's to record.
void OtpService::recordAccepted(const Delivery& delivery, const store::OtpRecord& record, TimePoint now) {
    const delivery::DeliveryStatus status{record.requestId, std::string(delivery.by->name()),
                                          delivery::stateOf(delivery.result.status), delivery.result.upstreamId,
                                          "", now};
    if (auto recorded = statuses_.record(status, record.purgeAt); !recorded) {
        logStoreError(recorded.error(), "delivery_status.record");
    }
}

void OtpService::retire(const std::string& requestId) {
    for (delivery::Channel* channel : policy_.all()) {
        channel->codeRetired(requestId);
    }
}

ServiceResult<contract::OtpResponse> OtpService::request(const contract::OtpRequest& request,
                                                         const ClientContext& client) {
    const contract::Channel requested = request.channel.value_or(contract::Channel::Auto);
    const std::string_view channelLabel = contract::wireName(requested);
    auto phone = contract::normalizePhone(request.phone, request.region.value_or(""));
    if (!phone) {
        metrics_.codeRequested(channelLabel, "invalid_phone");
        return contract::unexpected(invalidPhoneProblem(phone.error()));
    }
    const TimePoint now = clock_.now();

    auto limits = limiter_.acquireCodeRequest(phone.value(), client.ip, now);
    if (!limits) {
        metrics_.codeRequested(channelLabel, "service_unavailable");
        return contract::unexpected(storeProblem(limits.error(), "rate_limit.acquire"));
    }
    if (limits->refusedBy) {
        metrics_.rateLimitHit(wireName(*limits->refusedBy));
        metrics_.codeRequested(channelLabel, "rate_limited");
        return contract::unexpected(withExtension(ErrorCode::RateLimited, "too many codes requested; try again later",
                                                  "retry_after", limits->retryAfter.count()));
    }

    const auto testCode = settings_.testNumbers.find(phone.value());
    const bool isTestNumber = testCode != settings_.testNumbers.end();
    const std::string code =
        isTestNumber ? testCode->second : crypto::randomDigits(static_cast<std::size_t>(settings_.codeLength));
    store::OtpRecord record;
    record.phone = phone.value();
    record.requestId = crypto::randomUuid();
    record.codeHash = codeHash(record.phone, code);
    record.createdAt = now;
    record.expiresAt = now + settings_.codeLifetime;
    record.resendAt = now + settings_.resendCooldown;
    record.purgeAt = std::max(record.expiresAt + kExpiredCodeKnownFor, record.resendAt);
    record.attemptsLeft = settings_.maxAttempts;

    auto put = codes_.put(record, now);
    if (!put) {
        limiter_.release(limits->grants);
        metrics_.codeRequested(channelLabel, "service_unavailable");
        return contract::unexpected(storeProblem(put.error(), "otp.put"));
    }
    if (const auto* cooling = std::get_if<store::OtpCoolingDown>(&put.value())) {
        limiter_.release(limits->grants);
        metrics_.rateLimitHit("resend_cooldown");
        metrics_.codeRequested(channelLabel, "resend_too_soon");
        return contract::unexpected(withExtension(ErrorCode::ResendTooSoon,
                                                  "a code was sent moments ago; wait before asking again",
                                                  "retry_after", cooling->retryAfter.count()));
    }

    Delivery delivery;
    if (!isTestNumber) {
        delivery = deliver({record.phone, code, request.locale.value_or(""), record.requestId, requested,
                            settings_.codeLifetime, now});
    }
    if (!isTestNumber && delivery.by == nullptr) {
        const auto& previous = std::get<store::OtpStored>(put.value()).previous;
        if (auto restored = codes_.restore(record.phone, record.requestId, previous, now); !restored) {
            logStoreError(restored.error(), "otp.restore");
        }
        limiter_.release(limits->grants);
        metrics_.codeRequested(channelLabel, "delivery_unavailable");
        return fail(ErrorCode::DeliveryUnavailable, "the code could not be delivered; try again later");
    }

    const contract::DeliveryChannel channel =
        isTestNumber ? delivery::standInChannel(requested) : answeredChannel(delivery.result);
    if (!isTestNumber) {
        recordAccepted(delivery, record, now);
        if (const auto& previous = std::get<store::OtpStored>(put.value()).previous) {
            retire(previous->requestId);
        }
    }
    metrics_.codeRequested(channelLabel, isTestNumber ? "test_number" : "sent");
    appendAudit(audit_, {AuditEvent::CodeRequested, now, contract::maskPhone(record.phone), client.ip, "", "", "",
                         record.requestId, std::string(contract::wireName(channel))});
    contract::OtpResponse response;
    response.requestId = record.requestId;
    response.phone = record.phone;
    response.channel = channel;
    if (channel == contract::DeliveryChannel::TelegramLink) {
        response.linkUrl = delivery.result.linkUrl;
    }
    response.expiresIn = secondsUntil(record.expiresAt, now);
    response.resendIn = secondsUntil(record.resendAt, now);
    response.codeLength = static_cast<int>(code.size());
    return response;
}

ServiceResult<contract::Session> OtpService::verify(const contract::VerifyRequest& request,
                                                    const ClientContext& client) {
    auto phone = contract::normalizePhone(request.phone, request.region.value_or(""));
    if (!phone) {
        metrics_.verification("invalid_phone");
        return contract::unexpected(invalidPhoneProblem(phone.error()));
    }
    const TimePoint now = clock_.now();
    auto outcome = codes_.claim(phone.value(), codeHash(phone.value(), request.code), now);
    if (!outcome) {
        metrics_.verification("service_unavailable");
        return contract::unexpected(storeProblem(outcome.error(), "otp.claim"));
    }
    if (outcome->status != store::OtpClaimStatus::Claimed) {
        return claimFailed(outcome.value(), phone.value(), request, client, now);
    }
    return signIn(*outcome->record, request, client, now);
}

ServiceResult<contract::Session> OtpService::claimFailed(const store::OtpClaimOutcome& outcome,
                                                         const std::string& phone,
                                                         const contract::VerifyRequest& request,
                                                         const ClientContext& client, TimePoint now) {
    contract::Problem problem{ErrorCode::NoPendingCode, "no code is pending for this phone; request one",
                              nlohmann::json::object()};
    switch (outcome.status) {
    case store::OtpClaimStatus::WrongCode:
        if (outcome.attemptsLeft > 0) {
            problem = withExtension(ErrorCode::InvalidCode, "the code is not correct", "attempts_left",
                                    outcome.attemptsLeft);
            break;
        }
        [[fallthrough]];
    case store::OtpClaimStatus::Locked:
        // A new code may be requested once the cooldown of this one has passed.
        problem = withExtension(ErrorCode::TooManyAttempts, "too many wrong codes; request a new code",
                                "retry_after",
                                outcome.record ? atLeastOneSecond(outcome.record->resendAt - now) : 1);
        break;
    case store::OtpClaimStatus::Expired:
        problem = contract::Problem{ErrorCode::CodeExpired, "the code has expired; request a new one",
                                    nlohmann::json::object()};
        break;
    case store::OtpClaimStatus::Busy:
        problem.detail = "this code is already being used";
        break;
    case store::OtpClaimStatus::NoPending:
    case store::OtpClaimStatus::Claimed:
        break;
    }
    const bool lockedNow = outcome.status == store::OtpClaimStatus::WrongCode && outcome.attemptsLeft == 0;
    if (lockedNow && outcome.record) {
        retire(outcome.record->requestId);
    }
    const std::string result(contract::wireName(problem.code));
    metrics_.verification(result);
    appendAudit(audit_, {lockedNow ? AuditEvent::CodeLocked : AuditEvent::CodeFailed, now, contract::maskPhone(phone),
                         client.ip, deviceLabel(request.device), "", "",
                         outcome.record ? outcome.record->requestId : "", result});
    return contract::unexpected(std::move(problem));
}

ServiceResult<contract::Session> OtpService::signIn(const store::OtpRecord& record,
                                                    const contract::VerifyRequest& request,
                                                    const ClientContext& client, TimePoint now) {
    auto session = sessions_.signIn(record.phone, request.device);
    if (!session) {
        // The code stays valid: give the claim back so the user can retry.
        if (auto released = codes_.release(record.phone, record.requestId); !released) {
            logStoreError(released.error(), "otp.release");
        }
        metrics_.verification("service_unavailable");
        return contract::unexpected(storeProblem(session.error(), "accounts.sign_in"));
    }
    // A failed consume leaves the record claimed, so the code still cannot be reused.
    if (auto consumed = codes_.consume(record.phone, record.requestId); !consumed) {
        logStoreError(consumed.error(), "otp.consume");
    }
    retire(record.requestId);
    metrics_.verification("success");
    appendAudit(audit_, {AuditEvent::CodeVerified, now, contract::maskPhone(record.phone), client.ip,
                         deviceLabel(request.device), session->user.id, session->sessionId, record.requestId,
                         session->isNewUser ? "new_user" : "existing_user"});
    return std::move(session).value();
}

}  // namespace sesame::server
