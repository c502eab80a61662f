#pragma once
// POST /v1/logout, GET /v1/sessions, DELETE /v1/sessions/{id} (protected).

#include "http/router.h"
#include "services/session_service.h"

namespace sesame::server::api {

// `sessions` must outlive `router`.
void registerSessionRoutes(http::Router& router, SessionService& sessions);

}  // namespace sesame::server::api
