#include "delivery/telegram_gateway/gateway_api.h"

#include "delivery/sms/upstream_support.h"

#include <algorithm>

namespace sesame::server::delivery {
namespace {

constexpr std::string_view kUpstream = "telegram gateway";

// Error names are the Gateway's upper-case identifiers; anything else is cut
// down so a hostile answer cannot flood the logs.
std::string errorName(const nlohmann::json& error) {
    if (!error.is_string()) {
        return "UNKNOWN_ERROR";
    }
    std::string name = error.get<std::string>().substr(0, 64);
    const bool plain = std::all_of(name.begin(), name.end(),
                                   [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
    return plain && !name.empty() ? name : "UNKNOWN_ERROR";
}

}  // namespace

HttpCall gatewayCall(const TelegramGatewaySettings& settings, std::string_view method, const nlohmann::json& params) {
    HttpCall call;
    call.url = joinUrl(settings.apiUrl, "/" + std::string(method));
    call.headers = {{"Authorization", "Bearer " + settings.token}, {"Content-Type", "application/json"}};
    call.body = params.dump();
    return call;
}

nlohmann::json verificationParams(const TelegramGatewaySettings& settings, const GatewayVerification& message) {
    const auto ttl = std::clamp(message.lifetime, kGatewayMinTtl, kGatewayMaxTtl);
    nlohmann::json params{
        {"phone_number", message.phone}, {"code", message.code}, {"ttl", ttl.count()}, {"payload", message.requestId}};
    if (!message.abilityRequestId.empty()) {
        params["request_id"] = message.abilityRequestId;
    }
    if (!settings.callbackUrl.empty()) {
        params["callback_url"] = settings.callbackUrl;
    }
    return params;
}

GatewayAnswer readGatewayAnswer(const contract::Expected<HttpReply, std::string>& reply) {
    if (!reply) {
        return {unreachable(kUpstream, reply.error()), {}};
    }
    if (auto outcome = throttledOrDown(kUpstream, reply.value())) {
        return {*outcome, {}};
    }
    const auto body = nlohmann::json::parse(reply->body, nullptr, false);
    if (!body.is_object() || !body.contains("ok") || !body["ok"].is_boolean()) {
        const std::string detail = "telegram gateway answered " + std::to_string(reply->status) + " without ok";
        return {RunResult{RunOutcome::Transient, {}, {}, detail}, {}};
    }
    if (!body["ok"].get<bool>()) {
        return {refusedFor("telegram gateway refused: " + errorName(body.value("error", nlohmann::json()))), {}};
    }
    nlohmann::json result = body.value("result", nlohmann::json());
    std::string id = stringMember(result, "request_id");
    return {doneWith(std::move(id)), std::move(result)};
}

}  // namespace sesame::server::delivery
