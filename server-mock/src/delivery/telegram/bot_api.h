#pragma once
// A client of the Telegram Bot API (https://core.telegram.org/bots/api) for
// the calls the bot makes: getMe, sendMessage, deleteMessage, getUpdates and
// setWebhook. Requests are JSON POSTs to <api>/bot<token>/<method>; answers
// are the {"ok","result"} / {"ok":false,"error_code","description",
// "parameters":{"retry_after"}} envelope. Errors never hold the token.

#include "delivery/queue/dispatcher.h"
#include "delivery/upstream/http_client.h"

#include <nlohmann/json.hpp>
#include <sesame/contract/expected.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sesame::server::delivery {

struct BotApiError {
    int errorCode = 0;                   // Telegram's error_code (the HTTP status); 0 when there was no answer
    std::string description;            // Telegram's description, or the network error
    std::chrono::seconds retryAfter{0};  // parameters.retry_after of a 429
};

// Done for nothing; RetryAfter for 429; Transient for no answer, 5xx and
// unreadable answers; Permanent for the rest (400 bad request, 403 blocked).
RunResult runResultOf(const BotApiError& error);

struct OutgoingMessage {
    std::int64_t chatId = 0;
    std::string text;
    bool protectContent = false;        // code messages: no forwarding or saving
    nlohmann::json replyMarkup;         // null for none
};

class TelegramBotApi {
public:
    // `apiUrl` is the server's base URL ("https://api.telegram.org" or a fake's).
    TelegramBotApi(HttpClient& http, std::string apiUrl, std::string token);

    // The bot's @username.
    contract::Expected<std::string, BotApiError> getMe();
    // The sent message's message_id.
    contract::Expected<std::int64_t, BotApiError> sendMessage(const OutgoingMessage& message);
    contract::Expected<bool, BotApiError> deleteMessage(std::int64_t chatId, std::int64_t messageId);
    // Updates from `offset` on (confirming those below it), waiting up to
    // `timeout` for the first one; the call's deadline allows for the wait.
    contract::Expected<std::vector<nlohmann::json>, BotApiError> getUpdates(std::optional<std::int64_t> offset,
                                                                             std::chrono::seconds timeout, int limit);
    contract::Expected<bool, BotApiError> setWebhook(const std::string& url, const std::string& secretToken,
                                                     const std::vector<std::string>& allowedUpdates);

private:
    // The `result` of `method` called with `params`, or the error.
    contract::Expected<nlohmann::json, BotApiError> call(const std::string& method, const nlohmann::json& params,
                                                         std::chrono::milliseconds timeout);

    HttpClient& http_;
    const std::string apiUrl_;
    const std::string token_;
};

}  // namespace sesame::server::delivery
