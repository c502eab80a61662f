#include "delivery/telegram/poller.h"

#include "telemetry/log.h"

#include <algorithm>

namespace sesame::server::delivery {
namespace {

using namespace std::chrono_literals;

constexpr std::chrono::milliseconds kFirstBackoff = 1s;
constexpr std::chrono::milliseconds kMaxBackoff = 30s;
constexpr int kBatch = 100;

}  // namespace

TelegramPoller::TelegramPoller(TelegramBotApi& api, TelegramUpdateHandler& handler, store::TelegramUpdateLog& log,
                               std::chrono::seconds pollTimeout)
    : api_(api), handler_(handler), log_(log), pollTimeout_(pollTimeout), backoff_(kFirstBackoff) {}

TelegramPoller::~TelegramPoller() { stop(); }

void TelegramPoller::start() {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable() && !stopping_) {
        thread_ = std::thread([this] { loop(); });
    }
}

void TelegramPoller::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || !thread_.joinable()) {
            stopping_ = true;
            return;
        }
        stopping_ = true;
    }
    wake_.notify_all();
    // Ends a long poll under way; what it answers is ignored (offset unchanged).
    auto offset = log_.offset();
    (void)api_.getUpdates(offset ? offset.value() : std::nullopt, 0s, 1);
    thread_.join();
}

void TelegramPoller::loop() {
    telemetry::log(telemetry::LogLevel::Info, "telegram_polling_started");
    while (pause(pollOnce())) {
    }
    telemetry::log(telemetry::LogLevel::Info, "telegram_polling_stopped");
}

std::chrono::milliseconds TelegramPoller::pollOnce() {
    auto offset = log_.offset();
    if (!offset) {
        telemetry::log(telemetry::LogLevel::Warn, "telegram_offset_unavailable", {{"detail", offset.error().detail}});
        return backoff_ = std::min(backoff_ * 2, kMaxBackoff);
    }
    auto updates = api_.getUpdates(offset.value(), pollTimeout_, kBatch);
    if (!updates) {
        const RunResult result = runResultOf(updates.error());
        {
            std::lock_guard lock(mutex_);
            if (stopping_) {
                return 0ms;
            }
        }
        telemetry::log(telemetry::LogLevel::Warn, "telegram_poll_failed", {{"detail", result.detail}});
        const auto wait = result.outcome == RunOutcome::RetryAfter
                              ? std::chrono::milliseconds(result.retryAfter)
                              : backoff_;
        backoff_ = std::min(backoff_ * 2, kMaxBackoff);
        return wait;
    }
    backoff_ = kFirstBackoff;
    for (const auto& update : updates.value()) {
        const UpdateOutcome outcome = handler_.handle(update);
        if (outcome == UpdateOutcome::Retry) {
            // Handled again next round (a store failed), from this update on.
            return kFirstBackoff;
        }
        const auto id = update.is_object() ? update.find("update_id") : update.end();
        if (id == update.end() || !id->is_number_integer()) {
            continue;  // Telegram always numbers updates; nothing to confirm
        }
        if (auto saved = log_.saveOffset(id->get<std::int64_t>() + 1); !saved) {
            return kFirstBackoff;
        }
    }
    return 0ms;
}

bool TelegramPoller::pause(std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, wait, [this] { return stopping_; });
    return !stopping_;
}

}  // namespace sesame::server::delivery
