#include "policy/backoff.h"

#include <algorithm>

namespace sesame {

using std::chrono::milliseconds;

Backoff::Backoff(Settings settings, UnitRandom random) : settings_(settings), random_(std::move(random)) {
    settings_.initial = std::max(settings_.initial, milliseconds{1});
    settings_.cap = std::max(settings_.cap, settings_.initial);
    settings_.jitter = std::clamp(settings_.jitter, 0.0, 1.0);
}

milliseconds Backoff::next(std::chrono::seconds retryAfter) {
    // Doubling stops at the cap, so the shift never overflows.
    milliseconds base = settings_.initial;
    for (int i = 0; i < failures_ && base < settings_.cap; ++i) {
        base *= 2;
    }
    ++failures_;
    return jittered(std::min(base, settings_.cap), retryAfter);
}

milliseconds Backoff::nextAtCap(std::chrono::seconds retryAfter) {
    ++failures_;
    return jittered(settings_.cap, retryAfter);
}

milliseconds Backoff::jittered(milliseconds base, std::chrono::seconds retryAfter) const {
    const double cut = settings_.jitter * drawUnit(random_);
    const milliseconds delay{static_cast<milliseconds::rep>(static_cast<double>(base.count()) * (1.0 - cut))};
    return std::max({delay, milliseconds{1}, milliseconds{retryAfter}});
}

}  // namespace sesame
