#pragma once
// How the Redis stores put times and numbers into Lua script arguments and
// read them back from the replies.

#include "store/redis/redis_value.h"
#include "store/store_result.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sesame::server::store {

// A time as 20 decimal digits: nanoseconds since the epoch offset by 2^63.
// Every TimePoint has an exact, fixed-width, order-preserving encoding, which
// the scripts compare exactly (Lua numbers are doubles and could not hold it).
std::string encodeTime(TimePoint time);
// The inverse of encodeTime; nullopt for anything else.
std::optional<TimePoint> decodeTime(std::string_view text);

// Lua that defines before(a, b): a < b for two encoded times. Scripts that
// compare times start with it.
inline constexpr std::string_view kLuaTimeBefore = R"lua(
local function before(a, b)
    local ha, hb = tonumber(string.sub(a, 1, 10)), tonumber(string.sub(b, 1, 10))
    if ha ~= hb then return ha < hb end
    return tonumber(string.sub(a, 11)) < tonumber(string.sub(b, 11))
end
)lua";

// Milliseconds from `now` to `until` rounded up (what PEXPIRE gets), capped
// at 100 years; 0 when `until` is not after `now` (store nothing).
long long ttlMillis(TimePoint until, TimePoint now);

// ceil(until - now) in seconds, at least 1 s: a Retry-After.
std::chrono::seconds retryAfter(TimePoint until, TimePoint now);

// A decimal integer (optional '-') that fits in int; nullopt otherwise.
std::optional<int> decodeInt(std::string_view text);

// Element `index` of an array reply when it is a string; nullptr otherwise.
const std::string* textAt(const RedisValue& reply, std::size_t index);

// Done when a script replied 'done'; its error, or Internal for any other reply.
StoreResult<Done> expectDone(const StoreResult<RedisValue>& reply);

}  // namespace sesame::server::store
