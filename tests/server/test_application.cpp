#include "app/application.h"
#include "http/router.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <stdexcept>

using namespace sesame::server;

namespace {

http::Response call(http::Router& router, http::Method method, const std::string& path, const std::string& body = {},
                    std::map<std::string, std::string> query = {}) {
    http::Request request;
    request.method = method;
    request.path = path;
    request.query = std::move(query);
    request.body = body;
    request.clientIp = "127.0.0.1";
    if (!body.empty()) {
        request.headers.emplace_back("content-type", "application/json");
    }
    return router.handle(request).response;
}

}  // namespace

TEST_CASE("mock mode wires a working server with an ephemeral key", "[app]") {
    Settings settings;
    app::Application application(settings);
    http::Router router;
    telemetry::Metrics metrics;
    application.registerRoutes(router, metrics);
    CHECK(application.readinessChecks().empty());
    CHECK(app::migrate(settings) == 0);

    REQUIRE(call(router, http::Method::Post, "/v1/otp", R"({"phone":"+77001234567"})").status == 202);
    const auto outbox = call(router, http::Method::Get, "/mock/outbox", {}, {{"phone", "+77001234567"}});
    REQUIRE(outbox.status == 200);
    const std::string code = nlohmann::json::parse(outbox.body)["messages"][0]["code"];
    const auto verified =
        call(router, http::Method::Post, "/v1/otp/verify", R"({"phone":"+77001234567","code":")" + code + "\"}");
    CHECK(verified.status == 200);
    const auto jwks = nlohmann::json::parse(call(router, http::Method::Get, "/.well-known/jwks.json").body);
    CHECK(jwks["keys"].size() == 1);
    CHECK(metrics.render().find("sesame_otp_verifications_total{result=\"success\"} 1") != std::string::npos);
}

TEST_CASE("two mock applications have different keys and peppers", "[app]") {
    Settings settings;
    app::Application first(settings);
    app::Application second(settings);
    http::Router a;
    http::Router b;
    telemetry::Metrics metrics;
    first.registerRoutes(a, metrics);
    second.registerRoutes(b, metrics);
    CHECK(call(a, http::Method::Get, "/.well-known/jwks.json").body !=
          call(b, http::Method::Get, "/.well-known/jwks.json").body);
}

TEST_CASE("a configured key file is used, and a bad one stops the start", "[app]") {
    const std::string path = "server_domain_tests_app_key.pem";
    std::ofstream(path) << "-----BEGIN PRIVATE KEY-----\n"
                           "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
                           "-----END PRIVATE KEY-----\n";
    Settings settings;
    settings.tokens.signingKeyFile = path;
    app::Application application(settings);
    http::Router router;
    telemetry::Metrics metrics;
    application.registerRoutes(router, metrics);
    const auto jwks = nlohmann::json::parse(call(router, http::Method::Get, "/.well-known/jwks.json").body);
    CHECK(jwks["keys"][0]["x"] == "Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE");

    std::ofstream(path) << "not a key";
    CHECK_THROWS_AS(app::Application(settings), std::runtime_error);
    std::remove(path.c_str());
}

TEST_CASE("full mode refuses to start with a bad Redis URL or an unreachable database", "[app]") {
    Settings settings;
    settings.mode = Mode::Full;
    settings.tokens.pepper = "0123456789abcdef0123";
    settings.redisUrl = "http://127.0.0.1:6379";
    CHECK_THROWS_WITH(app::Application(settings), Catch::Contains("--redis-url"));

    settings.redisUrl = "redis://127.0.0.1:1/0";
    settings.postgresUrl = "postgresql://postgres@127.0.0.1:1/none";
    CHECK_THROWS_WITH(app::Application(settings), Catch::Contains("PostgreSQL"));
}
