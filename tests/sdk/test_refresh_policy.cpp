#include "fake_clock.h"
#include "policy/refresh_policy.h"
#include "policy/server_clock.h"

#include <catch2/catch.hpp>

using namespace std::chrono;
using sesame::RefreshPolicy;
using sesame::ServerClock;
using sesame::test::FakeClock;

namespace {

const system_clock::time_point kIssued{hours{1000}};

RefreshPolicy fixed(double unit) {
    return RefreshPolicy{[unit] { return unit; }};
}

}  // namespace

TEST_CASE("the lead is 10% of the lifetime when that exceeds 30 s", "[refresh_policy]") {
    const auto expires = kIssued + seconds{900};
    CHECK(fixed(0.0).refreshAt(kIssued, expires) == expires - seconds{90});
    // Full jitter adds a quarter of the lead.
    CHECK(fixed(0.999999).refreshAt(kIssued, expires) > expires - milliseconds{112'500});
    CHECK(fixed(0.5).refreshAt(kIssued, expires) == expires - milliseconds{101'250});
}

TEST_CASE("the lead is at least 30 s", "[refresh_policy]") {
    const auto expires = kIssued + seconds{120};
    CHECK(fixed(0.0).refreshAt(kIssued, expires) == expires - seconds{30});
    CHECK(fixed(0.4).refreshAt(kIssued, expires) == expires - seconds{33});
}

TEST_CASE("a short-lived token is used for at least half its life", "[refresh_policy]") {
    const auto expires = kIssued + seconds{4};
    CHECK(fixed(0.0).refreshAt(kIssued, expires) == kIssued + seconds{2});
    CHECK(fixed(0.9).refreshAt(kIssued, expires) == kIssued + seconds{2});
}

TEST_CASE("a token without lifetime is due at once", "[refresh_policy]") {
    CHECK(fixed(0.3).refreshAt(kIssued, kIssued) == kIssued);
    CHECK(fixed(0.3).refreshAt(kIssued, kIssued - seconds{5}) == kIssued);
}

TEST_CASE("jitter stays within a quarter of the lead for any random source", "[refresh_policy]") {
    const auto expires = kIssued + hours{1};
    for (double unit : {-1.0, 0.0, 0.25, 0.75, 0.99, 1.0, 7.0, std::numeric_limits<double>::quiet_NaN(),
                        std::numeric_limits<double>::infinity()}) {
        INFO(unit);
        const auto at = fixed(unit).refreshAt(kIssued, expires);
        CHECK(at <= expires - seconds{360});
        CHECK(at > expires - seconds{450});
    }
    CHECK(RefreshPolicy{nullptr}.refreshAt(kIssued, expires) == expires - seconds{360});
}

TEST_CASE("delays are measured on server time, so device skew does no harm", "[refresh_policy]") {
    auto device = std::make_shared<FakeClock>();
    const auto policy = fixed(0.0);
    for (const auto skew : {hours{-5}, hours{0}, hours{7}}) {
        INFO(skew.count());
        device->set(kIssued + skew);  // the device clock is wrong by `skew`
        ServerClock server{device};
        server.observe(kIssued);      // the Date header of the grant
        const auto at = policy.refreshAt(server.now(), server.now() + seconds{900});
        CHECK(RefreshPolicy::delayUntil(server.now(), at) == seconds{810});
        device->advance(seconds{800});
        CHECK(RefreshPolicy::delayUntil(server.now(), at) == seconds{10});
        device->advance(seconds{60});
        CHECK(RefreshPolicy::delayUntil(server.now(), at) == milliseconds::zero());
    }
}
