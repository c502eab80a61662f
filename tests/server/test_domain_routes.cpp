// The domain handlers through the router, as the HTTP server calls them.

#include "api/bearer.h"
#include "api/me_routes.h"
#include "api/mock_routes.h"
#include "api/otp_routes.h"
#include "api/session_routes.h"
#include "api/token_routes.h"
#include "domain_fixture.h"
#include "http/router.h"

#include <catch2/catch.hpp>
#include <sesame/contract/json.h>

using namespace sesame::server;
using namespace sesame::server::testing;
using namespace std::chrono_literals;
using http::Method;

namespace {

struct Api {
    DomainFixture f;
    http::Router router;

    explicit Api(const std::function<void(Settings&)>& configure = {}) : f(configure) {
        api::registerOtpRoutes(router, *f.otp);
        api::registerTokenRoutes(router, *f.sessions, *f.tokens);
        api::registerSessionRoutes(router, *f.sessions);
        api::registerMeRoutes(router, *f.sessions, *f.profiles);
        api::registerMockRoutes(router, f.outbox);
    }

    http::Response call(Method method, const std::string& path, const std::string& body = {},
                        const std::string& token = {}, std::map<std::string, std::string> query = {}) {
        http::Request request;
        request.method = method;
        request.path = path;
        request.query = std::move(query);
        request.body = body;
        request.clientIp = "203.0.113.9";
        request.requestId = "test";
        if (!body.empty()) {
            request.headers.emplace_back("content-type", "application/json");
        }
        if (!token.empty()) {
            request.headers.emplace_back("authorization", "Bearer " + token);
        }
        return router.handle(request).response;
    }

    // Request, read the outbox, verify: the session JSON.
    nlohmann::json login(const std::string& phone = kPhone) {
        REQUIRE(call(Method::Post, "/v1/otp", nlohmann::json{{"phone", phone}}.dump()).status == 202);
        const auto verified = call(Method::Post, "/v1/otp/verify",
                                   nlohmann::json{{"phone", phone}, {"code", f.lastCode(phone)}}.dump());
        REQUIRE(verified.status == 200);
        return nlohmann::json::parse(verified.body);
    }
};

nlohmann::json bodyOf(const http::Response& response) { return nlohmann::json::parse(response.body); }

std::optional<std::string> headerOf(const http::Response& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

void checkUnauthorized(const http::Response& response, const char* code) {
    CHECK(response.status == 401);
    CHECK(response.contentType == "application/problem+json");
    CHECK(bodyOf(response)["code"] == code);
    CHECK(headerOf(response, "WWW-Authenticate") == std::optional<std::string>("Bearer error=\"invalid_token\""));
}

}  // namespace

TEST_CASE("routes: a whole login over the handlers", "[routes]") {
    Api api;
    const auto requested = api.call(Method::Post, "/v1/otp", R"({"phone":"+77001234567","locale":"en"})");
    REQUIRE(requested.status == 202);
    const auto answer = bodyOf(requested);
    CHECK(sesame::contract::parse<sesame::contract::OtpResponse>(answer));
    CHECK(answer["channel"] == "sms");

    const auto outbox = api.call(Method::Get, "/mock/outbox", {}, {}, {{"phone", " 77001234567"}});
    REQUIRE(outbox.status == 200);
    const auto messages = bodyOf(outbox)["messages"];
    REQUIRE(messages.size() == 1);
    CHECK(sesame::contract::parse<sesame::contract::Outbox>(bodyOf(outbox)));

    const auto verified = api.call(Method::Post, "/v1/otp/verify",
                                   nlohmann::json{{"phone", "+77001234567"}, {"code", messages[0]["code"]}}.dump());
    REQUIRE(verified.status == 200);
    const auto session = bodyOf(verified);
    CHECK(sesame::contract::parse<sesame::contract::Session>(session));
    CHECK(session["token_type"] == "Bearer");

    const auto me = api.call(Method::Get, "/v1/me", {}, session["access_token"]);
    REQUIRE(me.status == 200);
    CHECK(sesame::contract::parse<sesame::contract::MeResponse>(bodyOf(me)));

    const auto refreshed = api.call(Method::Post, "/v1/token/refresh",
                                    nlohmann::json{{"refresh_token", session["refresh_token"]}}.dump());
    REQUIRE(refreshed.status == 200);
    const std::string access = bodyOf(refreshed)["access_token"];

    const auto list = api.call(Method::Get, "/v1/sessions", {}, access);
    REQUIRE(list.status == 200);
    CHECK(sesame::contract::parse<sesame::contract::SessionList>(bodyOf(list)));

    CHECK(api.call(Method::Post, "/v1/logout", {}, access).status == 204);  // no body: local
    checkUnauthorized(api.call(Method::Get, "/v1/me", {}, access), "invalid_token");
}

TEST_CASE("routes: bearer tokens that are missing, malformed or expired", "[routes][bearer]") {
    Api api;
    const std::string token = api.login()["access_token"];
    checkUnauthorized(api.call(Method::Get, "/v1/me"), "invalid_token");
    checkUnauthorized(api.call(Method::Get, "/v1/me", {}, "a b"), "invalid_token");
    checkUnauthorized(api.call(Method::Get, "/v1/me", {}, "tok\xc3\xa9n"), "invalid_token");
    checkUnauthorized(api.call(Method::Get, "/v1/me", {}, token + "x"), "invalid_token");
    checkUnauthorized(api.call(Method::Get, "/v1/sessions", {}, "'; DROP TABLE sessions;--"), "invalid_token");
    api.f.clock.advance(900s + 60s);
    checkUnauthorized(api.call(Method::Get, "/v1/me", {}, token), "token_expired");
    checkUnauthorized(api.call(Method::Post, "/v1/logout", {}, token), "token_expired");
}

TEST_CASE("bearerToken reads only a well-formed Bearer header", "[routes][bearer]") {
    auto tokenOf = [](const std::string& value) {
        http::Request request;
        request.headers.emplace_back("authorization", value);
        const auto token = api::bearerToken(request);
        return token ? std::optional<std::string>(*token) : std::nullopt;
    };
    CHECK(tokenOf("Bearer abc.def-_~+/") == std::optional<std::string>("abc.def-_~+/"));
    CHECK(tokenOf("bearer   abc==  ") == std::optional<std::string>("abc=="));
    CHECK(tokenOf("BEARER abc") == std::optional<std::string>("abc"));
    CHECK_FALSE(tokenOf("Bearer"));
    CHECK_FALSE(tokenOf("Bearer "));
    CHECK_FALSE(tokenOf("Bearerabc"));
    CHECK_FALSE(tokenOf("Basic YWxhZGRpbjpvcGVuc2VzYW1l"));
    CHECK_FALSE(tokenOf("Bearer a=b"));
    CHECK_FALSE(tokenOf("Bearer ==="));
    CHECK_FALSE(tokenOf("Bearer a\tb"));
    CHECK_FALSE(tokenOf("Bearer \x01"));
    CHECK_FALSE(api::bearerToken(http::Request{}));
}

TEST_CASE("routes: bodies are validated naming the field", "[routes]") {
    Api api;
    const auto wrongType = api.call(Method::Post, "/v1/otp", R"({"phone":5})");
    CHECK(wrongType.status == 400);
    CHECK(bodyOf(wrongType)["code"] == "invalid_request");
    CHECK(bodyOf(wrongType)["field"] == "phone");
    CHECK(bodyOf(api.call(Method::Post, "/v1/otp", R"({})"))["field"] == "phone");
    CHECK(bodyOf(api.call(Method::Post, "/v1/otp", R"({"phone":"+77001234567","channel":"fax"})"))["field"] ==
          "channel");
    CHECK(bodyOf(api.call(Method::Post, "/v1/otp/verify", R"({"phone":"+77001234567","code":"12a456"})"))["field"] ==
          "code");
    CHECK(api.call(Method::Post, "/v1/otp", "{not json").status == 400);
    CHECK(api.call(Method::Post, "/v1/otp", "[]").status == 400);
    CHECK(bodyOf(api.call(Method::Post, "/v1/token/refresh", R"({"refresh_token":null})"))["field"] ==
          "refresh_token");

    http::Request noType;
    noType.method = Method::Post;
    noType.path = "/v1/otp";
    noType.body = R"({"phone":"+77001234567"})";
    CHECK(api.router.handle(noType).response.status == 415);

    const auto badPhone = api.call(Method::Post, "/v1/otp", R"({"phone":"+1"})");
    CHECK(badPhone.status == 400);
    CHECK(bodyOf(badPhone)["code"] == "invalid_phone");
    CHECK(bodyOf(badPhone)["field"] == "phone");
}

TEST_CASE("routes: 429 answers carry Retry-After", "[routes]") {
    Api api;
    REQUIRE(api.call(Method::Post, "/v1/otp", R"({"phone":"+77001234567"})").status == 202);
    const auto early = api.call(Method::Post, "/v1/otp", R"({"phone":"+77001234567"})");
    CHECK(early.status == 429);
    CHECK(bodyOf(early)["code"] == "resend_too_soon");
    CHECK(bodyOf(early)["retry_after"] == 60);
    CHECK(headerOf(early, "Retry-After") == std::optional<std::string>("60"));
}

TEST_CASE("routes: PATCH /v1/me validates and applies the profile", "[routes][profile]") {
    Api api;
    const std::string token = api.login()["access_token"];
    auto patch = [&](const std::string& body) { return api.call(Method::Patch, "/v1/me", body, token); };
    const struct {
        const char* body;
        const char* field;
    } invalid[] = {
        {R"({"name":5})", "name"},
        {R"({"name":""})", "name"},
        {R"({"name":"   "})", "name"},
        {R"({"name":"a\u0007b"})", "name"},
        {R"({"shop":{"currency":"usd"}})", "shop.currency"},
        {R"({"shop":{"currency":"USDT"}})", "shop.currency"},
        {R"({"shop":{"language":"not a tag"}})", "shop.language"},
        {R"({"shop":"Flowers"})", "shop"},
        {R"({"consent":{"terms_version":"2024-06-01"}})", "consent.marketing"},
        {R"({"consent":{"terms_version":"v1","marketing":"yes"}})", "consent.marketing"},
        {R"({"consent":{"terms_version":"<script>","marketing":false}})", "consent.terms_version"},
    };
    for (const auto& row : invalid) {
        INFO(row.body);
        const auto response = patch(row.body);
        CHECK(response.status == 400);
        CHECK(bodyOf(response)["field"] == row.field);
    }
    const std::string longName(101, 'x');
    CHECK(bodyOf(patch(nlohmann::json{{"name", longName}}.dump()))["field"] == "name");

    const auto untouched = patch("{}");
    REQUIRE(untouched.status == 200);
    CHECK(bodyOf(untouched)["user"]["name"].is_null());  // null until registration is completed

    const auto updated = patch(
        R"({"name":"Айгерим","shop":{"name":"Цветы 🌷","language":"kk-KZ","currency":"KZT"},"consent":{"terms_version":"2024-06-01","marketing":false}})");
    REQUIRE(updated.status == 200);
    const auto me = bodyOf(updated);
    CHECK(me["user"]["name"] == "Айгерим");
    CHECK(me["shop"]["name"] == "Цветы 🌷");
    CHECK(me["shop"]["language"] == "kk-KZ");
    CHECK(bodyOf(api.call(Method::Get, "/v1/me", {}, token)) == me);
}

TEST_CASE("routes: DELETE /v1/sessions/{id}", "[routes]") {
    Api api([](Settings& s) { s.otp.resendCooldown = 0s; });
    const auto first = api.login();
    const auto second = api.login();
    const auto stranger = api.login(kOtherPhone);
    const std::string token = second["access_token"];
    CHECK(api.call(Method::Delete, "/v1/sessions/" + std::string(stranger["session_id"]), {}, token).status == 404);
    CHECK(bodyOf(api.call(Method::Delete, "/v1/sessions/nope", {}, token))["code"] == "not_found");
    CHECK(api.call(Method::Delete, "/v1/sessions/" + std::string(first["session_id"]), {}, token).status == 204);
    checkUnauthorized(api.call(Method::Get, "/v1/me", {}, first["access_token"]), "invalid_token");
    CHECK(api.call(Method::Get, "/v1/me", {}, stranger["access_token"]).status == 200);
}

TEST_CASE("routes: logout scope from the body", "[routes]") {
    Api api([](Settings& s) { s.otp.resendCooldown = 0s; });
    const auto first = api.login();
    const auto second = api.login();
    CHECK(bodyOf(api.call(Method::Post, "/v1/logout", R"({"scope":"everything"})", second["access_token"]))["field"] ==
          "scope");
    CHECK(api.call(Method::Post, "/v1/logout", R"({"scope":"others"})", second["access_token"]).status == 204);
    CHECK(api.call(Method::Get, "/v1/me", {}, first["access_token"]).status == 401);
    CHECK(api.call(Method::Get, "/v1/me", {}, second["access_token"]).status == 200);
}

TEST_CASE("routes: the mock outbox", "[routes][mock]") {
    Api api([](Settings& s) { s.otp.resendCooldown = 0s; });
    CHECK(bodyOf(api.call(Method::Get, "/mock/outbox", {}, {}, {{"phone", "+77001234567"}}))["messages"].empty());
    for (int i = 0; i < 3; ++i) {
        REQUIRE(api.call(Method::Post, "/v1/otp", R"({"phone":"+77001234567"})").status == 202);
    }
    const auto messages =
        bodyOf(api.call(Method::Get, "/mock/outbox", {}, {}, {{"phone", "87001234567"}, {"region", "KZ"}}))["messages"];
    REQUIRE(messages.size() == 3);
    CHECK(messages[2]["code"] == api.f.lastCode());  // newest last

    for (const std::string& phone : std::vector<std::string>{"", "abc", "+1", "8700", std::string(2000, '9')}) {
        const auto bad = api.call(Method::Get, "/mock/outbox", {}, {}, {{"phone", phone}});
        CHECK(bad.status == 400);
        CHECK(bodyOf(bad)["code"] == "invalid_phone");
    }
    CHECK(api.call(Method::Get, "/mock/outbox").status == 400);
}

TEST_CASE("routes: the JWKS verifies issued tokens", "[routes]") {
    Api api;
    const auto response = api.call(Method::Get, "/.well-known/jwks.json");
    REQUIRE(response.status == 200);
    const auto jwks = sesame::contract::parse<sesame::contract::Jwks>(bodyOf(response));
    REQUIRE(jwks);
    REQUIRE(jwks->keys.size() == 1);
    CHECK(jwks->keys[0].kid == api.f.key.kid());
    CHECK(headerOf(response, "Cache-Control"));
}
