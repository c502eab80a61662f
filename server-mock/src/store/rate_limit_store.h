#pragma once
// Hit counters for rate limits, shared by every server instance on one store.
//
// A key counts hits in fixed windows: a window opens at the first hit after
// the previous one ended and lasts `window`; at most `limit` hits are counted
// in it. acquire() checks and counts in one atomic step (Redis: one Lua
// script), and a refused hit is not counted, so hammering a full limit does
// not extend it.

#include "store/store_result.h"

#include <chrono>
#include <string>

namespace sesame::server::store {

struct RateDecision {
    bool allowed = false;
    std::chrono::seconds retryAfter{0};  // refused: ceil(window end - now), at least 1 s
    TimePoint windowStart;               // allowed: the window the hit was counted in, for release()
};

class RateLimitStore {
public:
    virtual ~RateLimitStore() = default;

    // Counts one hit on `key` if fewer than `limit` hits are counted in its
    // current window (opening a new window of length `window` if none is
    // open at `now`); refuses without counting otherwise. `window` > 0.
    virtual StoreResult<RateDecision> acquire(const std::string& key, int limit, std::chrono::seconds window,
                                              TimePoint now) = 0;

    // Gives back one hit that acquire() counted in the window opened at
    // `windowStart`; a no-op once that window has ended or has no hits left.
    virtual StoreResult<Done> release(const std::string& key, TimePoint windowStart) = 0;
};

}  // namespace sesame::server::store
