#include "delivery/sms/msg91_api.h"

#include "delivery/sms/upstream_support.h"

#include <algorithm>

namespace sesame::server::delivery {
namespace {

constexpr std::string_view kUpstream = "msg91";

}  // namespace

HttpCall msg91OtpCall(const Msg91Settings& settings, std::string_view phone, std::string_view code,
                      std::chrono::seconds lifetime) {
    const std::string_view mobile = phone.substr(phone.starts_with('+') ? 1 : 0);
    const long long minutes = std::max<long long>(1, std::chrono::ceil<std::chrono::minutes>(lifetime).count());
    const std::string query = formEncode({{"template_id", settings.templateId},
                                          {"mobile", std::string(mobile)},
                                          {"otp", std::string(code)},
                                          {"otp_expiry", std::to_string(minutes)}});
    HttpCall call;
    call.url = joinUrl(settings.apiUrl, "/api/v5/otp?" + query);
    call.headers = {
        {"authkey", settings.authkey}, {"Content-Type", "application/json"}, {"Accept", "application/json"}};
    call.body = "{}";
    return call;
}

RunResult readMsg91Answer(const contract::Expected<HttpReply, std::string>& reply) {
    if (!reply) {
        return unreachable(kUpstream, reply.error());
    }
    if (auto outcome = throttledOrDown(kUpstream, reply.value())) {
        return *outcome;
    }
    const auto body = nlohmann::json::parse(reply->body, nullptr, false);
    const std::string type = stringMember(body, "type");
    if (reply->status == 200 && type == "success") {
        return doneWith(stringMember(body, "request_id"));
    }
    if (type == "error" || reply->status >= 400) {
        // MSG91's messages are short English sentences; they name no number or code.
        return refusedFor("msg91 refused (HTTP " + std::to_string(reply->status) + ")");
    }
    return RunResult{
        RunOutcome::Transient, {}, {}, "msg91 answered " + std::to_string(reply->status) + " without a type"};
}

}  // namespace sesame::server::delivery
