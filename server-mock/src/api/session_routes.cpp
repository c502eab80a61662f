#include "api/session_routes.h"

#include "api/bearer.h"
#include "api/handler_support.h"

namespace sesame::server::api {
namespace {

// The logout body is optional: an empty body (with or without a
// Content-Type, as HTTP clients differ) means {"scope":"local"}.
ServiceResult<contract::LogoutRequest> logoutBody(const http::Request& request) {
    if (request.body.empty()) {
        return contract::LogoutRequest{};
    }
    return parseBody<contract::LogoutRequest>(request);
}

}  // namespace

void registerSessionRoutes(http::Router& router, SessionService& sessions) {
    router.add(http::Method::Post, "/v1/logout",
               requireSession(sessions, [&sessions](const http::Request& request, const Principal& principal) {
                   auto body = logoutBody(request);
                   if (!body) {
                       return http::Response::problem(body.error());
                   }
                   const auto scope = body->scope.value_or(contract::LogoutScope::Local);
                   return respondEmpty(sessions.logout(principal, scope, clientOf(request)));
               }));
    router.add(http::Method::Get, "/v1/sessions",
               requireSession(sessions, [&sessions](const http::Request&, const Principal& principal) {
                   return respond(sessions.list(principal));
               }));
    router.add(http::Method::Delete, "/v1/sessions/{id}",
               requireSession(sessions, [&sessions](const http::Request& request, const Principal& principal) {
                   const auto id = request.pathParams.find("id");
                   const std::string sessionId = id == request.pathParams.end() ? std::string() : id->second;
                   return respondEmpty(sessions.revoke(principal, sessionId, clientOf(request)));
               }));
}

}  // namespace sesame::server::api
