#pragma once
// Operations endpoints: GET /healthz, /readyz, /metrics, /openapi.json.

#include "http/router.h"
#include "telemetry/metrics.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace sesame::server::api {

// A named dependency check for /readyz ("redis", "postgres"); true when reachable.
using ReadinessCheck = std::pair<std::string, std::function<bool()>>;

// Registers the operations routes. /healthz answers 200 {"status":"ok"} while
// the process serves; /readyz runs every check (a throwing check fails) and
// answers 200 {"status":"ok","checks":{...}} or 503 service_unavailable naming
// the failing dependencies in detail and in "failing"; /metrics renders
// `metrics`; /openapi.json is the embedded document. `metrics` must outlive `router`.
void registerOpsRoutes(http::Router& router, const telemetry::Metrics& metrics, std::vector<ReadinessCheck> checks);

}  // namespace sesame::server::api
