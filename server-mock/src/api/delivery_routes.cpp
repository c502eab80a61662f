#include "api/delivery_routes.h"

#include "services/rfc3339.h"
#include "services/service_result.h"

namespace sesame::server::api {
namespace {

nlohmann::json toJson(const delivery::DeliveryStatus& status) {
    nlohmann::json body{{"request_id", status.requestId},
                        {"channel", status.channel},
                        {"status", delivery::wireName(status.state)},
                        {"updated_at", formatRfc3339(status.updatedAt)}};
    if (!status.upstreamId.empty()) {
        body["upstream_id"] = status.upstreamId;
    }
    return body;
}

}  // namespace

void registerDeliveryRoutes(http::Router& router, delivery::DeliveryStatusStore& statuses) {
    router.add(http::Method::Get, "/v1/otp/{request_id}/delivery", [&statuses](const http::Request& request) {
        const std::string& requestId = request.pathParams.at("request_id");
        auto found = statuses.byRequest(requestId);
        if (!found) {
            return http::Response::problem(storeProblem(found.error(), "delivery_status.get"));
        }
        if (!found.value()) {
            return http::Response::problem(
                {contract::ErrorCode::NotFound, "no delivery is known for this request", nlohmann::json::object()});
        }
        return http::Response::json(200, toJson(*found.value()));
    });
}

}  // namespace sesame::server::api
