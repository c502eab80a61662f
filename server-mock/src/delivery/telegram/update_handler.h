#pragma once
// What the bot does with each incoming Update, whether it came by webhook or
// by getUpdates: "/start <nonce>" offers a one-button keyboard that shares the
// user's own contact; a contact completes the link only when it is the
// sender's own (contact.user_id == from.id), not forwarded, sent in the
// private chat that opened the nonce, and its phone equals the phone the code
// was asked for; then the waiting code is sent. "/stop" unlinks the chat.
// Each update_id is handled once (TelegramUpdateLog).

#include "delivery/telegram/telegram_bot_channel.h"
#include "services/clock.h"
#include "store/telegram_link_store.h"
#include "store/telegram_update_log.h"

#include <nlohmann/json.hpp>

#include <cstdint>

namespace sesame::server::delivery {

enum class UpdateOutcome {
    Handled,    // acted on (replied, linked, unlinked)
    Ignored,    // not for us: another kind of update, a group chat, plain chatter, no update_id
    Duplicate,  // this update_id was handled before
    Retry,      // a store failed: nothing was done, ask for the update again
};

class TelegramUpdateHandler {
public:
    TelegramUpdateHandler(TelegramBotChannel& bot, store::TelegramLinkStore& links, store::TelegramUpdateLog& log,
                          const Clock& clock);

    // Handles one Update object (any JSON: what is not an update is ignored).
    UpdateOutcome handle(const nlohmann::json& update);

private:
    UpdateOutcome handleMessage(const nlohmann::json& message);
    UpdateOutcome start(std::int64_t chatId, const std::string& text);
    UpdateOutcome stop(std::int64_t chatId);
    UpdateOutcome contact(std::int64_t chatId, const nlohmann::json& message);
    UpdateOutcome refuse(std::int64_t chatId, const std::string& why, const char* reason);

    TelegramBotChannel& bot_;
    store::TelegramLinkStore& links_;
    store::TelegramUpdateLog& log_;
    const Clock& clock_;
};

}  // namespace sesame::server::delivery
