// PostgreSQL stopped under running stores: every call answers Unavailable
// (no crash, no hang), and the same objects work again once it is back. Runs
// on a private instance so the shared fixture's PostgreSQL stays up.

#include "account_backends.h"
#include "crypto/hmac.h"
#include "crypto/random.h"
#include "sesame_test/services_env.h"
#include "store/postgres/migrations.h"
#include "store_backends.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>

using namespace sesame::server::store;
using sesame::server::crypto::randomUuid;
using sesame::server::testing::ok;
using sesame::server::testing::TestDatabase;
using namespace std::chrono_literals;

namespace {

const TimePoint kT0{std::chrono::seconds(1717200000)};

// A private redis + PostgreSQL (tests/fixtures/services), stopped and removed
// when the test ends, and by the script's watchdog should the test die.
class PrivateServices {
public:
    PrivateServices() : dir_("/tmp/sesame-pgout-" + sesame::server::crypto::toHex(sesame::server::crypto::randomBytes(6))) {
        REQUIRE(script("start", " --owner " + std::to_string(::getpid())) == 0);
        const auto env = sesame::test::loadServicesEnvFile(dir_ + "/services.env");
        if (!env) {
            FAIL(env.error());
        }
        postgresUrl_ = env->postgresUrl;
    }
    ~PrivateServices() { script("stop"); }

    int script(const std::string& command, const std::string& extra = "") const {
        return std::system(("bash " + sesame::test::servicesScript() + " " + command + " " + dir_ + extra).c_str());
    }
    const std::string& postgresUrl() const { return postgresUrl_; }

private:
    std::string dir_;
    std::string postgresUrl_;
};

SignInRequest signInRequest(const std::string& phone, const std::string& token) {
    SignInRequest request;
    request.phone = phone;
    request.newUser = UserRecord{randomUuid(), phone, std::nullopt, kT0};
    request.newShop = ShopRecord{randomUuid(), request.newUser.id, std::nullopt, "ru", "KZT", "free", kT0};
    request.session = SessionRecord{randomUuid(), {}, {}, std::nullopt, kT0, kT0, kT0 + 100s, {}};
    request.refresh = RefreshRecord{token, request.session.id, kT0, kT0 + 100s, AccessGrant{"jti", kT0, kT0 + 10s}};
    return request;
}

template <class T>
void requireUnavailable(const StoreResult<T>& result) {
    REQUIRE_FALSE(result);
    CHECK(result.error().kind == StoreErrorKind::Unavailable);
}

}  // namespace

TEST_CASE("PostgreSQL stopped: Unavailable from every call, and the same stores work once it is back",
          "[postgres][outage]") {
    PrivateServices services;
    TestDatabase database(services.postgresUrl());
    auto pool = std::make_shared<PgPool>(PgPoolOptions{database.url(), 2});
    PgAccountStore accounts(pool);
    PgAuditLog audit(pool);
    const auto account = ok(accounts.signIn(signInRequest("+77001234567", "rt-a"))).account;
    const std::string& user = account.user.id;
    REQUIRE(pool->ping());

    REQUIRE(services.script("stop-postgres") == 0);
    CHECK_FALSE(pool->ping());
    requireUnavailable(accounts.signIn(signInRequest("+77001234567", "rt-b")));
    requireUnavailable(accounts.rotateRefresh(RotateRequest{"rt-a", {"rt-next", {}, kT0, kT0 + 100s, {}}, kT0, 10s}));
    requireUnavailable(accounts.findSession(account.session.id));
    requireUnavailable(accounts.findAccount(user, account.session.id));
    requireUnavailable(accounts.updateProfile(user, ProfileUpdate{}));
    requireUnavailable(accounts.listSessions(user, kT0));
    requireUnavailable(accounts.revokeSession(user, account.session.id, kT0));
    requireUnavailable(accounts.revokeSessions(user, std::nullopt, kT0));
    requireUnavailable(accounts.consents(user));
    requireUnavailable(audit.append(AuditEntry{AuditEvent::Logout, kT0, "", "", "", user, "", "", ""}));
    requireUnavailable(checkSchema(*pool));
    // A pool made during the outage starts just the same.
    auto latePool = std::make_shared<PgPool>(PgPoolOptions{database.url(), 1});
    PgAccountStore lateAccounts(latePool);
    requireUnavailable(lateAccounts.findSession(account.session.id));

    REQUIRE(services.script("start-postgres") == 0);
    CHECK(pool->ping());
    CHECK(ok(accounts.findAccount(user, account.session.id)) == account);
    CHECK_FALSE(ok(accounts.signIn(signInRequest("+77001234567", "rt-b"))).isNewUser);
    CHECK(ok(accounts.rotateRefresh(RotateRequest{"rt-a", {"rt-next", {}, kT0, kT0 + 100s, {}}, kT0, 10s})).status ==
          RotateStatus::Rotated);
    ok(audit.append(AuditEntry{AuditEvent::Logout, kT0, "", "", "", user, "", "", ""}));
    CHECK(checkSchema(*pool));
    CHECK(ok(lateAccounts.findSession(account.session.id))->id == account.session.id);
}
