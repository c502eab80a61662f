#include "store/redis/redis_codec.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace sesame::server::store {
namespace {

static_assert(std::is_same_v<TimePoint::duration, std::chrono::nanoseconds>,
              "the encoding assumes a nanosecond system_clock");

constexpr std::uint64_t kOffset = std::uint64_t{1} << 63;
constexpr std::size_t kTimeDigits = 20;
constexpr long long kMaxTtlMillis = 100LL * 365 * 24 * 3600 * 1000;

}  // namespace

std::string encodeTime(TimePoint time) {
    const auto shifted = static_cast<std::uint64_t>(time.time_since_epoch().count()) ^ kOffset;
    char digits[kTimeDigits];
    auto [end, ec] = std::to_chars(digits, digits + kTimeDigits, shifted);
    const auto length = static_cast<std::size_t>(end - digits);
    return std::string(kTimeDigits - length, '0') + std::string(digits, length);
}

std::optional<TimePoint> decodeTime(std::string_view text) {
    std::uint64_t shifted = 0;
    if (text.size() != kTimeDigits) {
        return std::nullopt;
    }
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), shifted);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return TimePoint(std::chrono::nanoseconds(static_cast<std::int64_t>(shifted ^ kOffset)));
}

long long ttlMillis(TimePoint until, TimePoint now) {
    if (until <= now) {
        return 0;
    }
    std::int64_t nanos = 0;
    if (__builtin_sub_overflow(until.time_since_epoch().count(), now.time_since_epoch().count(), &nanos)) {
        return kMaxTtlMillis;
    }
    const long long millis = nanos / 1'000'000 + (nanos % 1'000'000 != 0 ? 1 : 0);
    return std::min(millis, kMaxTtlMillis);
}

std::chrono::seconds retryAfter(TimePoint until, TimePoint now) {
    return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(until - now));
}

std::optional<int> decodeInt(std::string_view text) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

const std::string* textAt(const RedisValue& reply, std::size_t index) {
    if (reply.kind != RedisValue::Kind::Array || index >= reply.elements.size() ||
        reply.elements[index].kind != RedisValue::Kind::String) {
        return nullptr;
    }
    return &reply.elements[index].text;
}

StoreResult<Done> expectDone(const StoreResult<RedisValue>& reply) {
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    if (reply->kind != RedisValue::Kind::String || reply->text != "done") {
        return storeInternal("redis: unexpected script reply");
    }
    return Done{};
}

}  // namespace sesame::server::store
