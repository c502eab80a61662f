#include "services/service_result.h"

#include "telemetry/log.h"

namespace sesame::server {

contract::Unexpected<contract::Problem> fail(contract::ErrorCode code, std::string detail) {
    return contract::unexpected(contract::Problem{code, std::move(detail), nlohmann::json::object()});
}

void logStoreError(const store::StoreError& error, std::string_view operation) {
    telemetry::log(telemetry::LogLevel::Error, "store_error",
                   {{"operation", operation},
                    {"kind", error.kind == store::StoreErrorKind::Unavailable ? "unavailable" : "internal"},
                    {"detail", error.detail}});
}

contract::Problem storeProblem(const store::StoreError& error, std::string_view operation) {
    logStoreError(error, operation);
    if (error.kind == store::StoreErrorKind::Internal) {
        return contract::Problem{contract::ErrorCode::InternalError, "internal error", nlohmann::json::object()};
    }
    return contract::Problem{contract::ErrorCode::ServiceUnavailable,
                             "a storage backend is unavailable; try again shortly", nlohmann::json::object()};
}

}  // namespace sesame::server
