#pragma once
// When to refresh an access token: ahead of its expiry by a lead of 10% of its
// lifetime but at least 30 s, plus up to 25% random jitter so that many
// clients signed in at the same moment do not refresh at the same moment.
// Times are server times (see ServerClock).

#include "policy/unit_random.h"

#include <chrono>

namespace sesame {

class RefreshPolicy {
public:
    using TimePoint = std::chrono::system_clock::time_point;

    static constexpr std::chrono::seconds kMinimumLead{30};
    static constexpr double kLeadShare = 0.10;
    static constexpr double kJitterShare = 0.25;

    explicit RefreshPolicy(UnitRandom random);

    // The moment to refresh a token valid from `issuedAt` to `expiresAt`. The
    // lead never exceeds half the lifetime, so even a token that lives only a
    // few seconds is used before it is replaced; a token with no lifetime is
    // due at once. Draws new jitter on every call: call once per token.
    TimePoint refreshAt(TimePoint issuedAt, TimePoint expiresAt) const;

    // Time from `now` until `at`, never negative.
    static std::chrono::milliseconds delayUntil(TimePoint now, TimePoint at);

private:
    UnitRandom random_;
};

}  // namespace sesame
