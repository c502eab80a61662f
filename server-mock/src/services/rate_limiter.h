#pragma once
// The hourly code-request limits of API.md: per phone and per client IP,
// counted in a RateLimitStore so they hold across server instances.

#include "config/settings.h"
#include "services/clock.h"
#include "store/rate_limit_store.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sesame::server {

enum class RateScope { Phone, Ip };

// "phone", "ip": the metrics label.
std::string_view wireName(RateScope scope);

// One counted hit, to be given back if the request ends up storing nothing.
struct RateGrant {
    std::string key;
    TimePoint windowStart;
};

struct RateCheck {
    std::vector<RateGrant> grants;  // what was counted (empty when refused)
    // Set when a limit refused: which one and when to come back.
    std::optional<RateScope> refusedBy;
    std::chrono::seconds retryAfter{0};
};

class RateLimiter {
public:
    RateLimiter(store::RateLimitStore& store, const OtpSettings& settings);

    // Counts one code request for `phone` (E.164) from `clientIp` against both
    // limits, all or nothing: if one refuses, hits already counted are given
    // back. The IP limit is checked first.
    store::StoreResult<RateCheck> acquireCodeRequest(const std::string& phone, const std::string& clientIp,
                                                     TimePoint now);

    // Gives back every grant (best effort: a store failure is logged, not returned).
    void release(const std::vector<RateGrant>& grants);

private:
    store::RateLimitStore& store_;
    int perPhone_;
    int perIp_;
    std::chrono::seconds window_;
};

}  // namespace sesame::server
