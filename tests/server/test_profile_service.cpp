#include "domain_fixture.h"

#include <catch2/catch.hpp>

using namespace sesame::server;
using namespace sesame::server::testing;
using namespace std::chrono_literals;

TEST_CASE("GET /v1/me shows the user, shop and session of the token", "[profile]") {
    DomainFixture f;
    const auto session = f.signIn();
    const auto principal = f.sessions->authenticate(session.accessToken).value();
    const auto me = f.profiles->me(principal).value();
    CHECK(me.user == session.user);
    CHECK(me.shop == session.shop);
    CHECK(me.shop.language == "ru");
    CHECK(me.shop.plan == "free");
    CHECK_FALSE(me.user.name);
    CHECK(me.session.id == session.sessionId);
    CHECK(me.session.createdAt == "2024-06-01T00:00:00Z");
    CHECK_FALSE(me.session.lastSeenAt);
    CHECK_FALSE(me.session.current);
}

TEST_CASE("PATCH /v1/me applies only the members present and records consent", "[profile]") {
    DomainFixture f;
    const auto session = f.signIn();
    const auto principal = f.sessions->authenticate(session.accessToken).value();

    sesame::contract::ProfilePatch patch;
    patch.shop = sesame::contract::ShopPatch{"Flowers", std::nullopt, "USD"};
    auto updated = f.profiles->update(principal, patch).value();
    CHECK(updated.shop.name == std::optional<std::string>("Flowers"));
    CHECK(updated.shop.currency == "USD");
    CHECK(updated.shop.language == "ru");
    CHECK_FALSE(updated.user.name);

    f.clock.advance(30s);
    patch = {};
    patch.name = "Aida";
    patch.consent = sesame::contract::Consent{"2024-06-01", true};
    updated = f.profiles->update(principal, patch).value();
    CHECK(updated.user.name == std::optional<std::string>("Aida"));
    CHECK(updated.shop.name == std::optional<std::string>("Flowers"));

    f.clock.advance(30s);
    patch = {};
    patch.consent = sesame::contract::Consent{"2024-07-01", false};
    REQUIRE(f.profiles->update(principal, patch));
    const auto consents = f.memoryAccounts.consents(session.user.id).value();
    REQUIRE(consents.size() == 2);
    CHECK(consents[0] == store::ConsentRecord{"2024-06-01", true, f.clock.now() - 30s});
    CHECK(consents[1] == store::ConsentRecord{"2024-07-01", false, f.clock.now()});
}

TEST_CASE("profile calls with the store down answer 503", "[profile]") {
    DomainFixture f;
    const auto session = f.signIn();
    const auto principal = f.sessions->authenticate(session.accessToken).value();
    f.accounts.down = true;
    CHECK(f.profiles->me(principal).error().code == sesame::contract::ErrorCode::ServiceUnavailable);
    CHECK(f.profiles->update(principal, {}).error().code == sesame::contract::ErrorCode::ServiceUnavailable);
}
