// What only the Redis backends have: key layout and TTLs, sharing between
// server instances, and failing soft (Unavailable, never a crash or a hang)
// when Redis is down, restarting, loading, read-only, silent or not Redis.

#include "store_backends.h"

#include "telemetry/log.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <thread>

using namespace sesame::server::store;
using sesame::server::testing::fixtureRedisOptions;
using sesame::server::testing::ok;
using sesame::server::testing::RedisStores;
using sesame::server::testing::uniqueKeyPrefix;
using namespace std::chrono_literals;

namespace {

const TimePoint kT0{std::chrono::seconds(1717200000)};  // in the past for Redis: TTLs must not use its clock
const std::string kPhone = "+77001234567";

OtpRecord record(const std::string& requestId, TimePoint at = kT0) {
    return OtpRecord{kPhone, requestId, "hash-" + requestId, at, at + 300s, at + 60s, at + 1200s, 3, false};
}

long long integerReply(RedisPool& pool, const std::vector<std::string_view>& argv) {
    const auto reply = ok(pool.command(argv));
    REQUIRE(reply.kind == RedisValue::Kind::Integer);
    return reply.integer;
}

template <class T>
void requireUnavailable(const StoreResult<T>& result, std::string_view detailPart = {}) {
    REQUIRE_FALSE(result);
    CHECK(result.error().kind == StoreErrorKind::Unavailable);
    CHECK(result.error().detail.find(detailPart) != std::string::npos);
    CHECK(result.error().detail.find("77001234567") == std::string::npos);
}

// Every call of both stores on `pool` answers Unavailable.
void requireAllUnavailable(const std::shared_ptr<RedisPool>& pool, std::string_view detailPart = {}) {
    RedisOtpStore codes(pool, uniqueKeyPrefix());
    RedisRateLimitStore limits(pool, uniqueKeyPrefix());
    requireUnavailable(codes.put(record("r1"), kT0), detailPart);
    requireUnavailable(codes.restore(kPhone, "r1", record("r0"), kT0), detailPart);
    requireUnavailable(codes.claim(kPhone, "hash-r1", kT0), detailPart);
    requireUnavailable(codes.release(kPhone, "r1"), detailPart);
    requireUnavailable(codes.consume(kPhone, "r1"), detailPart);
    requireUnavailable(limits.acquire("k", 1, 60s, kT0), detailPart);
    requireUnavailable(limits.release("k", kT0), detailPart);
    CHECK_FALSE(pool->ping());
}

RedisOptions localOptions(int port) {
    RedisOptions options;
    options.endpoint.port = port;
    options.connectTimeout = 200ms;
    options.commandTimeout = 200ms;
    return options;
}

// A TCP listener on 127.0.0.1 that is not Redis: it answers every read with
// `reply`, or, with no reply, never accepts nor answers (the kernel still
// completes the handshake, so only the command timeout can end a call).
class FakeRedis {
public:
    explicit FakeRedis(std::string reply) : reply_(std::move(reply)) {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(listener_, 64) == 0);
        REQUIRE(::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
        port_ = ntohs(address.sin_port);
        if (!reply_.empty()) {
            thread_ = std::thread([this] { serve(); });
        }
    }
    ~FakeRedis() {
        ::shutdown(listener_, SHUT_RDWR);
        if (const int client = client_.load(); client >= 0) {
            ::shutdown(client, SHUT_RDWR);
        }
        if (thread_.joinable()) {
            thread_.join();
        }
        ::close(listener_);
    }
    FakeRedis(const FakeRedis&) = delete;
    FakeRedis& operator=(const FakeRedis&) = delete;

    int port() const { return port_; }

private:
    void serve() {
        for (int client; (client = ::accept(listener_, nullptr, nullptr)) >= 0;) {
            client_ = client;
            char buffer[65536];
            while (::recv(client, buffer, sizeof buffer, 0) > 0) {
                ::send(client, reply_.data(), reply_.size(), MSG_NOSIGNAL);
            }
            client_ = -1;
            ::close(client);
        }
    }

    std::string reply_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<int> client_{-1};
    std::thread thread_;
};

// A redis-server (and PostgreSQL) of this test alone, which it may stop and
// start: tests/fixtures/services, with this process as the owner.
class PrivateServices {
public:
    PrivateServices() {
        std::signal(SIGPIPE, SIG_IGN);  // as sesame-server does: hiredis may write to a closed socket
        dir_ = "/tmp/sesame-redis-test-" + std::to_string(::getpid()) + "-" + uniqueKeyPrefix().substr(12, 8);
        REQUIRE(run("start", " --owner " + std::to_string(::getpid())));
        const auto env = sesame::test::loadServicesEnvFile(dir_ + "/services.env");
        if (!env) {
            FAIL(env.error());
        }
        const auto endpoint = parseRedisUrl(env->redisUrl);
        REQUIRE(endpoint);
        options.endpoint = endpoint.value();
    }
    ~PrivateServices() { run("stop"); }
    PrivateServices(const PrivateServices&) = delete;
    PrivateServices& operator=(const PrivateServices&) = delete;

    // `services <verb> DIR`: stop-redis, start-redis, ...
    bool run(const std::string& verb, const std::string& extra = {}) const {
        const auto command = "bash '" + sesame::test::servicesScript() + "' " + verb + ' ' + dir_ + extra + " >/dev/null";
        return std::system(command.c_str()) == 0;
    }

    RedisOptions options;

private:
    std::string dir_;
};

}  // namespace

TEST_CASE("RedisOtpStore keeps a record under sesame:otp:{phone} until purgeAt - now", "[redis]") {
    const auto pool = std::make_shared<RedisPool>(fixtureRedisOptions());
    CHECK(RedisOtpStore(pool).key(kPhone) == "sesame:otp:{+77001234567}");
    const auto prefix = uniqueKeyPrefix();
    RedisOtpStore store(pool, prefix);
    const std::string key = prefix + "otp:{" + kPhone + "}";
    CHECK(store.key(kPhone) == key);

    REQUIRE(store.put(record("r1"), kT0));
    const auto ttl = integerReply(*pool, {"PTTL", key});
    CHECK(ttl > 1'100'000);  // the record's 1200 s from the caller's now, not from Redis's clock
    CHECK(ttl <= 1'200'000);
    const auto fields = ok(pool->command({"HKEYS", key}));
    CHECK(fields.elements.size() == 8);
    CHECK(ok(pool->command({"HGET", key, "code"})).text == "hash-r1");  // the hash, never a code

    OtpRecord instant = record("r2", kT0 + 60s);
    instant.purgeAt = kT0 + 60s;  // 0 s: nothing to keep
    REQUIRE(store.put(instant, kT0 + 60s));
    CHECK(integerReply(*pool, {"EXISTS", key}) == 0);
}

TEST_CASE("RedisRateLimitStore keeps a window under sesame:rl:<key> until its end", "[redis]") {
    const auto pool = std::make_shared<RedisPool>(fixtureRedisOptions());
    CHECK(RedisRateLimitStore(pool).redisKey("ip:1.2.3.4") == "sesame:rl:ip:1.2.3.4");
    const auto prefix = uniqueKeyPrefix();
    RedisRateLimitStore store(pool, prefix);
    REQUIRE(store.acquire("ip:1.2.3.4", 1, 60s, kT0));
    REQUIRE(store.acquire("ip:1.2.3.4", 1, 60s, kT0 + 10s));  // refused: the TTL stays
    const auto ttl = integerReply(*pool, {"PTTL", prefix + "rl:ip:1.2.3.4"});
    CHECK(ttl > 50'000);
    CHECK(ttl <= 60'000);
}

TEST_CASE("RedisRateLimitStore refuses a window that is not positive", "[redis]") {
    RedisStores backend;
    auto store = backend.rateLimitStore();
    for (const auto window : {0s, -5s}) {
        const auto decision = store->acquire("k", 1, window, kT0);
        REQUIRE_FALSE(decision);
        CHECK(decision.error().kind == StoreErrorKind::Internal);
    }
}

TEST_CASE("Redis stores of two server instances share codes and limits", "[redis]") {
    RedisStores backend;  // each store gets its own pool, as each instance would
    auto codesA = backend.otpStore();
    auto codesB = backend.otpStore();
    REQUIRE(codesA->put(record("r1"), kT0));
    CHECK(std::holds_alternative<OtpCoolingDown>(ok(codesB->put(record("r2"), kT0 + 1s))));
    CHECK(ok(codesB->claim(kPhone, "hash-r1", kT0 + 2s)).status == OtpClaimStatus::Claimed);
    CHECK(ok(codesA->claim(kPhone, "hash-r1", kT0 + 2s)).status == OtpClaimStatus::Busy);

    auto limitsA = backend.rateLimitStore();
    auto limitsB = backend.rateLimitStore();
    CHECK(ok(limitsA->acquire("phone", 2, 3600s, kT0)).allowed);
    CHECK(ok(limitsB->acquire("phone", 2, 3600s, kT0)).allowed);
    CHECK_FALSE(ok(limitsA->acquire("phone", 2, 3600s, kT0)).allowed);
    CHECK_FALSE(ok(limitsB->acquire("phone", 2, 3600s, kT0)).allowed);
}

TEST_CASE("RedisPool selects the URL's database", "[redis]") {
    auto options = fixtureRedisOptions();
    const auto prefix = uniqueKeyPrefix();
    RedisOtpStore db0(std::make_shared<RedisPool>(options), prefix);
    options.endpoint.db = 3;
    RedisOtpStore db3(std::make_shared<RedisPool>(options), prefix);
    REQUIRE(db0.put(record("r1"), kT0));
    CHECK(ok(db3.claim(kPhone, "hash-r1", kT0)).status == OtpClaimStatus::NoPending);
    CHECK(ok(db0.claim(kPhone, "hash-r1", kT0)).status == OtpClaimStatus::Claimed);

    options.endpoint.db = 100000;  // no such database
    requireAllUnavailable(std::make_shared<RedisPool>(options), "SELECT");
}

TEST_CASE("RedisPool answers Unavailable for bad credentials without repeating them", "[redis]") {
    auto options = fixtureRedisOptions();
    options.endpoint.password = "not-the-password";
    const auto pool = std::make_shared<RedisPool>(options);
    const auto reply = pool->command({"PING"});
    requireUnavailable(reply, "AUTH");
    CHECK(reply.error().detail.find("not-the-password") == std::string::npos);
    options.endpoint.user = "nobody";
    requireAllUnavailable(std::make_shared<RedisPool>(options), "AUTH");
}

TEST_CASE("RedisPool answers Unavailable at once when nothing listens", "[redis][outage]") {
    const auto started = std::chrono::steady_clock::now();
    // Port 1 is privileged and unused on loopback: every connection is refused.
    requireAllUnavailable(std::make_shared<RedisPool>(localOptions(1)), "refused");
    CHECK(std::chrono::steady_clock::now() - started < 2s);
}

TEST_CASE("RedisPool does not hang on a server that never answers", "[redis][outage]") {
    FakeRedis silent("");
    const auto started = std::chrono::steady_clock::now();
    requireAllUnavailable(std::make_shared<RedisPool>(localOptions(silent.port())));
    // Eight calls, each bounded by the 200 ms command timeout.
    CHECK(std::chrono::steady_clock::now() - started < 8s);
}

TEST_CASE("RedisPool answers Unavailable while Redis is loading its dataset", "[redis][outage]") {
    FakeRedis loading("-LOADING Redis is loading the dataset in memory\r\n");
    requireAllUnavailable(std::make_shared<RedisPool>(localOptions(loading.port())), "LOADING");
}

TEST_CASE("RedisPool answers Unavailable when the server does not speak Redis", "[redis][outage]") {
    FakeRedis http("HTTP/1.1 400 Bad Request\r\n\r\n");
    requireAllUnavailable(std::make_shared<RedisPool>(localOptions(http.port())));
}

TEST_CASE("Redis stores answer Internal for a reply no script gives", "[redis]") {
    FakeRedis odd(":1\r\n");
    const auto pool = std::make_shared<RedisPool>(localOptions(odd.port()));
    RedisOtpStore codes(pool, "p:");
    RedisRateLimitStore limits(pool, "p:");
    for (const auto& error : {codes.put(record("r1"), kT0).error(), codes.claim(kPhone, "h", kT0).error(),
                              codes.release(kPhone, "r1").error(), limits.acquire("k", 1, 60s, kT0).error()}) {
        CHECK(error.kind == StoreErrorKind::Internal);
    }
}

TEST_CASE("Redis stores answer Unavailable while Redis is down and recover without being recreated",
          "[redis][outage]") {
    PrivateServices services;
    std::vector<std::string> logLines;
    sesame::server::telemetry::setLogSink([&](std::string_view line) { logLines.emplace_back(line); });
    const auto pool = std::make_shared<RedisPool>(services.options);
    const auto prefix = uniqueKeyPrefix();
    RedisOtpStore codes(pool, prefix);
    RedisRateLimitStore limits(pool, prefix);
    REQUIRE(pool->ping());
    REQUIRE(codes.put(record("r1"), kT0));
    REQUIRE(limits.acquire("k", 5, 60s, kT0));

    // Restarted between two calls: the pooled connection is dead, the next call reconnects.
    REQUIRE(services.run("stop-redis"));
    REQUIRE(services.run("start-redis"));
    CHECK(ok(codes.claim(kPhone, "hash-r1", kT0)).status == OtpClaimStatus::NoPending);  // no persistence

    // Down: every call fails soft; back on the same port: the same stores work again.
    REQUIRE(services.run("stop-redis"));
    requireAllUnavailable(pool);
    requireUnavailable(codes.put(record("r2"), kT0), "refused");
    REQUIRE(services.run("start-redis"));
    CHECK(pool->ping());
    CHECK(std::holds_alternative<OtpStored>(ok(codes.put(record("r2"), kT0))));
    CHECK(ok(limits.acquire("k", 5, 60s, kT0)).allowed);

    // The script cache flushed: EVALSHA misses and EVAL runs the script.
    REQUIRE(ok(pool->command({"SCRIPT", "FLUSH"})).text == "OK");
    CHECK(ok(codes.claim(kPhone, "hash-r2", kT0)).status == OtpClaimStatus::Claimed);

    // Demoted to a read-only replica (a failover): writes are Unavailable until it is a primary again.
    REQUIRE(ok(pool->command({"REPLICAOF", "127.0.0.1", "1"})).text == "OK");
    requireUnavailable(codes.put(record("r3", kT0 + 100s), kT0 + 100s), "READONLY");
    requireUnavailable(limits.acquire("k", 5, 60s, kT0), "READONLY");
    REQUIRE(ok(pool->command({"REPLICAOF", "NO", "ONE"})).text == "OK");
    CHECK(std::holds_alternative<OtpStored>(ok(codes.put(record("r3", kT0 + 100s), kT0 + 100s))));

    sesame::server::telemetry::setLogSink({});
    std::string logs;
    for (const auto& line : logLines) {
        logs += line + '\n';
    }
    CHECK(logs.find("redis_unavailable") != std::string::npos);
    CHECK(logs.find("redis_recovered") != std::string::npos);
    CHECK(logs.find("77001234567") == std::string::npos);
}
