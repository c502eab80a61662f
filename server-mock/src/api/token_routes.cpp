#include "api/token_routes.h"

#include "api/handler_support.h"

namespace sesame::server::api {

void registerTokenRoutes(http::Router& router, SessionService& sessions, const TokenService& tokens) {
    router.add(http::Method::Post, "/v1/token/refresh", [&sessions](const http::Request& request) {
        auto body = parseBody<contract::RefreshRequest>(request);
        if (!body) {
            return http::Response::problem(body.error());
        }
        return respond(sessions.refresh(body.value(), clientOf(request)));
    });
    // The keys never change while the process runs, so the document is built once.
    router.add(http::Method::Get, "/.well-known/jwks.json",
               [jwks = contract::toJson(tokens.jwks())](const http::Request&) {
                   http::Response response = http::Response::json(200, jwks);
                   response.headers.emplace_back("Cache-Control", "public, max-age=300");
                   return response;
               });
}

}  // namespace sesame::server::api
