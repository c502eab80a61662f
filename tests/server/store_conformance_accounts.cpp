// The AccountStore contract (store/account_store.h), run against every
// backend: the memory twin and PostgreSQL must be indistinguishable to the
// services. Times carry microseconds, the finest both keep.

#include "account_backends.h"
#include "crypto/random.h"
#include "run_together.h"
#include "store_backends.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <thread>
#include <vector>

using namespace sesame::server::store;
using sesame::contract::Device;
using sesame::server::crypto::randomUuid;
using sesame::server::testing::MemoryAccounts;
using sesame::server::testing::ok;
using sesame::server::testing::PostgresAccounts;
using namespace std::chrono_literals;

using sesame::server::testing::runTogether;

namespace {

const TimePoint kT0 = TimePoint(std::chrono::seconds(1717200000)) + 123456us;
const std::string kPhone = "+77001234567";
constexpr auto kRefreshLifetime = 100s;

RefreshRecord refreshRecord(const std::string& hash, TimePoint now) {
    return RefreshRecord{hash, {}, now, now + kRefreshLifetime, AccessGrant{randomUuid(), now, now + 10s}};
}

// A sign-in at `now` with fresh ids and refresh token hash `token`.
SignInRequest signInRequest(const std::string& phone, const std::string& token, TimePoint now = kT0,
                            std::optional<Device> device = Device{"Pixel 8", "android"}) {
    SignInRequest request;
    request.phone = phone;
    request.newUser = UserRecord{randomUuid(), phone, std::nullopt, now};
    request.newShop = ShopRecord{randomUuid(), request.newUser.id, std::nullopt, "ru", "KZT", "free", now};
    request.session = SessionRecord{randomUuid(), {}, {}, std::move(device), now, now, now + kRefreshLifetime,
                                    std::nullopt};
    request.refresh = refreshRecord(token, now);
    request.refresh.sessionId = request.session.id;
    return request;
}

RotateRequest rotate(const std::string& presented, const std::string& successor, TimePoint now,
                     std::chrono::seconds grace = 10s) {
    return RotateRequest{presented, refreshRecord(successor, now), now, grace};
}

RotateStatus statusOf(AccountStore& store, const RotateRequest& request) {
    return ok(store.rotateRefresh(request)).status;
}

constexpr int kConcurrentRotations = 20;

// kConcurrentRotations rotations of `presented`, started at once, each with
// a grant of its own as each HTTP request would derive; fails on any error.
std::vector<RotateOutcome> rotateConcurrently(AccountStore& store, const std::string& presented, TimePoint now) {
    std::vector<StoreResult<RotateOutcome>> results(kConcurrentRotations,
                                                    sesame::contract::unexpected(StoreError{}));
    std::vector<RotateRequest> requests;
    for (int i = 0; i < kConcurrentRotations; ++i) {
        requests.push_back(rotate(presented, presented + "-next", now));
    }
    runTogether(kConcurrentRotations, [&](int i) { results[i] = store.rotateRefresh(requests[i]); });
    std::vector<RotateOutcome> outcomes;
    for (auto& result : results) {
        outcomes.push_back(ok(std::move(result)));
    }
    return outcomes;
}

}  // namespace

TEMPLATE_TEST_CASE("AccountStore.signIn creates a user and shop once per phone", "[store][accounts]", MemoryAccounts,
                   PostgresAccounts) {
    TestType backend;
    AccountStore& store = backend.accounts;
    const SignInRequest first = signInRequest(kPhone, "rt-a");
    const SignInResult created = ok(store.signIn(first));
    CHECK(created.isNewUser);
    CHECK(created.account.user == first.newUser);
    CHECK(created.account.shop == first.newShop);
    SessionRecord expected = first.session;
    expected.userId = first.newUser.id;
    expected.shopId = first.newShop.id;
    CHECK(created.account.session == expected);

    const SignInRequest second = signInRequest(kPhone, "rt-b", kT0 + 1s, std::nullopt);
    const SignInResult existing = ok(store.signIn(second));
    CHECK_FALSE(existing.isNewUser);
    CHECK(existing.account.user == first.newUser);  // second.newUser and newShop were not stored
    CHECK(existing.account.shop == first.newShop);
    CHECK(existing.account.session.id == second.session.id);
    CHECK(existing.account.session.userId == first.newUser.id);
    CHECK_FALSE(existing.account.session.device);

    CHECK(ok(store.findSession(second.session.id)) == existing.account.session);
    CHECK(ok(store.findAccount(first.newUser.id, first.session.id)) == created.account);
    CHECK(ok(store.listSessions(first.newUser.id, kT0 + 2s)).size() == 2);

    const SignInResult other = ok(store.signIn(signInRequest("+77009999999", "rt-x")));
    CHECK(other.isNewUser);
    CHECK(other.account.user.id != first.newUser.id);
}

TEMPLATE_TEST_CASE("AccountStore: concurrent sign-ins of a new phone create one user and shop",
                   "[store][accounts][concurrency]", MemoryAccounts, PostgresAccounts) {
    TestType backend;
    constexpr int kThreads = 8;
    std::vector<SignInRequest> requests;
    for (int i = 0; i < kThreads; ++i) {
        requests.push_back(signInRequest(kPhone, "rt-" + std::to_string(i)));
    }
    std::vector<StoreResult<SignInResult>> results(kThreads, sesame::contract::unexpected(StoreError{}));
    runTogether(kThreads, [&](int i) {
        results[i] = backend.accounts.signIn(requests[i]);
    });
    int newUsers = 0;
    std::set<std::string> users;
    std::set<std::string> shops;
    for (auto& result : results) {
        const SignInResult value = ok(std::move(result));
        newUsers += value.isNewUser ? 1 : 0;
        users.insert(value.account.user.id);
        shops.insert(value.account.shop.id);
    }
    CHECK(newUsers == 1);
    CHECK(users.size() == 1);
    CHECK(shops.size() == 1);
    CHECK(ok(backend.accounts.listSessions(*users.begin(), kT0)).size() == kThreads);
}

TEMPLATE_TEST_CASE("AccountStore.rotateRefresh: rotated, replay in grace, reused, invalid", "[store][accounts]",
                   MemoryAccounts, PostgresAccounts) {
    TestType backend;
    AccountStore& store = backend.accounts;
    const SignInResult signedIn = ok(store.signIn(signInRequest(kPhone, "rt-a")));
    const std::string sessionId = signedIn.account.session.id;

    const RotateRequest first = rotate("rt-a", "rt-b", kT0 + 5s);
    const RotateOutcome rotated = ok(store.rotateRefresh(first));
    REQUIRE(rotated.status == RotateStatus::Rotated);
    RefreshRecord successor = first.successor;
    successor.sessionId = sessionId;
    CHECK(rotated.issued == successor);
    REQUIRE(rotated.account);
    CHECK(rotated.account->user == signedIn.account.user);
    CHECK(rotated.account->session.lastSeenAt == kT0 + 5s);
    CHECK(rotated.account->session.expiresAt == kT0 + 5s + kRefreshLifetime);  // slid
    CHECK(ok(store.findSession(sessionId)) == rotated.account->session);

    // Within the grace (rotated at +5 s, grace 10 s): the first rotation's successor, nothing changed.
    const RotateOutcome replay = ok(store.rotateRefresh(rotate("rt-a", "rt-b", kT0 + 15s - 1us)));
    REQUIRE(replay.status == RotateStatus::ReplayInGrace);
    CHECK(replay.issued == rotated.issued);
    CHECK(replay.account == rotated.account);

    // The successor rotates on; replaying the first token still answers its own successor.
    REQUIRE(statusOf(store, rotate("rt-b", "rt-c", kT0 + 6s)) == RotateStatus::Rotated);
    CHECK(ok(store.rotateRefresh(rotate("rt-a", "rt-b", kT0 + 7s))).issued == rotated.issued);

    // Exactly at the end of the grace it is reuse: the session dies with every token.
    const RotateOutcome reused = ok(store.rotateRefresh(rotate("rt-a", "rt-b", kT0 + 15s)));
    CHECK(reused.status == RotateStatus::Reused);
    CHECK(reused.sessionId == sessionId);
    CHECK_FALSE(reused.account);
    CHECK_FALSE(reused.issued);
    CHECK(ok(store.findSession(sessionId))->revokedAt == kT0 + 15s);
    CHECK(statusOf(store, rotate("rt-c", "rt-d", kT0 + 16s)) == RotateStatus::Invalid);
    CHECK(statusOf(store, rotate("rt-a", "rt-b", kT0 + 16s)) == RotateStatus::Invalid);  // revoked: not reuse again
    CHECK(ok(store.findSession(sessionId))->revokedAt == kT0 + 15s);
}

TEMPLATE_TEST_CASE("AccountStore.rotateRefresh refuses expired, unknown and revoked tokens", "[store][accounts]",
                   MemoryAccounts, PostgresAccounts) {
    TestType backend;
    AccountStore& store = backend.accounts;
    ok(store.signIn(signInRequest(kPhone, "rt-a")));
    const SignInResult revoked = ok(store.signIn(signInRequest(kPhone, "rt-r")));
    const TimePoint expiry = kT0 + kRefreshLifetime;

    CHECK(statusOf(store, rotate("rt-a", "rt-b", expiry)) == RotateStatus::Invalid);  // expired ⇔ now >= expiresAt
    CHECK(statusOf(store, rotate("rt-a", "rt-b", expiry - 1us)) == RotateStatus::Rotated);
    for (const std::string hostile : {"", "unknown", "' OR '1'='1", "rt-a'; DROP TABLE refresh_tokens; --", "RT-A"}) {
        CHECK(statusOf(store, rotate(hostile, "rt-z", kT0)) == RotateStatus::Invalid);
    }
    REQUIRE(ok(store.revokeSession(revoked.account.user.id, revoked.account.session.id, kT0 + 1s)));
    CHECK(statusOf(store, rotate("rt-r", "rt-s", kT0 + 2s)) == RotateStatus::Invalid);
}

TEMPLATE_TEST_CASE("AccountStore.rotateRefresh with a 0 s grace treats any replay as reuse", "[store][accounts]",
                   MemoryAccounts, PostgresAccounts) {
    TestType backend;
    AccountStore& store = backend.accounts;
    const SignInResult signedIn = ok(store.signIn(signInRequest(kPhone, "rt-a")));
    REQUIRE(statusOf(store, rotate("rt-a", "rt-b", kT0, 0s)) == RotateStatus::Rotated);
    CHECK(statusOf(store, rotate("rt-a", "rt-b", kT0, 0s)) == RotateStatus::Reused);
    CHECK(ok(store.findSession(signedIn.account.session.id))->revokedAt == kT0);
}

TEMPLATE_TEST_CASE("AccountStore: of 20 concurrent rotations of one token one rotates, 19 replay the same pair",
                   "[store][accounts][concurrency]", MemoryAccounts, PostgresAccounts) {
    TestType backend;
    AccountStore& store = backend.accounts;
    // Later rounds run on warm connections, where the calls overlap the most.
    for (int round = 0; round < 3; ++round) {
        const std::string token = "rt-round-" + std::to_string(round);
        ok(store.signIn(signInRequest(kPhone, token)));
        const std::vector<RotateOutcome> outcomes = rotateConcurrently(store, token, kT0 + 1s);
        const auto first = std::find_if(outcomes.begin(), outcomes.end(),
                                        [](const RotateOutcome& o) { return o.status == RotateStatus::Rotated; });
        REQUIRE(first != outcomes.end());
        int rotated = 0;
        int replayed = 0;
        for (const auto& outcome : outcomes) {
            rotated += outcome.status == RotateStatus::Rotated ? 1 : 0;
            replayed += outcome.status == RotateStatus::ReplayInGrace ? 1 : 0;
            CHECK(outcome.issued == first->issued);  // the same successor and access grant for all
            CHECK(outcome.account == first->account);
        }
        CHECK(rotated == 1);
        CHECK(replayed == kConcurrentRotations - 1);
    }
}

TEMPLATE_TEST_CASE("AccountStore lists, revokes and logs out sessions per scope", "[store][accounts]",
                   MemoryAccounts, PostgresAccounts) {
    TestType backend;
    AccountStore& store = backend.accounts;
    // a, b, c at the same instant: listed in creation order.
    const auto a = ok(store.signIn(signInRequest(kPhone, "rt-a"))).account.session;
    const auto b = ok(store.signIn(signInRequest(kPhone, "rt-b"))).account.session;
    const auto c = ok(store.signIn(signInRequest(kPhone, "rt-c", kT0, std::nullopt))).account.session;
    const auto x = ok(store.signIn(signInRequest("+77009999999", "rt-x"))).account.session;
    const std::string user = a.userId;
    CHECK(ok(store.listSessions(user, kT0)) == std::vector<SessionRecord>{a, b, c});

    CHECK_FALSE(ok(store.revokeSession(user, x.id, kT0)));  // another user's session
    CHECK_FALSE(ok(store.revokeSession(user, randomUuid(), kT0)));
    CHECK(ok(store.revokeSession(user, b.id, kT0 + 3s)));
    CHECK(ok(store.revokeSession(user, b.id, kT0 + 9s)));  // idempotent, keeps the first time
    CHECK(ok(store.findSession(b.id))->revokedAt == kT0 + 3s);
    CHECK(ok(store.listSessions(user, kT0 + 4s)) == std::vector<SessionRecord>{a, c});
    CHECK(ok(store.listSessions(user, kT0 + kRefreshLifetime)).empty());  // expired ⇔ now >= expiresAt
    CHECK(ok(store.listSessions(user, kT0 + kRefreshLifetime - 1us)).size() == 2);

    // scope "others" keeps the caller's session; "global" ends the rest.
    CHECK(ok(store.revokeSessions(user, c.id, kT0 + 5s)) == 1);
    CHECK(ok(store.listSessions(user, kT0 + 6s)) == std::vector<SessionRecord>{c});
    CHECK(ok(store.revokeSessions(user, std::nullopt, kT0 + 6s)) == 1);
    CHECK(ok(store.revokeSessions(user, std::nullopt, kT0 + 7s)) == 0);
    CHECK(ok(store.listSessions(user, kT0 + 7s)).empty());
    CHECK(ok(store.findSession(a.id))->revokedAt == kT0 + 5s);
    CHECK(ok(store.listSessions(x.userId, kT0 + 7s)) == std::vector<SessionRecord>{x});  // untouched

    // Keeping an id that names no session of the user keeps nothing.
    const auto y = ok(store.signIn(signInRequest("+77009999999", "rt-y"))).account.session;
    CHECK(ok(store.revokeSessions(x.userId, std::string("not-a-session"), kT0 + 8s)) == 2);
    CHECK(ok(store.findSession(y.id))->revokedAt == kT0 + 8s);
}

TEMPLATE_TEST_CASE("AccountStore answers 'not found' for unknown and malformed ids", "[store][accounts]",
                   MemoryAccounts, PostgresAccounts) {
    TestType backend;
    AccountStore& store = backend.accounts;
    const auto account = ok(store.signIn(signInRequest(kPhone, "rt-a"))).account;
    const auto other = ok(store.signIn(signInRequest("+77009999999", "rt-x"))).account;
    CHECK_FALSE(ok(store.findAccount(other.user.id, account.session.id)));  // not their session

    std::string upper = account.session.id;
    for (char& ch : upper) {
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    for (const std::string& id : {std::string(), std::string("nope"), randomUuid(), upper,
                                 std::string("' OR 1=1 --"), "{" + account.session.id + "}",
                                 std::string(10000, 'a'), std::string("ид-сессии")}) {
        INFO("id '" << id.substr(0, 40) << "'");
        CHECK_FALSE(ok(store.findSession(id)));
        CHECK_FALSE(ok(store.findAccount(account.user.id, id)));
        CHECK_FALSE(ok(store.findAccount(id, account.session.id)));
        CHECK_FALSE(ok(store.revokeSession(account.user.id, id, kT0)));
        CHECK_FALSE(ok(store.revokeSession(id, account.session.id, kT0)));
        CHECK(ok(store.revokeSessions(id, std::nullopt, kT0)) == 0);
        CHECK(ok(store.listSessions(id, kT0)).empty());
        CHECK(ok(store.consents(id)).empty());
        ProfileUpdate update;
        update.name = "x";
        CHECK_FALSE(ok(store.updateProfile(id, update)));
    }
    CHECK_FALSE(ok(store.findSession(account.session.id))->revokedAt);
}

TEMPLATE_TEST_CASE("AccountStore.updateProfile changes only what is given and appends consents", "[store][accounts]",
                   MemoryAccounts, PostgresAccounts) {
    TestType backend;
    AccountStore& store = backend.accounts;
    const auto account = ok(store.signIn(signInRequest(kPhone, "rt-a"))).account;
    const auto other = ok(store.signIn(signInRequest("+77009999999", "rt-x"))).account;

    ProfileUpdate nothing;
    nothing.now = kT0;
    CHECK(ok(store.updateProfile(account.user.id, nothing)));
    CHECK(ok(store.findAccount(account.user.id, account.session.id)) == account);
    CHECK(ok(store.consents(account.user.id)).empty());

    ProfileUpdate first;
    first.name = "Aida";
    first.shopCurrency = "USD";
    first.consent = sesame::contract::Consent{"2024-06-01", true};
    first.now = kT0 + 8s;
    CHECK(ok(store.updateProfile(account.user.id, first)));
    ProfileUpdate second;
    second.shopName = "";  // an empty name is a value, not an absent one
    second.shopLanguage = "kk";
    second.consent = sesame::contract::Consent{"2024-07-01", false};
    second.now = kT0 + 9s;
    CHECK(ok(store.updateProfile(account.user.id, second)));
    CHECK_FALSE(ok(store.updateProfile(randomUuid(), first)));

    const auto view = ok(store.findAccount(account.user.id, account.session.id));
    REQUIRE(view);
    UserRecord user = account.user;
    user.name = "Aida";
    CHECK(view->user == user);
    ShopRecord shop = account.shop;
    shop.name = "";
    shop.language = "kk";
    shop.currency = "USD";
    CHECK(view->shop == shop);
    CHECK(ok(store.consents(account.user.id)) ==
          std::vector<ConsentRecord>{{"2024-06-01", true, kT0 + 8s}, {"2024-07-01", false, kT0 + 9s}});
    CHECK(ok(store.findAccount(other.user.id, other.session.id)) == other);  // untouched
    CHECK(ok(store.consents(other.user.id)).empty());
}

TEMPLATE_TEST_CASE("AccountStore keeps hostile text verbatim", "[store][accounts][hostile]", MemoryAccounts,
                   PostgresAccounts) {
    TestType backend;
    AccountStore& store = backend.accounts;
    const std::vector<std::string> hostile = {
        "'; DROP TABLE users; --",
        "Robert'); DELETE FROM sessions WHERE ('1'='1",
        "$1 $2 %s %n {0} \\x00 \\\\ \\'",
        "\" OR \"\"=\"",
        "Grüße, Алия, 李, مرحبا, 🙂‍↔️",
        "line\nbreak\ttab\r\x1b[31m",
        std::string(10000, 'x'),
        " ",
    };
    for (std::size_t i = 0; i < hostile.size(); ++i) {
        const std::string& text = hostile[i];
        INFO("hostile text #" << i);
        SignInRequest request = signInRequest(text, text + "-token", kT0, Device{text, text});
        request.newShop.language = text;
        request.newShop.currency = text;
        request.newShop.plan = text;
        request.refresh.access.jti = text;
        const SignInResult result = ok(store.signIn(request));
        REQUIRE(result.isNewUser);
        CHECK(result.account.user.phone == text);
        CHECK(result.account.session.device == std::optional(Device{text, text}));
        CHECK(result.account.shop.plan == text);

        ProfileUpdate update;
        update.name = text;
        update.shopName = text;
        update.consent = sesame::contract::Consent{text, true};
        update.now = kT0;
        REQUIRE(ok(store.updateProfile(result.account.user.id, update)));
        const auto view = ok(store.findAccount(result.account.user.id, result.account.session.id));
        REQUIRE(view);
        CHECK(view->user.name == std::optional(text));
        CHECK(view->shop.name == std::optional(text));
        CHECK(view->shop.language == text);
        CHECK(ok(store.consents(result.account.user.id)).at(0).termsVersion == text);

        const RotateOutcome rotated = ok(store.rotateRefresh(rotate(text + "-token", text + "-next", kT0 + 1s)));
        REQUIRE(rotated.status == RotateStatus::Rotated);
        const RotateOutcome replay = ok(store.rotateRefresh(rotate(text + "-token", text + "-next", kT0 + 2s)));
        CHECK(replay.issued == rotated.issued);
        CHECK(replay.issued->access.jti != text);  // the successor's own grant
    }
    // Each phone made its own user: no text was read as SQL.
    const auto first = ok(store.signIn(signInRequest(hostile[0], "again"))).account;
    CHECK(ok(store.listSessions(first.user.id, kT0)).size() == 2);
}
