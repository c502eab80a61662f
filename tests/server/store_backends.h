#pragma once
// The store backends the conformance suites (store_conformance_*.cpp) run
// against, as Catch2 template parameters: each makes fresh, empty stores.

#include "store/memory/memory_otp_store.h"
#include "store/memory/memory_rate_limit_store.h"
#include "store/redis/redis_otp_store.h"
#include "store/redis/redis_rate_limit_store.h"
#include "store/redis/redis_pool.h"
#include "store/redis/redis_url.h"

#include "sesame_test/services_env.h"

#include <catch2/catch.hpp>

#include <memory>
#include <random>
#include <sstream>
#include <string>

namespace sesame::server::testing {

// A key prefix no other test uses, so tests share one Redis without colliding.
inline std::string uniqueKeyPrefix() {
    std::random_device device;
    std::ostringstream out;
    out << "sesame-test:" << std::hex << std::uniform_int_distribution<unsigned long long>{}(device) << ':';
    return out.str();
}

// Options for the fixture's Redis (tests/fixtures: SESAME_TEST_SERVICES_ENV).
inline store::RedisOptions fixtureRedisOptions() {
    const auto env = test::loadServicesEnv();
    if (!env) {
        FAIL("the services fixture is needed: " << env.error());
    }
    const auto endpoint = store::parseRedisUrl(env->redisUrl);
    if (!endpoint) {
        FAIL(endpoint.error());
    }
    store::RedisOptions options;
    options.endpoint = endpoint.value();
    return options;
}

struct MemoryStores {
    std::unique_ptr<store::OtpStore> otpStore() { return std::make_unique<store::MemoryOtpStore>(); }
    std::unique_ptr<store::RateLimitStore> rateLimitStore() { return std::make_unique<store::MemoryRateLimitStore>(); }
};

// Stores on the fixture's Redis under a prefix of their own. Stores made by
// one RedisStores share their records, each over its own pool, as two server
// instances on one Redis do.
struct RedisStores {
    store::RedisOptions options = fixtureRedisOptions();
    std::string prefix = uniqueKeyPrefix();

    std::unique_ptr<store::RedisOtpStore> otpStore() {
        return std::make_unique<store::RedisOtpStore>(std::make_shared<store::RedisPool>(options), prefix);
    }
    std::unique_ptr<store::RedisRateLimitStore> rateLimitStore() {
        return std::make_unique<store::RedisRateLimitStore>(std::make_shared<store::RedisPool>(options), prefix);
    }
};

// The value of a store call that must succeed; fails the test with the
// StoreError's detail otherwise.
template <class T>
T ok(store::StoreResult<T> result) {
    if (!result) {
        FAIL("store error: " << result.error().detail);
    }
    return std::move(result.value());
}

}  // namespace sesame::server::testing
