#pragma once
// RateLimitStore in process memory (mock mode and tests); one mutex makes
// each call atomic. Ended windows are dropped by a periodic sweep.

#include "store/rate_limit_store.h"

#include <cstddef>
#include <mutex>
#include <unordered_map>

namespace sesame::server::store {

class MemoryRateLimitStore final : public RateLimitStore {
public:
    StoreResult<RateDecision> acquire(const std::string& key, int limit, std::chrono::seconds window,
                                      TimePoint now) override;
    StoreResult<Done> release(const std::string& key, TimePoint windowStart) override;

private:
    struct Window {
        TimePoint start;
        TimePoint end;
        int hits = 0;
    };

    mutable std::mutex mutex_;
    std::unordered_map<std::string, Window> windows_;
    std::size_t callsSinceSweep_ = 0;
};

}  // namespace sesame::server::store
