#pragma once
// Calls of Telegram's Gateway API (https://core.telegram.org/gateway/api):
// POST <api url>/<method> with a JSON body and "Authorization: Bearer
// <token>"; answers are {"ok":true,"result":...} or {"ok":false,"error":"NAME"}.

#include "config/settings.h"
#include "delivery/queue/dispatcher.h"
#include "delivery/upstream/http_client.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace sesame::server::delivery {

// The ttl range sendVerificationMessage accepts, in seconds.
inline constexpr std::chrono::seconds kGatewayMinTtl{30};
inline constexpr std::chrono::seconds kGatewayMaxTtl{3600};

// The call of `method` with `params` as its JSON body.
HttpCall gatewayCall(const TelegramGatewaySettings& settings, std::string_view method, const nlohmann::json& params);

struct GatewayVerification {
    std::string phone;  // E.164
    std::string code;   // ours: the Gateway shows it, never makes its own
    std::chrono::seconds lifetime{0};
    std::string requestId;         // our OTP request id, sent as `payload`
    std::string abilityRequestId;  // checkSendAbility's request_id: the send is then free
};

// sendVerificationMessage's parameters: ttl is the lifetime clamped to the
// Gateway's range; callback_url only when configured.
nlohmann::json verificationParams(const TelegramGatewaySettings& settings, const GatewayVerification& message);

struct GatewayAnswer {
    RunResult run;          // Done (upstreamId = result.request_id when there is one) or why not
    nlohmann::json result;  // Done: the answer's `result`
};

// What an answer means: ok:true → Done; ok:false → Permanent naming the
// error ("PHONE_NUMBER_NOT_AVAILABLE"), except 429 → RetryAfter and 5xx or
// no answer → Transient. A body that is not the documented shape is Transient.
GatewayAnswer readGatewayAnswer(const contract::Expected<HttpReply, std::string>& reply);

}  // namespace sesame::server::delivery
