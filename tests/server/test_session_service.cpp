#include "domain_fixture.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <latch>
#include <mutex>
#include <set>
#include <thread>

using namespace sesame::server;
using namespace sesame::server::testing;
using namespace std::chrono_literals;
using sesame::contract::ErrorCode;
using sesame::contract::LogoutScope;

namespace {

ServiceResult<sesame::contract::Session> refresh(DomainFixture& f, const std::string& token) {
    return f.sessions->refresh(sesame::contract::RefreshRequest{token}, DomainFixture::client());
}

}  // namespace

TEST_CASE("a session's access token authenticates until it expires", "[sessions]") {
    DomainFixture f;
    const auto session = f.signIn();
    CHECK(session.expiresIn == 900);
    CHECK(session.refreshExpiresIn == 30 * 24 * 3600);
    const auto principal = f.sessions->authenticate(session.accessToken);
    REQUIRE(principal);
    CHECK(principal->userId == session.user.id);
    CHECK(principal->sessionId == session.sessionId);
    CHECK(principal->shopId == session.shop.id);
    CHECK(principal->device == "Pixel 8 (android)");

    f.clock.advance(900s + 59s);  // within the 60 s leeway
    CHECK(f.sessions->authenticate(session.accessToken));
    f.clock.advance(1s);
    CHECK(f.sessions->authenticate(session.accessToken).error().code == ErrorCode::TokenExpired);
    CHECK(f.sessions->authenticate("not.a.token").error().code == ErrorCode::InvalidToken);
    CHECK(f.sessions->authenticate("").error().code == ErrorCode::InvalidToken);
}

TEST_CASE("refresh rotates: a new pair, and the old token is done", "[sessions][refresh]") {
    DomainFixture f([](Settings& s) { s.tokens.reuseGrace = 10s; });
    const auto first = f.signIn();
    f.clock.advance(100s);
    const auto second = refresh(f, first.refreshToken);
    REQUIRE(second);
    CHECK(second->refreshToken != first.refreshToken);
    CHECK(second->accessToken != first.accessToken);
    CHECK(second->sessionId == first.sessionId);
    CHECK_FALSE(second->isNewUser);
    CHECK(second->user == first.user);
    CHECK(second->expiresIn == 900);
    CHECK(f.sessions->authenticate(second->accessToken));
    const auto third = refresh(f, second->refreshToken);
    REQUIRE(third);
    CHECK(f.metrics.counter("sesame_token_refreshes_total", "").value({"rotated"}) == 2);
}

TEST_CASE("refresh inside the grace returns the identical pair", "[sessions][refresh]") {
    DomainFixture f([](Settings& s) { s.tokens.reuseGrace = 10s; });
    const auto first = f.signIn();
    const auto rotated = refresh(f, first.refreshToken);
    REQUIRE(rotated);
    f.clock.advance(9s);
    const auto replay = refresh(f, first.refreshToken);
    REQUIRE(replay);
    CHECK(replay->refreshToken == rotated->refreshToken);
    CHECK(replay->accessToken == rotated->accessToken);
    CHECK(replay->expiresIn == rotated->expiresIn - 9);
    CHECK(f.metrics.counter("sesame_token_refreshes_total", "").value({"replayed"}) == 1);
    CHECK(refresh(f, replay->refreshToken));  // the replayed pair is a working pair
}

TEST_CASE("refresh after the grace is reuse: 401 and the session is revoked", "[sessions][refresh]") {
    DomainFixture f([](Settings& s) { s.tokens.reuseGrace = 10s; });
    const auto first = f.signIn();
    const auto rotated = refresh(f, first.refreshToken);
    REQUIRE(rotated);
    f.clock.advance(10s);
    const auto reused = refresh(f, first.refreshToken);
    REQUIRE_FALSE(reused);
    CHECK(reused.error().code == ErrorCode::RefreshTokenReused);
    CHECK(refresh(f, rotated->refreshToken).error().code == ErrorCode::InvalidRefreshToken);
    CHECK(f.sessions->authenticate(rotated->accessToken).error().code == ErrorCode::InvalidToken);
    bool audited = false;
    for (const auto& entry : f.audit.entries()) {
        audited = audited || (entry.event == store::AuditEvent::RefreshReuseDetected && entry.sessionId == first.sessionId);
    }
    CHECK(audited);
}

TEST_CASE("with a 0 s grace any second use is reuse", "[sessions][refresh]") {
    DomainFixture f([](Settings& s) { s.tokens.reuseGrace = 0s; });
    const auto first = f.signIn();
    REQUIRE(refresh(f, first.refreshToken));
    CHECK(refresh(f, first.refreshToken).error().code == ErrorCode::RefreshTokenReused);
}

TEST_CASE("unknown, expired and hostile refresh tokens are invalid", "[sessions][refresh]") {
    DomainFixture f([](Settings& s) { s.tokens.refreshLifetime = 100s; });
    const auto first = f.signIn();
    for (const std::string& token : std::vector<std::string>{"", "x", "a.b.c", std::string(5000, 'A'), first.accessToken}) {
        CHECK(refresh(f, token).error().code == ErrorCode::InvalidRefreshToken);
    }
    f.clock.advance(100s);
    CHECK(refresh(f, first.refreshToken).error().code == ErrorCode::InvalidRefreshToken);
    CHECK(f.metrics.counter("sesame_token_refreshes_total", "").value({"invalid"}) == 6);
}

TEST_CASE("refresh slides the refresh lifetime", "[sessions][refresh]") {
    DomainFixture f([](Settings& s) { s.tokens.refreshLifetime = 100s; });
    auto current = f.signIn();
    for (int i = 0; i < 5; ++i) {
        f.clock.advance(90s);
        auto next = refresh(f, current.refreshToken);
        REQUIRE(next);
        CHECK(next->refreshExpiresIn == 100);
        current = next.value();
    }
}

TEST_CASE("20 concurrent refreshes of one token inside the grace all get the same pair",
          "[sessions][refresh][concurrency]") {
    DomainFixture f;
    const auto first = f.signIn();
    std::mutex mutex;
    std::set<std::pair<std::string, std::string>> pairs;
    std::atomic<int> failures{0};
    std::latch start(20);
    std::vector<std::thread> threads;
    for (int i = 0; i < 20; ++i) {
        threads.emplace_back([&] {
            start.arrive_and_wait();
            const auto result = refresh(f, first.refreshToken);
            if (!result) {
                ++failures;
                return;
            }
            std::lock_guard lock(mutex);
            pairs.emplace(result->accessToken, result->refreshToken);
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(failures == 0);
    CHECK(pairs.size() == 1);
}

TEST_CASE("the accounts store down: refresh and authenticate answer 503", "[sessions]") {
    DomainFixture f;
    const auto session = f.signIn();
    f.accounts.down = true;
    CHECK(refresh(f, session.refreshToken).error().code == ErrorCode::ServiceUnavailable);
    CHECK(f.sessions->authenticate(session.accessToken).error().code == ErrorCode::ServiceUnavailable);
    f.accounts.down = false;
    CHECK(refresh(f, session.refreshToken));
}

TEST_CASE("logout scopes", "[sessions][logout]") {
    DomainFixture f([](Settings& s) { s.otp.resendCooldown = 0s; });
    const auto a = f.signIn();
    const auto b = f.signIn();
    const auto c = f.signIn();
    const auto other = f.signIn(kOtherPhone);
    const auto principalOf = [&](const sesame::contract::Session& s) {
        return f.sessions->authenticate(s.accessToken).value();
    };
    auto live = [&](const sesame::contract::Session& s) { return f.sessions->authenticate(s.accessToken).hasValue(); };

    SECTION("local ends only this session") {
        REQUIRE(f.sessions->logout(principalOf(a), LogoutScope::Local, DomainFixture::client()));
        CHECK_FALSE(live(a));
        CHECK(live(b));
        CHECK(refresh(f, a.refreshToken).error().code == ErrorCode::InvalidRefreshToken);
    }
    SECTION("others keeps this session") {
        REQUIRE(f.sessions->logout(principalOf(a), LogoutScope::Others, DomainFixture::client()));
        CHECK(live(a));
        CHECK_FALSE(live(b));
        CHECK_FALSE(live(c));
        CHECK(live(other));
    }
    SECTION("global ends every session of the user, none of anyone else") {
        REQUIRE(f.sessions->logout(principalOf(b), LogoutScope::Global, DomainFixture::client()));
        CHECK_FALSE(live(a));
        CHECK_FALSE(live(b));
        CHECK_FALSE(live(c));
        CHECK(live(other));
    }
    CHECK(f.audit.entries().back().event == store::AuditEvent::Logout);
}

TEST_CASE("the session list marks the current one, and revoking another user's session is 404", "[sessions]") {
    DomainFixture f([](Settings& s) { s.otp.resendCooldown = 0s; });
    const auto a = f.signIn();
    f.clock.advance(5s);
    const auto b = f.signIn();
    const auto other = f.signIn(kOtherPhone);
    const auto principal = f.sessions->authenticate(b.accessToken).value();

    const auto list = f.sessions->list(principal).value();
    REQUIRE(list.sessions.size() == 2);
    CHECK(list.sessions[0].id == a.sessionId);
    CHECK(list.sessions[0].current == std::optional<bool>(false));
    CHECK(list.sessions[1].current == std::optional<bool>(true));
    CHECK(list.sessions[1].device == std::optional(sesame::contract::Device{"Pixel 8", "android"}));
    CHECK(list.sessions[1].lastSeenAt == list.sessions[1].createdAt);

    CHECK(f.sessions->revoke(principal, other.sessionId, DomainFixture::client()).error().code == ErrorCode::NotFound);
    CHECK(f.sessions->revoke(principal, "no-such-id", DomainFixture::client()).error().code == ErrorCode::NotFound);
    REQUIRE(f.sessions->revoke(principal, a.sessionId, DomainFixture::client()));
    CHECK_FALSE(f.sessions->authenticate(a.accessToken));
    CHECK(f.sessions->list(principal).value().sessions.size() == 1);
    CHECK(f.audit.entries().back().event == store::AuditEvent::SessionRevoked);
}
