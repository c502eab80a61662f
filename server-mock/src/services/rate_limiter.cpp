#include "services/rate_limiter.h"

#include "services/service_result.h"

namespace sesame::server {

std::string_view wireName(RateScope scope) { return scope == RateScope::Phone ? "phone" : "ip"; }

RateLimiter::RateLimiter(store::RateLimitStore& store, const OtpSettings& settings)
    : store_(store), perPhone_(settings.perPhonePerHour), perIp_(settings.perIpPerHour), window_(settings.rateWindow) {}

store::StoreResult<RateCheck> RateLimiter::acquireCodeRequest(const std::string& phone, const std::string& clientIp,
                                                              TimePoint now) {
    const struct {
        RateScope scope;
        std::string key;
        int limit;
    } limits[] = {{RateScope::Ip, "otp:ip:" + clientIp, perIp_}, {RateScope::Phone, "otp:phone:" + phone, perPhone_}};

    RateCheck check;
    for (const auto& limit : limits) {
        auto decision = store_.acquire(limit.key, limit.limit, window_, now);
        if (!decision || !decision->allowed) {
            release(check.grants);
            if (!decision) {
                return contract::unexpected(decision.error());
            }
            return RateCheck{{}, limit.scope, decision->retryAfter};
        }
        check.grants.push_back(RateGrant{limit.key, decision->windowStart});
    }
    return check;
}

void RateLimiter::release(const std::vector<RateGrant>& grants) {
    for (const auto& grant : grants) {
        if (auto done = store_.release(grant.key, grant.windowStart); !done) {
            logStoreError(done.error(), "rate_limit.release");
        }
    }
}

}  // namespace sesame::server
