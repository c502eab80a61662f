#include "fake_clock.h"
#include "policy/server_clock.h"

#include <catch2/catch.hpp>

using namespace std::chrono;
using sesame::ServerClock;
using sesame::test::FakeClock;

TEST_CASE("the server clock follows the Date header, not the device", "[server_clock]") {
    auto device = std::make_shared<FakeClock>();
    ServerClock clock{device};
    const auto serverNow = device->now() - hours{3};  // the device runs three hours fast
    clock.observe(serverNow);
    CHECK(clock.offset() == -hours{3});
    CHECK(clock.now() == serverNow);
    device->advance(seconds{10});
    CHECK(clock.now() == serverNow + seconds{10});
    CHECK(clock.toDevice(serverNow) == device->now() - seconds{10});
}

TEST_CASE("an answer without a Date keeps the previous estimate", "[server_clock]") {
    auto device = std::make_shared<FakeClock>();
    ServerClock clock{device};
    CHECK(clock.offset() == milliseconds::zero());
    clock.observe(device->now() + minutes{5});
    clock.observe(std::nullopt);
    CHECK(clock.offset() == minutes{5});
}

TEST_CASE("a stored offset is used until the next answer", "[server_clock]") {
    auto device = std::make_shared<FakeClock>();
    ServerClock clock{device};
    clock.setOffset(milliseconds{-1500});
    CHECK(clock.now() == device->now() - milliseconds{1500});
}
