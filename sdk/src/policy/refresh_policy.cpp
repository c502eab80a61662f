#include "policy/refresh_policy.h"

#include <algorithm>

namespace sesame {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

RefreshPolicy::RefreshPolicy(UnitRandom random) : random_(std::move(random)) {}

RefreshPolicy::TimePoint RefreshPolicy::refreshAt(TimePoint issuedAt, TimePoint expiresAt) const {
    const auto lifetime = duration_cast<milliseconds>(expiresAt - issuedAt);
    if (lifetime <= milliseconds::zero()) {
        return issuedAt;
    }
    const auto share = milliseconds{static_cast<milliseconds::rep>(lifetime.count() * kLeadShare)};
    const auto lead = std::max<milliseconds>(share, kMinimumLead);
    const auto jitter = milliseconds{static_cast<milliseconds::rep>(lead.count() * kJitterShare * drawUnit(random_))};
    return expiresAt - std::min<milliseconds>(lead + jitter, lifetime / 2);
}

milliseconds RefreshPolicy::delayUntil(TimePoint now, TimePoint at) {
    return std::max(milliseconds::zero(), duration_cast<milliseconds>(at - now));
}

}  // namespace sesame
