#pragma once
// RateLimitStore on Redis: one hash per key, `<prefix>rl:<key>`, holding the
// current window (start, end, hits) and expiring at its end. acquire() and
// release() are one Lua script each, so limits hold across server instances.
// As with the OTP store, windows are judged by the caller's `now`, never by
// the Redis clock.

#include "store/rate_limit_store.h"
#include "store/redis/lua_script.h"
#include "store/redis/redis_pool.h"

#include <memory>
#include <string>

namespace sesame::server::store {

class RedisRateLimitStore final : public RateLimitStore {
public:
    // `keyPrefix` starts every key; stores that share a prefix share counters.
    explicit RedisRateLimitStore(std::shared_ptr<RedisPool> pool, std::string keyPrefix = "sesame:");

    // A `window` that is not positive is refused as Internal (a caller's bug).
    StoreResult<RateDecision> acquire(const std::string& key, int limit, std::chrono::seconds window,
                                      TimePoint now) override;
    StoreResult<Done> release(const std::string& key, TimePoint windowStart) override;

    // The Redis key of the counter `key`.
    std::string redisKey(const std::string& key) const;

private:
    std::shared_ptr<RedisPool> pool_;
    std::string prefix_;
    LuaScript acquire_;
    LuaScript release_;
};

}  // namespace sesame::server::store
