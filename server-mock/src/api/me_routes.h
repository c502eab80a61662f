#pragma once
// GET and PATCH /v1/me (protected).

#include "http/router.h"
#include "services/profile_service.h"
#include "services/session_service.h"

namespace sesame::server::api {

// `sessions` and `profiles` must outlive `router`.
void registerMeRoutes(http::Router& router, SessionService& sessions, ProfileService& profiles);

}  // namespace sesame::server::api
