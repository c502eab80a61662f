#include "store/memory/memory_telegram_update_log.h"

namespace sesame::server::store {

MemoryTelegramUpdateLog::MemoryTelegramUpdateLog(std::size_t capacity) : capacity_(capacity) {}

StoreResult<bool> MemoryTelegramUpdateLog::claim(std::int64_t updateId, std::chrono::seconds) {
    std::lock_guard lock(mutex_);
    if (!claimed_.insert(updateId).second) {
        return false;
    }
    order_.push_back(updateId);
    while (order_.size() > capacity_) {
        claimed_.erase(order_.front());
        order_.pop_front();
    }
    return true;
}

StoreResult<Done> MemoryTelegramUpdateLog::release(std::int64_t updateId) {
    std::lock_guard lock(mutex_);
    // Its entry in order_ stays: erasing an absent id later is harmless.
    claimed_.erase(updateId);
    return Done{};
}

StoreResult<std::optional<std::int64_t>> MemoryTelegramUpdateLog::offset() {
    std::lock_guard lock(mutex_);
    return offset_;
}

StoreResult<Done> MemoryTelegramUpdateLog::saveOffset(std::int64_t offset) {
    std::lock_guard lock(mutex_);
    offset_ = offset;
    return Done{};
}

}  // namespace sesame::server::store
