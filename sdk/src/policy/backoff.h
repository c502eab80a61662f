#pragma once
// Capped exponential backoff with jitter for retrying a failed refresh: the
// n-th delay is min(cap, initial * 2^n) shortened by up to `jitter` of itself,
// so clients that failed together do not retry together.

#include "policy/unit_random.h"

#include <chrono>

namespace sesame {

class Backoff {
public:
    struct Settings {
        std::chrono::milliseconds initial{1000};
        std::chrono::milliseconds cap{120'000};
        double jitter = 0.5;  // share of a delay that may be cut off, 0..1
    };

    Backoff(Settings settings, UnitRandom random);

    // The wait before the next attempt; each call counts one failure. A
    // server's Retry-After, when longer, wins.
    std::chrono::milliseconds next(std::chrono::seconds retryAfter = std::chrono::seconds::zero());
    // The longest wait, for failures a quick retry will not cure.
    std::chrono::milliseconds nextAtCap(std::chrono::seconds retryAfter = std::chrono::seconds::zero());
    // Back to the initial delay after a success.
    void reset() { failures_ = 0; }
    int failures() const { return failures_; }

private:
    std::chrono::milliseconds jittered(std::chrono::milliseconds base, std::chrono::seconds retryAfter) const;

    Settings settings_;
    UnitRandom random_;
    int failures_ = 0;
};

}  // namespace sesame
