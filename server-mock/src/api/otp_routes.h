#pragma once
// POST /v1/otp and POST /v1/otp/verify.

#include "http/router.h"
#include "services/otp_service.h"

namespace sesame::server::api {

// `otp` must outlive `router`.
void registerOtpRoutes(http::Router& router, OtpService& otp);

}  // namespace sesame::server::api
