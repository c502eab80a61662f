#include "store/memory/memory_rate_limit_store.h"

#include <algorithm>

namespace sesame::server::store {
namespace {

constexpr std::size_t kCallsPerSweep = 1024;

}  // namespace

StoreResult<RateDecision> MemoryRateLimitStore::acquire(const std::string& key, int limit,
                                                        std::chrono::seconds window, TimePoint now) {
    std::lock_guard lock(mutex_);
    if (++callsSinceSweep_ >= kCallsPerSweep) {
        callsSinceSweep_ = 0;
        std::erase_if(windows_, [now](const auto& entry) { return now >= entry.second.end; });
    }
    auto [it, inserted] = windows_.try_emplace(key);
    Window& current = it->second;
    if (inserted || now >= current.end) {
        current = Window{now, now + window, 0};
    }
    if (current.hits >= limit) {
        const auto wait = std::chrono::ceil<std::chrono::seconds>(current.end - now);
        return RateDecision{false, std::max(std::chrono::seconds(1), wait), current.start};
    }
    ++current.hits;
    return RateDecision{true, std::chrono::seconds(0), current.start};
}

StoreResult<Done> MemoryRateLimitStore::release(const std::string& key, TimePoint windowStart) {
    std::lock_guard lock(mutex_);
    if (auto it = windows_.find(key); it != windows_.end() && it->second.start == windowStart && it->second.hits > 0) {
        --it->second.hits;
    }
    return Done{};
}

}  // namespace sesame::server::store
