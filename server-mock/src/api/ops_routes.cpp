#include "api/ops_routes.h"

#include "http/openapi_document.h"

#include <exception>

namespace sesame::server::api {
namespace {

using http::Method;
using http::Request;
using http::Response;

bool passes(const std::function<bool()>& check) {
    try {
        return check();
    } catch (const std::exception&) {
        return false;  // a check that cannot even run means the dependency is not usable
    }
}

Response readiness(const std::vector<ReadinessCheck>& checks) {
    nlohmann::json states = nlohmann::json::object();
    nlohmann::json failing = nlohmann::json::array();
    std::string names;
    for (const auto& [name, check] : checks) {
        const bool ok = passes(check);
        states[name] = ok ? "ok" : "unavailable";
        if (!ok) {
            failing.push_back(name);
            names += (names.empty() ? "" : ", ") + name;
        }
    }
    if (failing.empty()) {
        return Response::json(200, {{"status", "ok"}, {"checks", states}});
    }
    return Response::problem(
        {contract::ErrorCode::ServiceUnavailable, "not ready: " + names + " unavailable", {{"failing", failing}}});
}

}  // namespace

void registerOpsRoutes(http::Router& router, const telemetry::Metrics& metrics, std::vector<ReadinessCheck> checks) {
    router.add(Method::Get, "/healthz", [](const Request&) { return Response::json(200, {{"status", "ok"}}); });
    router.add(Method::Get, "/readyz",
               [checks = std::move(checks)](const Request&) { return readiness(checks); });
    router.add(Method::Get, "/metrics", [&metrics](const Request&) {
        return Response{200, std::string(telemetry::kMetricsContentType), metrics.render(), {}};
    });
    router.add(Method::Get, "/openapi.json", [](const Request&) {
        return Response{200, "application/json", std::string(http::openapiDocument()), {}};
    });
}

}  // namespace sesame::server::api
