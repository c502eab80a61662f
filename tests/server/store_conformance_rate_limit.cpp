// The RateLimitStore contract (store/rate_limit_store.h), run against every
// backend: the memory twin and Redis must be indistinguishable.

#include "run_together.h"
#include "store_backends.h"

#include <atomic>
#include <thread>
#include <vector>

using namespace sesame::server::store;
using sesame::server::testing::MemoryStores;
using sesame::server::testing::ok;
using sesame::server::testing::RedisStores;
using namespace std::chrono_literals;

using sesame::server::testing::runTogether;

namespace {

const TimePoint kT0{std::chrono::seconds(1717200000)};

}  // namespace

TEMPLATE_TEST_CASE("RateLimitStore counts up to the limit per window", "[store][rate]", MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.rateLimitStore();
    for (int i = 0; i < 3; ++i) {
        const auto decision = ok(store->acquire("k", 3, 3600s, kT0 + std::chrono::seconds(i)));
        REQUIRE(decision.allowed);
        CHECK(decision.windowStart == kT0);
    }
    const auto refused = ok(store->acquire("k", 3, 3600s, kT0 + 100s));
    CHECK_FALSE(refused.allowed);
    CHECK(refused.retryAfter == 3500s);
    CHECK_FALSE(ok(store->acquire("k", 3, 3600s, kT0 + 3600s - 1ns)).allowed);  // refusals do not extend
    CHECK(ok(store->acquire("other", 3, 3600s, kT0)).allowed);                 // keys are independent
    const auto next = ok(store->acquire("k", 3, 3600s, kT0 + 3600s));
    CHECK(next.allowed);
    CHECK(next.windowStart == kT0 + 3600s);
}

TEMPLATE_TEST_CASE("RateLimitStore: a limit of 0 allows nothing and still opens a window", "[store][rate]",
                   MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.rateLimitStore();
    const auto first = ok(store->acquire("z", 0, 60s, kT0));
    CHECK_FALSE(first.allowed);
    CHECK(first.retryAfter == 60s);
    CHECK(first.windowStart == kT0);
    CHECK(ok(store->acquire("z", 0, 60s, kT0 + 30s)).retryAfter == 30s);
    CHECK(ok(store->acquire("z", -1, 60s, kT0 + 30s)).windowStart == kT0);
}

TEMPLATE_TEST_CASE("RateLimitStore rounds Retry-After up to whole seconds, at least 1", "[store][rate]",
                   MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.rateLimitStore();
    const TimePoint start = kT0 + 123456789ns;  // windows keep the caller's time exactly
    const auto first = ok(store->acquire("k", 1, 60s, start));
    REQUIRE(first.allowed);
    CHECK(first.windowStart == start);
    CHECK(ok(store->acquire("k", 1, 60s, start + 200ms)).retryAfter == 60s);
    CHECK(ok(store->acquire("k", 1, 60s, start + 59s + 500ms)).retryAfter == 1s);
    CHECK(ok(store->acquire("k", 1, 60s, start + 60s - 1ns)).retryAfter == 1s);
    CHECK(ok(store->acquire("k", 1, 60s, start + 60s)).allowed);
}

TEMPLATE_TEST_CASE("RateLimitStore.release gives a hit back only to its own window", "[store][rate]",
                   MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.rateLimitStore();
    const auto first = ok(store->acquire("k", 1, 60s, kT0));
    CHECK_FALSE(ok(store->acquire("k", 1, 60s, kT0)).allowed);
    REQUIRE(store->release("k", first.windowStart));
    CHECK(ok(store->acquire("k", 1, 60s, kT0)).allowed);
    REQUIRE(store->release("k", first.windowStart));
    REQUIRE(store->release("k", first.windowStart));  // never below zero
    CHECK(ok(store->acquire("k", 1, 60s, kT0)).allowed);
    CHECK_FALSE(ok(store->acquire("k", 1, 60s, kT0)).allowed);
    REQUIRE(store->release("k", first.windowStart + 1ns));  // another window's start: no-op
    CHECK_FALSE(ok(store->acquire("k", 1, 60s, kT0)).allowed);

    const auto second = ok(store->acquire("k", 1, 60s, kT0 + 60s));
    REQUIRE(second.allowed);
    REQUIRE(store->release("k", first.windowStart));  // the old window's slot is gone
    CHECK_FALSE(ok(store->acquire("k", 1, 60s, kT0 + 61s)).allowed);
    REQUIRE(store->release("never-used", kT0));
}

TEMPLATE_TEST_CASE("RateLimitStore keeps keys apart, whatever bytes they hold", "[store][rate]", MemoryStores,
                   RedisStores) {
    TestType backend;
    auto store = backend.rateLimitStore();
    const std::vector<std::string> keys = {
        "", "ip:1.2.3.4", "ip:1.2.3.4 ", "phone:+7\r\nFLUSHALL", std::string("a\0b", 3), "ключ ✓",
        std::string(100'000, 'k')};
    for (const auto& key : keys) {
        REQUIRE(ok(store->acquire(key, 1, 60s, kT0)).allowed);
    }
    for (const auto& key : keys) {
        CHECK_FALSE(ok(store->acquire(key, 1, 60s, kT0)).allowed);
    }
}

TEMPLATE_TEST_CASE("RateLimitStore: of 50 concurrent hits on a limit of 10 exactly 10 pass",
                   "[store][rate][concurrency]", MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.rateLimitStore();
    std::atomic<int> allowed{0};
    std::atomic<int> refused{0};
    runTogether(50, [&](int) {
        const auto decision = store->acquire("k", 10, 3600s, kT0);
        if (decision) {
            (decision->allowed ? allowed : refused)++;
        }
    });
    CHECK(allowed == 10);
    CHECK(refused == 40);
}
