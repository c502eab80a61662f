#include "store/redis/redis_rate_limit_store.h"

#include "store/redis/redis_codec.h"

namespace sesame::server::store {
namespace {

// ARGV: now, limit, the end of a window opened now, the window in ms.
// Replies {allowed '1'|'0', window start, window end}.
constexpr const char* kAcquire = R"lua(
local now = ARGV[1]
local w = redis.call('HMGET', KEYS[1], 'start', 'end', 'hits')
local start, finish, hits = w[1], w[2], tonumber(w[3])
if not start or not before(now, finish) then
    start, finish, hits = now, ARGV[3], 0
    redis.call('HSET', KEYS[1], 'start', start, 'end', finish, 'hits', 0)
    redis.call('PEXPIRE', KEYS[1], ARGV[4])
end
if hits >= tonumber(ARGV[2]) then return {'0', start, finish} end
redis.call('HINCRBY', KEYS[1], 'hits', 1)
return {'1', start, finish}
)lua";

// ARGV: the start of the window the hit was counted in.
constexpr const char* kRelease = R"lua(
local w = redis.call('HMGET', KEYS[1], 'start', 'hits')
if w[1] == ARGV[1] and tonumber(w[2]) > 0 then redis.call('HINCRBY', KEYS[1], 'hits', -1) end
return 'done'
)lua";

}  // namespace

RedisRateLimitStore::RedisRateLimitStore(std::shared_ptr<RedisPool> pool, std::string keyPrefix)
    : pool_(std::move(pool)),
      prefix_(std::move(keyPrefix)),
      acquire_(std::string(kLuaTimeBefore) + kAcquire),
      release_(kRelease) {}

std::string RedisRateLimitStore::redisKey(const std::string& key) const {
    return prefix_ + "rl:" + key;
}

StoreResult<RateDecision> RedisRateLimitStore::acquire(const std::string& key, int limit,
                                                       std::chrono::seconds window, TimePoint now) {
    if (window <= std::chrono::seconds::zero()) {
        return storeInternal("rate limit window must be positive");
    }
    const auto windowMillis = std::chrono::duration_cast<std::chrono::milliseconds>(window).count();
    const auto reply = pool_->eval(acquire_, {redisKey(key)},
                                   {encodeTime(now), std::to_string(limit), encodeTime(now + window),
                                    std::to_string(windowMillis)});
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    const std::string* allowed = textAt(*reply, 0);
    const std::string* startText = textAt(*reply, 1);
    const std::string* endText = textAt(*reply, 2);
    const auto start = startText ? decodeTime(*startText) : std::nullopt;
    const auto end = endText ? decodeTime(*endText) : std::nullopt;
    if (allowed == nullptr || !start || !end) {
        return storeInternal("redis: malformed rate window");
    }
    if (*allowed == "1") {
        return RateDecision{true, std::chrono::seconds(0), *start};
    }
    return RateDecision{false, retryAfter(*end, now), *start};
}

StoreResult<Done> RedisRateLimitStore::release(const std::string& key, TimePoint windowStart) {
    return expectDone(pool_->eval(release_, {redisKey(key)}, {encodeTime(windowStart)}));
}

}  // namespace sesame::server::store
