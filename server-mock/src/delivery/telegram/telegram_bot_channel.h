#pragma once
// The "telegram_bot" channel: codes go to the private chat linked to the
// phone, through the Dispatcher's "telegram_bot" lane (paced, durable), with
// protect_content; each code message is deleted when its code is used,
// replaced or expires (within Telegram's 48-hour limit on deletions). A phone
// with no linked chat gets a deep link t.me/<bot>?start=<nonce> instead, and
// its code waits, sealed, in a pending link until the user proves the phone
// (TelegramUpdateHandler). The bot's replies to users run on the same lane.

#include "crypto/sealed_box.h"
#include "delivery/channel.h"
#include "delivery/delivery_status.h"
#include "delivery/queue/dispatcher.h"
#include "delivery/telegram/bot_api.h"
#include "services/clock.h"
#include "store/telegram_link_store.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace sesame::server::delivery {

// Where the channel reports each change of a request's delivery (status
// store, metrics, audit); `final` for the last one (sent for good, or failed).
using DeliveryReporter = std::function<void(const DeliveryStatus& status, bool final)>;

struct TelegramBotDependencies {
    TelegramBotApi& api;
    Dispatcher& dispatcher;
    store::TelegramLinkStore& links;
    const crypto::SealedBox& sealer;
    const Clock& clock;
    DeliveryReporter report;
    std::shared_ptr<void> keepAlive;  // owns what the references above point to, when nothing else does
};

class TelegramBotChannel final : public Channel {
public:
    // `username` is the bot's @username for links; "" asks getMe on first need.
    TelegramBotChannel(TelegramBotDependencies deps, std::string username);

    std::string_view name() const override { return "telegram_bot"; }
    bool serves(contract::Channel requested) const override;
    // Linked phone: submits the code (Sent or Queued). Unlinked: stores a
    // pending link and answers AwaitingLink. Failed when the upstream or a store failed.
    DeliveryResult send(const CodeMessage& message) override;
    // Runs the deletion of the request's code message now, and forgets its pending link.
    void codeRetired(const std::string& requestId) override;

    // The lanes running this bot's jobs: "telegram_bot" (send, reply; paced
    // per bot and per chat) and "telegram_bot_delete" (delete); add them to
    // the Dispatcher before it starts.
    std::vector<Lane> lanes(double perSecond, std::chrono::milliseconds perChatInterval);

    // After a link: sends the pending link's code to `chatId` and takes the
    // contact keyboard away. False when it could not even be queued.
    bool deliverLinked(const store::TelegramPendingLink& pending, std::int64_t chatId);
    // Queues a reply (no code) to `chatId`; `markup` may be null.
    void reply(std::int64_t chatId, const std::string& text, const nlohmann::json& markup);

    // The bot's username, asking getMe when unknown; "" when that failed.
    std::string username();

private:
    DeliveryResult sendToChat(const CodeMessage& message, std::int64_t chatId);
    DeliveryResult offerLink(const CodeMessage& message);
    Submitted submitCode(const std::string& requestId, std::int64_t chatId, const std::string& text,
                         JobTime expiresAt, bool removeKeyboard);
    RunResult run(const Job& job);
    void finished(const Job& job, const RunResult& result);
    void afterSent(const Job& job, const std::string& messageId);
    void report(const std::string& requestId, DeliveryState state, const std::string& upstreamId,
                const std::string& detail, bool final);

    TelegramBotDependencies deps_;
    std::mutex usernameMutex_;
    std::string username_;
    // Requests whose code died while its message was still being sent: their
    // deletion is due at once when the send finishes. Bounded, oldest out.
    std::mutex retiredMutex_;
    std::deque<std::string> retired_;
};

}  // namespace sesame::server::delivery
