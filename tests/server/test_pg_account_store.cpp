// PgAccountStore beyond the shared contract (store_conformance_accounts.cpp):
// what only a database can do — several server instances on one database,
// lock waits, refused values, the purge of expired refresh tokens.

#include "account_backends.h"
#include "crypto/random.h"
#include "store_backends.h"

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <latch>
#include <thread>
#include <vector>

using namespace sesame::server::store;
using sesame::server::crypto::randomUuid;
using sesame::server::testing::ok;
using sesame::server::testing::PostgresAccounts;
using namespace std::chrono_literals;

namespace {

const TimePoint kT0{std::chrono::seconds(1717200000)};

SignInRequest signInRequest(const std::string& phone, const std::string& token,
                            std::chrono::seconds lifetime = 100s) {
    SignInRequest request;
    request.phone = phone;
    request.newUser = UserRecord{randomUuid(), phone, std::nullopt, kT0};
    request.newShop = ShopRecord{randomUuid(), request.newUser.id, std::nullopt, "ru", "KZT", "free", kT0};
    request.session =
        SessionRecord{randomUuid(), {}, {}, sesame::contract::Device{"Pixel", "android"}, kT0, kT0, kT0 + lifetime, {}};
    request.refresh = RefreshRecord{token, request.session.id, kT0, kT0 + lifetime, AccessGrant{"jti", kT0, kT0 + 10s}};
    return request;
}

RotateRequest rotate(const std::string& presented, const std::string& successor, TimePoint now) {
    return RotateRequest{presented, RefreshRecord{successor, {}, now, now + 100s, AccessGrant{randomUuid(), now, now}},
                         now, 10s};
}

std::string count(const std::string& url, const std::string& sql) {
    pqxx::connection connection(url);
    pqxx::nontransaction tx(connection);
    return tx.exec1(sql)[0].as<std::string>();
}

}  // namespace

TEST_CASE("PgAccountStore: two server instances on one database share accounts and rotations",
          "[postgres][accounts][concurrency]") {
    PostgresAccounts first;
    auto secondPool = std::make_shared<PgPool>(PgPoolOptions{first.database.url(), 3});
    PgAccountStore second(secondPool);

    const auto account = ok(first.accounts.signIn(signInRequest("+77001234567", "rt-a"))).account;
    CHECK(ok(second.findAccount(account.user.id, account.session.id)) == account);
    CHECK_FALSE(ok(second.signIn(signInRequest("+77001234567", "rt-b"))).isNewUser);

    constexpr int kThreads = 20;
    std::vector<RotateStatus> statuses(kThreads, RotateStatus::Invalid);
    std::latch start(kThreads);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back([&, i] {
            AccountStore& store = i % 2 == 0 ? static_cast<AccountStore&>(first.accounts) : second;
            const RotateRequest request = rotate("rt-a", "rt-next", kT0 + 1s);
            start.arrive_and_wait();
            const auto outcome = store.rotateRefresh(request);
            statuses[i] = outcome ? outcome->status : RotateStatus::Invalid;
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(std::count(statuses.begin(), statuses.end(), RotateStatus::Rotated) == 1);
    CHECK(std::count(statuses.begin(), statuses.end(), RotateStatus::ReplayInGrace) == kThreads - 1);
}

TEST_CASE("PgAccountStore: a rotation waiting on a held lock gives up after statement_timeout",
          "[postgres][accounts]") {
    PostgresAccounts backend;
    PgPoolOptions options{backend.database.url(), 1};
    options.statementTimeout = 200ms;
    PgAccountStore store(std::make_shared<PgPool>(options));
    ok(store.signIn(signInRequest("+77001234567", "rt-a")));

    pqxx::connection other(backend.database.url());
    {
        pqxx::work holder(other);
        holder.exec("SELECT 1 FROM refresh_tokens WHERE token_hash = 'rt-a' FOR UPDATE");
        const auto blocked = store.rotateRefresh(rotate("rt-a", "rt-b", kT0 + 1s));
        REQUIRE_FALSE(blocked);
        CHECK(blocked.error().kind == StoreErrorKind::Unavailable);
    }  // the holder rolls back
    CHECK(ok(store.rotateRefresh(rotate("rt-a", "rt-b", kT0 + 1s))).status == RotateStatus::Rotated);
}

TEST_CASE("PgAccountStore refuses values PostgreSQL cannot keep, storing nothing", "[postgres][accounts][hostile]") {
    PostgresAccounts backend;
    SignInRequest withNul = signInRequest("+77001234567", "rt-a");
    withNul.session.device = sesame::contract::Device{std::string("Pix\0el", 6), "android"};
    const auto refused = backend.accounts.signIn(withNul);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == StoreErrorKind::Internal);

    SignInRequest notUuid = signInRequest("+77001234567", "rt-a");
    notUuid.newUser.id = "user-1";
    const auto badId = backend.accounts.signIn(notUuid);
    REQUIRE_FALSE(badId);
    CHECK(badId.error().kind == StoreErrorKind::Internal);
    CHECK(badId.error().detail == "accounts.sign_in: SQL error (SQLSTATE 22P02)");

    SignInRequest badUtf8 = signInRequest("+77001234567", "rt-a");
    badUtf8.newShop.language = "\xc3\x28";
    CHECK_FALSE(backend.accounts.signIn(badUtf8));

    CHECK(count(backend.database.url(), "SELECT count(*) FROM users") == "0");
    CHECK(count(backend.database.url(), "SELECT count(*) FROM sessions") == "0");
    CHECK(ok(backend.accounts.signIn(signInRequest("+77001234567", "rt-a"))).isNewUser);
}

TEST_CASE("PgAccountStore purges expired refresh tokens every 512 rotations", "[postgres][accounts]") {
    PostgresAccounts backend;
    ok(backend.accounts.signIn(signInRequest("+77009999999", "rt-old", 1s)));  // expires at kT0 + 1 s
    ok(backend.accounts.signIn(signInRequest("+77001234567", "rt-0")));
    const std::string url = backend.database.url();
    for (int i = 0; i < 511; ++i) {
        REQUIRE(ok(backend.accounts.rotateRefresh(rotate("rt-" + std::to_string(i), "rt-" + std::to_string(i + 1),
                                                         kT0 + 2s)))
                    .status == RotateStatus::Rotated);
    }
    CHECK(count(url, "SELECT count(*) FROM refresh_tokens WHERE token_hash = 'rt-old'") == "1");
    REQUIRE(ok(backend.accounts.rotateRefresh(rotate("rt-511", "rt-512", kT0 + 2s))).status == RotateStatus::Rotated);
    CHECK(count(url, "SELECT count(*) FROM refresh_tokens WHERE token_hash = 'rt-old'") == "0");
    CHECK(count(url, "SELECT count(*) FROM refresh_tokens") == "513");  // the live chain stays
}
