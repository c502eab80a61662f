#pragma once
// One-time codes: POST /v1/otp (request) and POST /v1/otp/verify.
//
// Request, in order: normalise the phone; count the request against the
// per-IP and per-phone hourly limits (429 rate_limited; this wins over the
// cooldown); store the hashed code, which atomically checks the resend
// cooldown (429 resend_too_soon) and replaces any previous code; deliver
// through the channels the ChannelPolicy picks, in order, until one accepts
// the code (sent, queued, or awaiting a Telegram link: the answer's channel
// and link_url come from that channel's result, and its state is recorded in
// the DeliveryStatusStore). When every channel fails the
// request leaves no trace: the previous code is restored exactly as it was
// (so a code already delivered keeps working), the rate-limit hits are given
// back, and the answer is 503 delivery_unavailable. The answer never depends
// on whether the phone belongs to a user.
//
// Test numbers (settings.testNumbers) get their fixed code, are never handed
// to a channel, and otherwise go through exactly the same steps: limits,
// cooldown, attempts and expiry all apply, so they cannot be used to probe or
// bypass the limits, and their answers look like any other.
//
// Verify is two-phase so that a store failure while signing in loses nothing:
// claim the code (atomically; wrong codes use up attempts), create the
// user/shop/session in one transaction, then consume the code. If signing in
// fails the claim is given back and the code still works. `request_id` is
// not needed to verify: the phone's pending code is what counts.
//
// A code that stops working is retired on every channel
// (Channel::codeRetired: the Telegram bot deletes its message): when it is
// used, when it is replaced by a new code that was accepted for delivery, and
// when wrong codes lock it. Expiry is the channels' own schedule.

#include "config/settings.h"
#include "delivery/channel.h"
#include "delivery/channel_policy.h"
#include "delivery/delivery_status.h"
#include "services/auth_metrics.h"
#include "services/client_context.h"
#include "services/clock.h"
#include "services/rate_limiter.h"
#include "services/service_result.h"
#include "services/session_service.h"
#include "store/audit_log.h"
#include "store/otp_store.h"

#include <sesame/contract/messages.h>
#include <sesame/contract/phone.h>

#include <string>

namespace sesame::server {

class OtpService {
public:
    // Every reference must outlive the service.
    OtpService(const OtpSettings& settings, std::string pepper, store::OtpStore& codes, RateLimiter& limiter,
               const delivery::ChannelPolicy& policy, delivery::DeliveryStatusStore& statuses,
               SessionService& sessions, store::AuditLog& audit, AuthMetrics& metrics, const Clock& clock);

    // POST /v1/otp. Errors: 400 invalid_phone (with `reason`), 429
    // rate_limited / resend_too_soon (with retry_after), 503
    // delivery_unavailable, 503 service_unavailable.
    ServiceResult<contract::OtpResponse> request(const contract::OtpRequest& request, const ClientContext& client);

    // POST /v1/otp/verify. Errors: 400 invalid_phone, 400 invalid_code (with
    // attempts_left), 400 code_expired, 429 too_many_attempts (with
    // retry_after: when a new code may be requested), 400 no_pending_code
    // (none, or another verify of it is in progress), 503 service_unavailable.
    ServiceResult<contract::Session> verify(const contract::VerifyRequest& request, const ClientContext& client);

private:
    // What the store keeps of `code` for `phone`: hex HMAC-SHA256(pepper, phone ":" code).
    std::string codeHash(const std::string& phone, const std::string& code) const;
    struct Delivery {
        const delivery::Channel* by = nullptr;  // the accepting channel; null when none did
        delivery::DeliveryResult result;
    };

    Delivery deliver(const delivery::CodeMessage& message);
    void recordAccepted(const Delivery& delivery, const store::OtpRecord& record, TimePoint now);
    void retire(const std::string& requestId);
    ServiceResult<contract::Session> claimFailed(const store::OtpClaimOutcome& outcome, const std::string& phone,
                                                 const contract::VerifyRequest& request, const ClientContext& client,
                                                 TimePoint now);
    ServiceResult<contract::Session> signIn(const store::OtpRecord& record, const contract::VerifyRequest& request,
                                            const ClientContext& client, TimePoint now);

    OtpSettings settings_;
    std::string pepper_;
    store::OtpStore& codes_;
    RateLimiter& limiter_;
    const delivery::ChannelPolicy& policy_;
    delivery::DeliveryStatusStore& statuses_;
    SessionService& sessions_;
    store::AuditLog& audit_;
    AuthMetrics& metrics_;
    const Clock& clock_;
};

// The 400 invalid_phone problem for `error`, with field "phone" and `reason`.
contract::Problem invalidPhoneProblem(contract::PhoneError error);

}  // namespace sesame::server
