#include "policy/backoff.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace std::chrono;
using sesame::Backoff;

namespace {

Backoff fixed(double unit, Backoff::Settings settings = {}) {
    return Backoff{settings, [unit] { return unit; }};
}

}  // namespace

TEST_CASE("delays double from the initial delay up to the cap", "[backoff]") {
    auto backoff = fixed(0.0, {milliseconds{500}, seconds{4}, 0.5});
    CHECK(backoff.next() == milliseconds{500});
    CHECK(backoff.next() == seconds{1});
    CHECK(backoff.next() == seconds{2});
    CHECK(backoff.next() == seconds{4});
    CHECK(backoff.next() == seconds{4});
    CHECK(backoff.failures() == 5);
}

TEST_CASE("jitter only shortens a delay, by at most its share", "[backoff]") {
    auto low = fixed(0.999, {seconds{2}, seconds{60}, 0.5});
    const auto delay = low.next();
    CHECK(delay >= seconds{1});
    CHECK(delay <= seconds{2});
    auto half = fixed(0.5, {seconds{2}, seconds{60}, 0.5});
    CHECK(half.next() == milliseconds{1500});
}

TEST_CASE("reset starts over after a success", "[backoff]") {
    auto backoff = fixed(0.0);
    backoff.next();
    backoff.next();
    backoff.reset();
    CHECK(backoff.failures() == 0);
    CHECK(backoff.next() == seconds{1});
}

TEST_CASE("a longer Retry-After wins, a shorter one does not", "[backoff]") {
    auto backoff = fixed(0.0);
    CHECK(backoff.next(seconds{30}) == seconds{30});
    CHECK(backoff.next(seconds{1}) == seconds{2});
}

TEST_CASE("failures a retry will not cure wait the longest", "[backoff]") {
    auto backoff = fixed(0.0, {seconds{1}, seconds{90}, 0.5});
    CHECK(backoff.nextAtCap() == seconds{90});
    CHECK(backoff.failures() == 1);
}

TEST_CASE("many failures never overflow and stay capped", "[backoff]") {
    auto backoff = fixed(0.0, {milliseconds{1}, hours{24}, 0.0});
    milliseconds last{};
    for (int i = 0; i < 10'000; ++i) {
        last = backoff.next();
        REQUIRE(last > milliseconds::zero());
        REQUIRE(last <= hours{24});
    }
    CHECK(last == hours{24});
}

TEST_CASE("nonsense settings and random values are tamed", "[backoff]") {
    auto backoff = fixed(std::numeric_limits<double>::quiet_NaN(), {milliseconds{-5}, milliseconds{-10}, 9.0});
    CHECK(backoff.next() == milliseconds{1});
    auto full = fixed(0.999999, {seconds{1}, seconds{1}, 1.0});
    CHECK(full.next() >= milliseconds{1});
    auto noRandom = Backoff{{}, nullptr};
    CHECK(noRandom.next() == seconds{1});
}
