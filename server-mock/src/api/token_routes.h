#pragma once
// POST /v1/token/refresh and GET /.well-known/jwks.json.

#include "http/router.h"
#include "services/session_service.h"
#include "services/token_service.h"

namespace sesame::server::api {

// `sessions` and `tokens` must outlive `router`.
void registerTokenRoutes(http::Router& router, SessionService& sessions, const TokenService& tokens);

}  // namespace sesame::server::api
