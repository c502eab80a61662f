#include "delivery/sms/twilio_api.h"

#include "crypto/base64url.h"
#include "delivery/sms/upstream_support.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace sesame::server::delivery {
namespace {

constexpr std::string_view kUpstream = "twilio";
constexpr std::size_t kMaxSidBytes = 64;

// Twilio's numeric error code, or "unknown".
std::string errorCode(const nlohmann::json& body) {
    const auto code = body.is_object() ? body.find("code") : body.end();
    if (code != body.end() && code->is_number_integer()) {
        return std::to_string(code->get<long long>());
    }
    return "unknown";
}

bool plainSid(const std::string& sid) {
    return !sid.empty() && sid.size() <= kMaxSidBytes &&
           std::all_of(sid.begin(), sid.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

}  // namespace

HttpCall twilioCreateCall(const TwilioSettings& settings, std::string_view to, std::string_view text) {
    std::vector<std::pair<std::string, std::string>> fields{{"To", std::string(to)}};
    if (!settings.messagingServiceSid.empty()) {
        fields.emplace_back("MessagingServiceSid", settings.messagingServiceSid);
    } else {
        fields.emplace_back("From", settings.from);
    }
    fields.emplace_back("Body", std::string(text));
    if (!settings.statusCallbackUrl.empty()) {
        fields.emplace_back("StatusCallback", settings.statusCallbackUrl);
    }
    HttpCall call;
    call.url = joinUrl(settings.apiUrl, "/2010-04-01/Accounts/" + settings.accountSid + "/Messages.json");
    call.headers = {{"Authorization", "Basic " + crypto::base64Encode(settings.accountSid + ":" + settings.authToken)},
                    {"Content-Type", "application/x-www-form-urlencoded"},
                    {"Accept", "application/json"}};
    call.body = formEncode(fields);
    return call;
}

RunResult readTwilioAnswer(const contract::Expected<HttpReply, std::string>& reply) {
    if (!reply) {
        return unreachable(kUpstream, reply.error());
    }
    if (auto outcome = throttledOrDown(kUpstream, reply.value())) {
        return *outcome;
    }
    const auto body = nlohmann::json::parse(reply->body, nullptr, false);
    if (reply->status == 201 || reply->status == 200) {
        const std::string sid = stringMember(body, "sid");
        if (plainSid(sid)) {
            return doneWith(sid);
        }
        return RunResult{RunOutcome::Transient, {}, {}, "twilio answered without a message sid"};
    }
    return refusedFor("twilio error " + errorCode(body) + " (HTTP " + std::to_string(reply->status) + ")");
}

}  // namespace sesame::server::delivery
