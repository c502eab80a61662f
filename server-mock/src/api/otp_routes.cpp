#include "api/otp_routes.h"

#include "api/handler_support.h"

namespace sesame::server::api {

void registerOtpRoutes(http::Router& router, OtpService& otp) {
    router.add(http::Method::Post, "/v1/otp", [&otp](const http::Request& request) {
        auto body = parseBody<contract::OtpRequest>(request);
        if (!body) {
            return http::Response::problem(body.error());
        }
        return respond(otp.request(body.value(), clientOf(request)), 202);
    });
    router.add(http::Method::Post, "/v1/otp/verify", [&otp](const http::Request& request) {
        auto body = parseBody<contract::VerifyRequest>(request);
        if (!body) {
            return http::Response::problem(body.error());
        }
        return respond(otp.verify(body.value(), clientOf(request)));
    });
}

}  // namespace sesame::server::api
