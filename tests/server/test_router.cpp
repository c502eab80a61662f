#include "http/router.h"
#include "telemetry/log.h"

#include <catch2/catch.hpp>

using namespace sesame::server::http;

namespace {

Handler echo(std::string name) {
    return [name](const Request& request) {
        nlohmann::json params = nlohmann::json::object();
        for (const auto& [key, value] : request.pathParams) {
            params[key] = value;
        }
        return Response::json(200, {{"handler", name}, {"params", params}});
    };
}

Router::Result call(const Router& router, Method method, std::string path) {
    Request request;
    request.method = method;
    request.path = std::move(path);
    return router.handle(request);
}

nlohmann::json body(const Router::Result& result) { return nlohmann::json::parse(result.response.body); }

std::optional<std::string> header(const Response& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

Router sampleRouter() {
    Router router;
    router.add(Method::Get, "/healthz", echo("health"));
    router.add(Method::Get, "/v1/sessions", echo("list"));
    router.add(Method::Delete, "/v1/sessions/{id}", echo("revoke"));
    router.add(Method::Get, "/v1/sessions/current", echo("current"));
    router.add(Method::Get, "/v1/me", echo("me"));
    router.add(Method::Patch, "/v1/me", echo("patch-me"));
    router.add(Method::Get, "/v1/shops/{shop}/users/{user}", echo("user"));
    return router;
}

}  // namespace

TEST_CASE("router dispatches exact paths and reports the pattern as the route", "[router]") {
    const Router router = sampleRouter();
    const auto result = call(router, Method::Get, "/healthz");
    CHECK(result.response.status == 200);
    CHECK(result.route == "/healthz");
    CHECK(body(result)["handler"] == "health");
    CHECK(body(call(router, Method::Patch, "/v1/me"))["handler"] == "patch-me");
}

TEST_CASE("router fills {param} segments", "[router]") {
    const Router router = sampleRouter();
    const auto revoke = call(router, Method::Delete, "/v1/sessions/abc-123");
    CHECK(revoke.route == "/v1/sessions/{id}");
    CHECK(body(revoke)["params"] == nlohmann::json{{"id", "abc-123"}});

    const auto user = call(router, Method::Get, "/v1/shops/s1/users/u%2F2");
    CHECK(body(user)["params"] == nlohmann::json{{"shop", "s1"}, {"user", "u%2F2"}});
}

TEST_CASE("router prefers a literal segment over a parameter", "[router]") {
    const Router router = sampleRouter();
    CHECK(body(call(router, Method::Get, "/v1/sessions/current"))["handler"] == "current");
    // The literal route has no DELETE, but the parameter route does: still the literal path wins.
    const auto result = call(router, Method::Delete, "/v1/sessions/current");
    CHECK(result.response.status == 405);
    CHECK(header(result.response, "Allow") == "GET");
}

TEST_CASE("router answers 404 not_found for unknown paths", "[router]") {
    const Router router = sampleRouter();
    const auto path = GENERATE(as<std::string>{}, "/", "", "/nope", "/healthz/", "/healthz/x", "//healthz",
                               "/v1/sessions/", "/v1/sessions/a/b", "/V1/ME", "/v1/me\n", "healthz",
                               std::string("/healthz\0", 9), std::string(10000, '/'));
    CAPTURE(path.substr(0, 40));
    const auto result = call(router, Method::Get, path);
    CHECK(result.response.status == 404);
    CHECK(result.response.contentType == "application/problem+json");
    CHECK(result.route == kUnmatchedRoute);
    CHECK(body(result)["code"] == "not_found");
}

TEST_CASE("router answers 405 with Allow for a known path and another method", "[router]") {
    const Router router = sampleRouter();
    const auto result = call(router, Method::Post, "/v1/me");
    CHECK(result.response.status == 405);
    CHECK(body(result)["code"] == "method_not_allowed");
    CHECK(header(result.response, "Allow") == "GET, PATCH");
    CHECK(result.route == "/v1/me");
    CHECK(call(router, Method::Other, "/healthz").response.status == 405);
    CHECK(call(router, Method::Head, "/healthz").response.status == 405);
}

TEST_CASE("router replaces a handler registered twice", "[router]") {
    Router router;
    router.add(Method::Get, "/x", echo("first"));
    router.add(Method::Get, "/x", echo("second"));
    CHECK(body(call(router, Method::Get, "/x"))["handler"] == "second");
}

TEST_CASE("router turns a throwing handler into 500 internal_error", "[router]") {
    Router router;
    router.add(Method::Get, "/boom", [](const Request&) -> Response { throw std::runtime_error("+77001234567"); });
    router.add(Method::Get, "/int", [](const Request&) -> Response { throw 42; });
    std::vector<std::string> lines;
    sesame::server::telemetry::setLogSink([&lines](std::string_view line) { lines.emplace_back(line); });
    for (const char* path : {"/boom", "/int"}) {
        const auto result = call(router, Method::Get, path);
        CHECK(result.response.status == 500);
        CHECK(body(result)["code"] == "internal_error");
        CHECK(result.response.body.find("+7700") == std::string::npos);
    }
    sesame::server::telemetry::setLogSink(nullptr);
    REQUIRE(lines.size() == 2);
    for (const auto& line : lines) {
        CHECK(nlohmann::json::parse(line)["event"] == "handler_exception");
        CHECK(line.find("+7700") == std::string::npos);  // what() may quote a phone: never logged
    }
}
