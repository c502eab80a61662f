#include "delivery/telegram/bot_api.h"

namespace sesame::server::delivery {
namespace {

using contract::unexpected;

constexpr std::chrono::milliseconds kCallTimeout{10000};
// getUpdates waits on the server side; the connection must outlive that wait.
constexpr std::chrono::seconds kPollSlack{10};

std::string trimSlash(std::string url) {
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    return url;
}

// The `result` of an answer, or the error its envelope (or status) describes.
contract::Expected<nlohmann::json, BotApiError> readEnvelope(const HttpReply& reply) {
    const nlohmann::json body = nlohmann::json::parse(reply.body, nullptr, false);
    if (!body.is_object() || !body.contains("ok") || !body["ok"].is_boolean()) {
        // A proxy's or load balancer's page: judge by the status alone, and
        // take a 2xx without the envelope for no answer.
        const int code = reply.status >= 400 ? reply.status : 0;
        return unexpected(BotApiError{code, "unreadable answer (HTTP " + std::to_string(reply.status) + ")", {}});
    }
    if (body["ok"].get<bool>() && reply.status / 100 == 2) {
        return body.contains("result") ? body["result"] : nlohmann::json();
    }
    BotApiError error{reply.status, "", {}};
    if (body.contains("error_code") && body["error_code"].is_number_integer()) {
        error.errorCode = body["error_code"].get<int>();
    }
    if (body.contains("description") && body["description"].is_string()) {
        error.description = body["description"].get<std::string>().substr(0, 200);
    }
    const auto parameters = body.find("parameters");
    if (parameters != body.end() && parameters->is_object()) {
        const auto retry = parameters->find("retry_after");
        if (retry != parameters->end() && retry->is_number_integer()) {
            error.retryAfter = std::chrono::seconds(std::max<long long>(0, retry->get<long long>()));
        }
    }
    return unexpected(std::move(error));
}

}  // namespace

RunResult runResultOf(const BotApiError& error) {
    const std::string detail =
        "telegram " + (error.errorCode == 0 ? std::string("unreachable") : std::to_string(error.errorCode)) + ": " +
        error.description;
    if (error.errorCode == 429) {
        return RunResult{RunOutcome::RetryAfter, std::max(error.retryAfter, std::chrono::seconds(1)), "", detail};
    }
    if (error.errorCode == 0 || error.errorCode >= 500) {
        return RunResult{RunOutcome::Transient, {}, "", detail};
    }
    return RunResult{RunOutcome::Permanent, {}, "", detail};
}

TelegramBotApi::TelegramBotApi(HttpClient& http, std::string apiUrl, std::string token)
    : http_(http), apiUrl_(trimSlash(std::move(apiUrl))), token_(std::move(token)) {}

contract::Expected<nlohmann::json, BotApiError> TelegramBotApi::call(const std::string& method,
                                                                     const nlohmann::json& params,
                                                                     std::chrono::milliseconds timeout) {
    HttpCall request;
    request.url = apiUrl_ + "/bot" + token_ + "/" + method;
    request.headers = {{"Content-Type", "application/json"}};
    request.body = params.dump();
    request.timeout = timeout;
    auto reply = http_.call(request);
    if (!reply) {
        return unexpected(BotApiError{0, reply.error(), {}});
    }
    return readEnvelope(reply.value());
}

contract::Expected<std::string, BotApiError> TelegramBotApi::getMe() {
    auto result = call("getMe", nlohmann::json::object(), kCallTimeout);
    if (!result) {
        return unexpected(result.error());
    }
    const auto username = result->find("username");
    if (!result->is_object() || username == result->end() || !username->is_string()) {
        return unexpected(BotApiError{200, "getMe answered no username", {}});
    }
    return username->get<std::string>();
}

contract::Expected<std::int64_t, BotApiError> TelegramBotApi::sendMessage(const OutgoingMessage& message) {
    nlohmann::json params{{"chat_id", message.chatId}, {"text", message.text}};
    if (message.protectContent) {
        params["protect_content"] = true;
    }
    if (!message.replyMarkup.is_null()) {
        params["reply_markup"] = message.replyMarkup;
    }
    auto result = call("sendMessage", params, kCallTimeout);
    if (!result) {
        return unexpected(result.error());
    }
    const auto id = result->is_object() ? result->find("message_id") : result->end();
    if (id == result->end() || !id->is_number_integer()) {
        return unexpected(BotApiError{200, "sendMessage answered no message_id", {}});
    }
    return id->get<std::int64_t>();
}

contract::Expected<bool, BotApiError> TelegramBotApi::deleteMessage(std::int64_t chatId, std::int64_t messageId) {
    auto result = call("deleteMessage", {{"chat_id", chatId}, {"message_id", messageId}}, kCallTimeout);
    if (!result) {
        return unexpected(result.error());
    }
    return true;
}

contract::Expected<std::vector<nlohmann::json>, BotApiError> TelegramBotApi::getUpdates(
    std::optional<std::int64_t> offset, std::chrono::seconds timeout, int limit) {
    nlohmann::json params{{"timeout", timeout.count()}, {"limit", limit}, {"allowed_updates", {"message"}}};
    if (offset) {
        params["offset"] = *offset;
    }
    auto result = call("getUpdates", params, std::chrono::duration_cast<std::chrono::milliseconds>(timeout + kPollSlack));
    if (!result) {
        return unexpected(result.error());
    }
    if (!result->is_array()) {
        return unexpected(BotApiError{200, "getUpdates answered no array", {}});
    }
    return result->get<std::vector<nlohmann::json>>();
}

contract::Expected<bool, BotApiError> TelegramBotApi::setWebhook(const std::string& url, const std::string& secretToken,
                                                                 const std::vector<std::string>& allowedUpdates) {
    nlohmann::json params{{"url", url}, {"allowed_updates", allowedUpdates}};
    if (!secretToken.empty()) {
        params["secret_token"] = secretToken;
    }
    auto result = call("setWebhook", params, kCallTimeout);
    if (!result) {
        return unexpected(result.error());
    }
    return true;
}

}  // namespace sesame::server::delivery
