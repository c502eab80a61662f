#pragma once
// Long polling (getUpdates) for a bot without a public webhook URL: one
// thread asks for updates from the saved offset, hands each to the
// TelegramUpdateHandler, and saves the next offset after each update, so a
// restart neither skips nor repeats one. Errors back off (1 s doubling to
// 30 s, 429's retry_after when given).

#include "delivery/telegram/bot_api.h"
#include "delivery/telegram/update_handler.h"
#include "store/telegram_update_log.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace sesame::server::delivery {

class TelegramPoller {
public:
    // `pollTimeout` is getUpdates' long-poll wait.
    TelegramPoller(TelegramBotApi& api, TelegramUpdateHandler& handler, store::TelegramUpdateLog& log,
                   std::chrono::seconds pollTimeout);
    ~TelegramPoller();  // stop()s
    TelegramPoller(const TelegramPoller&) = delete;
    TelegramPoller& operator=(const TelegramPoller&) = delete;

    void start();
    // Ends the thread: a getUpdates with timeout 0 ends the waiting long poll
    // at once (Telegram answers it 409, "terminated by other getUpdates request").
    void stop();

private:
    void loop();
    // One getUpdates round; the wait before the next one.
    std::chrono::milliseconds pollOnce();
    // Sleeps up to `wait`; false when stopping.
    bool pause(std::chrono::milliseconds wait);

    TelegramBotApi& api_;
    TelegramUpdateHandler& handler_;
    store::TelegramUpdateLog& log_;
    const std::chrono::seconds pollTimeout_;
    std::chrono::milliseconds backoff_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace sesame::server::delivery
