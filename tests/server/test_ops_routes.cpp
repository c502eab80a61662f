#include "api/ops_routes.h"
#include "http/openapi_document.h"

#include <catch2/catch.hpp>

using namespace sesame::server;

namespace {

http::Response get(const http::Router& router, std::string path) {
    http::Request request;
    request.method = http::Method::Get;
    request.path = std::move(path);
    return router.handle(request).response;
}

}  // namespace

TEST_CASE("ops: /healthz answers ok", "[ops]") {
    http::Router router;
    telemetry::Metrics metrics;
    api::registerOpsRoutes(router, metrics, {});
    const auto response = get(router, "/healthz");
    CHECK(response.status == 200);
    CHECK(nlohmann::json::parse(response.body) == nlohmann::json{{"status", "ok"}});
}

TEST_CASE("ops: /readyz reflects every check", "[ops]") {
    http::Router router;
    telemetry::Metrics metrics;
    bool redisUp = true;
    api::registerOpsRoutes(router, metrics,
                           {{"redis", [&redisUp] { return redisUp; }},
                            {"postgres", [] { return true; }},
                            {"broken", []() -> bool { throw std::runtime_error("down"); }}});
    auto response = get(router, "/readyz");
    CHECK(response.status == 503);
    CHECK(response.contentType == "application/problem+json");
    auto body = nlohmann::json::parse(response.body);
    CHECK(body["code"] == "service_unavailable");
    CHECK(body["failing"] == nlohmann::json{"broken"});
    CHECK(body["detail"] == "not ready: broken unavailable");

    http::Router healthy;
    api::registerOpsRoutes(healthy, metrics, {{"redis", [&redisUp] { return redisUp; }}});
    response = get(healthy, "/readyz");
    CHECK(response.status == 200);
    CHECK(nlohmann::json::parse(response.body) ==
          nlohmann::json{{"status", "ok"}, {"checks", {{"redis", "ok"}}}});
    redisUp = false;
    response = get(healthy, "/readyz");
    CHECK(response.status == 503);
    CHECK(nlohmann::json::parse(response.body)["detail"] == "not ready: redis unavailable");
}

TEST_CASE("ops: /metrics renders the registry as text format 0.0.4", "[ops]") {
    http::Router router;
    telemetry::Metrics metrics;
    metrics.counter("sesame_test_total", "Test.").inc();
    api::registerOpsRoutes(router, metrics, {});
    const auto response = get(router, "/metrics");
    CHECK(response.status == 200);
    CHECK(response.contentType == "text/plain; version=0.0.4; charset=utf-8");
    CHECK_THAT(response.body, Catch::Contains("sesame_test_total 1\n"));
}

TEST_CASE("ops: /openapi.json serves the embedded repository document", "[ops]") {
    http::Router router;
    telemetry::Metrics metrics;
    api::registerOpsRoutes(router, metrics, {});
    const auto response = get(router, "/openapi.json");
    CHECK(response.status == 200);
    CHECK(response.contentType == "application/json");
    CHECK(response.body == http::openapiDocument());
    const auto document = nlohmann::json::parse(response.body);
    CHECK(document.contains("openapi"));
    CHECK(document["paths"].contains("/v1/otp"));
}
