#pragma once
// TelegramUpdateLog in process memory (mock mode, tests): the newest
// `capacity` claimed update ids, oldest forgotten first. Thread-safe.

#include "store/telegram_update_log.h"

#include <cstddef>
#include <deque>
#include <mutex>
#include <set>

namespace sesame::server::store {

class MemoryTelegramUpdateLog final : public TelegramUpdateLog {
public:
    explicit MemoryTelegramUpdateLog(std::size_t capacity = 100000);

    StoreResult<bool> claim(std::int64_t updateId, std::chrono::seconds keep) override;
    StoreResult<Done> release(std::int64_t updateId) override;
    StoreResult<std::optional<std::int64_t>> offset() override;
    StoreResult<Done> saveOffset(std::int64_t offset) override;

private:
    const std::size_t capacity_;
    std::mutex mutex_;
    std::set<std::int64_t> claimed_;
    std::deque<std::int64_t> order_;  // claim order, for forgetting the oldest
    std::optional<std::int64_t> offset_;
};

}  // namespace sesame::server::store
