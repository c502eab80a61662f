// store/postgres/pg_pool and pg_codec: connection strings, value encoding,
// retries, error mapping, timeouts and replacing broken connections.

#include "crypto/random.h"
#include "postgres_test_database.h"
#include "store/postgres/pg_codec.h"
#include "store/postgres/pg_pool.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <latch>
#include <thread>

using namespace sesame::server::store;
using sesame::server::testing::TestDatabase;
using namespace std::chrono_literals;

namespace {

int backendPid(PgPool& pool) {
    return pool
        .transact("test.pid", [](pqxx::work& tx) { return tx.exec1("SELECT pg_backend_pid()")[0].as<int>(); })
        .value();
}

void terminateBackend(const std::string& url, int pid) {
    pqxx::connection connection(url);
    pqxx::nontransaction tx(connection);
    tx.exec_params("SELECT pg_terminate_backend($1)", pid);
}

// A TCP port that accepts connections (the kernel completes the handshake)
// but never answers: a PostgreSQL that hangs.
class SilentListener {
public:
    SilentListener() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), length) == 0);
        REQUIRE(::listen(fd_, 16) == 0);
        REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
        port_ = ntohs(address.sin_port);
    }
    ~SilentListener() { ::close(fd_); }
    int port() const { return port_; }

private:
    int fd_;
    int port_ = 0;
};

}  // namespace

TEST_CASE("pgConnectionString adds timeouts and keepalives the URL does not set", "[postgres][pool]") {
    CHECK(pgConnectionString("postgresql://u@h:5/db", 5s, 250ms) ==
          "postgresql://u@h:5/db?connect_timeout=5&keepalives=1&keepalives_idle=5&keepalives_interval=2"
          "&keepalives_count=3&options=-c%20statement_timeout%3D250");
    CHECK(pgConnectionString("postgres://h/db?sslmode=disable&connect_timeout=9", 5s, 0ms) ==
          "postgres://h/db?sslmode=disable&connect_timeout=9&keepalives=1&keepalives_idle=5"
          "&keepalives_interval=2&keepalives_count=3");
    CHECK(pgConnectionString("host=/run/pg dbname=sesame options='-c search_path=x'", 3s, 100ms) ==
          "host=/run/pg dbname=sesame options='-c search_path=x' connect_timeout=3 keepalives=1 keepalives_idle=5"
          " keepalives_interval=2 keepalives_count=3");
    CHECK(pgConnectionString("dbname=sesame", 2s, 100ms).ends_with(" options='-c statement_timeout=100'"));
}

TEST_CASE("times keep microseconds and ids must be canonical UUIDs", "[postgres][codec]") {
    const TimePoint t = TimePoint(std::chrono::seconds(1717200000)) + 123456789ns;
    CHECK(toMicros(t) == 1717200000123456LL);
    CHECK(fromMicros(toMicros(t)) == TimePoint(std::chrono::seconds(1717200000)) + 123456us);
    CHECK(toMicros(std::optional<TimePoint>()) == std::nullopt);
    CHECK(fromMicros(-1) == TimePoint(-1us));

    CHECK(isCanonicalUuid("123e4567-e89b-42d3-a456-426614174000"));
    for (const std::string bad : {"", "123E4567-E89B-42D3-A456-426614174000", "123e4567e89b42d3a456426614174000",
                                  "{123e4567-e89b-42d3-a456-426614174000}", "123e4567-e89b-42d3-a456-42661417400g",
                                  "123e4567-e89b-42d3-a456_426614174000", "123e4567-e89b-42d3-a456-4266141740000",
                                  "' OR 1=1 --"}) {
        INFO(bad);
        CHECK_FALSE(isCanonicalUuid(bad));
    }
}

TEST_CASE("PgPool commits, retries a conflict once and maps errors without throwing", "[postgres][pool]") {
    TestDatabase database;
    PgPool pool(PgPoolOptions{database.url(), 2});
    CHECK(pool.ping());
    CHECK(pool.transact("test.one", [](pqxx::work& tx) { return tx.exec1("SELECT 41 + 1")[0].as<int>(); }).value() ==
          42);

    int calls = 0;
    const auto retried = pool.transact("test.retry", [&](pqxx::work&) {
        if (++calls == 1) {
            throw pqxx::serialization_failure("could not serialize access");
        }
        return calls;
    });
    CHECK(retried.value() == 2);

    calls = 0;
    const auto conflicts = pool.transact("test.conflicts", [&](pqxx::work&) -> int {
        ++calls;
        throw pqxx::deadlock_detected("deadlock detected");
    });
    REQUIRE_FALSE(conflicts);
    CHECK(calls == 2);
    CHECK(conflicts.error().kind == StoreErrorKind::Unavailable);

    const auto syntax = pool.transact("test.syntax", [](pqxx::work& tx) { return tx.exec("SELEKT 1").size(); });
    REQUIRE_FALSE(syntax);
    CHECK(syntax.error().kind == StoreErrorKind::Internal);
    CHECK(syntax.error().detail == "test.syntax: SQL error (SQLSTATE 42601)");

    // The server's message would quote the value; the detail never does.
    pool.define({{"test.insert", "INSERT INTO users (id, phone, created_at) VALUES ($1, $2, now())"}});
    const auto insert = [&](const std::string& phone) {
        return pool.transact("test.insert", [&](pqxx::work& tx) {
            pgExec(tx, "test.insert", sesame::server::crypto::randomUuid(), phone);
            return Done{};
        });
    };
    REQUIRE(insert("+77001234567"));
    const auto duplicate = insert("+77001234567");
    REQUIRE_FALSE(duplicate);
    CHECK(duplicate.error().kind == StoreErrorKind::Internal);
    CHECK(duplicate.error().detail == "test.insert: SQL error (SQLSTATE 23505)");

    const auto nul = insert(std::string("+7\0" "1", 4));
    REQUIRE_FALSE(nul);
    CHECK(nul.error().detail == "test.insert: a text value contains a NUL byte");

    // Defining a statement again is harmless; another statement under its name is a bug, reported.
    pool.define({{"test.insert", "INSERT INTO users (id, phone, created_at) VALUES ($1, $2, now())"}});
    CHECK(insert("+77009999999"));

    const auto thrown = pool.transact("test.throw", [](pqxx::work&) -> int { throw std::out_of_range("bad row"); });
    REQUIRE_FALSE(thrown);
    CHECK(thrown.error().detail == "test.throw: bad row");
    CHECK(pool.ping());  // every failure above handed its connection back

    pool.define({{"test.insert", "SELECT 1"}});
    const auto redefined = insert("+77005555555");
    REQUIRE_FALSE(redefined);
    CHECK(redefined.error().kind == StoreErrorKind::Internal);
}

TEST_CASE("PgPool replaces connections PostgreSQL closed, without a failed call", "[postgres][pool]") {
    TestDatabase database;
    PgPool pool(PgPoolOptions{database.url(), 2});
    const int first = backendPid(pool);
    terminateBackend(database.url(), first);
    const int second = backendPid(pool);  // the retry ran on a new connection
    CHECK(second != first);
    CHECK(pool.ping());
}

TEST_CASE("PgPool answers Unavailable when every connection stays busy", "[postgres][pool][concurrency]") {
    TestDatabase database;
    PgPoolOptions options{database.url(), 1};
    options.acquireTimeout = 100ms;
    PgPool pool(options);
    std::latch holding(1);
    std::latch done(1);
    std::thread holder([&] {
        (void)pool.transact("test.hold", [&](pqxx::work&) {
            holding.count_down();
            done.wait();
            return Done{};
        });
    });
    holding.wait();
    const auto busy = pool.transact("test.busy", [](pqxx::work&) { return Done{}; });
    done.count_down();
    holder.join();
    REQUIRE_FALSE(busy);
    CHECK(busy.error().kind == StoreErrorKind::Unavailable);
    CHECK(busy.error().detail == "test.busy: all 1 PostgreSQL connections stayed busy");
    CHECK(pool.ping());
}

TEST_CASE("PgPool gives up on a statement after statement_timeout", "[postgres][pool]") {
    TestDatabase database;
    PgPoolOptions options{database.url(), 1};
    options.statementTimeout = 200ms;
    PgPool pool(options);
    const auto slow = pool.transact("test.slow", [](pqxx::work& tx) { return tx.exec("SELECT pg_sleep(30)").size(); });
    REQUIRE_FALSE(slow);
    CHECK(slow.error().kind == StoreErrorKind::Unavailable);
    CHECK(slow.error().detail.find("57014") != std::string::npos);
    CHECK(pool.ping());
}

TEST_CASE("PgPool reports an unreachable or silent server as Unavailable, never hanging", "[postgres][pool]") {
    PgPool refused(PgPoolOptions{"postgresql://postgres@127.0.0.1:2/postgres", 2});
    CHECK_FALSE(refused.ping());
    const auto down = refused.transact("test.down", [](pqxx::work&) { return Done{}; });
    REQUIRE_FALSE(down);
    CHECK(down.error().kind == StoreErrorKind::Unavailable);
    CHECK(down.error().detail.starts_with("test.down: cannot connect to PostgreSQL: "));

    SilentListener silent;
    PgPoolOptions options{"postgresql://postgres@127.0.0.1:" + std::to_string(silent.port()) + "/postgres", 1};
    options.connectTimeout = 2s;
    PgPool hanging(options);
    const auto started = std::chrono::steady_clock::now();
    CHECK_FALSE(hanging.ping());
    CHECK(std::chrono::steady_clock::now() - started < 30s);  // connect_timeout, not forever
}
