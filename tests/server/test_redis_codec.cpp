// How store/redis encodes times for its Lua scripts and derives TTLs.

#include "store/redis/redis_codec.h"

#include <catch2/catch.hpp>

#include <limits>
#include <vector>

using namespace sesame::server::store;
using namespace std::chrono_literals;

TEST_CASE("encodeTime is exact, fixed-width and ordered like the times", "[redis][codec]") {
    const std::vector<TimePoint> times = {
        TimePoint::min(),
        TimePoint(-1s),
        TimePoint(-1ns),
        TimePoint{},
        TimePoint(1ns),
        TimePoint(std::chrono::seconds(1717200000)),
        TimePoint(std::chrono::seconds(1717200000) + 1ns),
        TimePoint(std::chrono::seconds(1717200001)),
        TimePoint::max(),
    };
    for (std::size_t i = 0; i < times.size(); ++i) {
        const auto text = encodeTime(times[i]);
        INFO(text);
        CHECK(text.size() == 20);
        CHECK(decodeTime(text) == times[i]);
        if (i > 0) {
            CHECK(encodeTime(times[i - 1]) < text);
        }
    }
    CHECK(encodeTime(TimePoint{}) == "09223372036854775808");
}

TEST_CASE("decodeTime refuses anything but 20 digits", "[redis][codec]") {
    for (const char* text : {"", "0", "0922337203685477580", "092233720368547758080", "0922337203685477580x",
                             "-9223372036854775808", " 9223372036854775808", "18446744073709551616",
                             "99999999999999999999"}) {
        INFO(text);
        CHECK_FALSE(decodeTime(text));
    }
}

TEST_CASE("ttlMillis rounds up, is 0 when the time has come, and is capped", "[redis][codec]") {
    const TimePoint now(std::chrono::seconds(1717200000));
    CHECK(ttlMillis(now, now) == 0);
    CHECK(ttlMillis(now - 1s, now) == 0);
    CHECK(ttlMillis(now + 1ns, now) == 1);
    CHECK(ttlMillis(now + 1ms, now) == 1);
    CHECK(ttlMillis(now + 1ms + 1ns, now) == 2);
    CHECK(ttlMillis(now + 1200s, now) == 1'200'000);
    CHECK(ttlMillis(TimePoint::max(), TimePoint::min()) == 100LL * 365 * 24 * 3600 * 1000);
    CHECK(ttlMillis(TimePoint::min(), TimePoint::max()) == 0);
}

TEST_CASE("retryAfter rounds up to whole seconds, at least 1", "[redis][codec]") {
    const TimePoint now(std::chrono::seconds(1717200000));
    CHECK(retryAfter(now + 60s, now) == 60s);
    CHECK(retryAfter(now + 59s + 1ns, now) == 60s);
    CHECK(retryAfter(now + 1ns, now) == 1s);
    CHECK(retryAfter(now, now) == 1s);
    CHECK(retryAfter(now - 5s, now) == 1s);
}

TEST_CASE("decodeInt takes a whole int and nothing else", "[redis][codec]") {
    CHECK(decodeInt("0") == 0);
    CHECK(decodeInt("-5") == -5);
    CHECK(decodeInt("2147483647") == 2147483647);
    for (const char* text : {"", "+1", "1.5", "1e3", " 1", "1 ", "2147483648", "abc"}) {
        INFO(text);
        CHECK_FALSE(decodeInt(text));
    }
}
