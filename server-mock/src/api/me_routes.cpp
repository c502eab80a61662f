#include "api/me_routes.h"

#include "api/bearer.h"
#include "api/handler_support.h"

namespace sesame::server::api {

void registerMeRoutes(http::Router& router, SessionService& sessions, ProfileService& profiles) {
    router.add(http::Method::Get, "/v1/me",
               requireSession(sessions, [&profiles](const http::Request&, const Principal& principal) {
                   return respond(profiles.me(principal));
               }));
    router.add(http::Method::Patch, "/v1/me",
               requireSession(sessions, [&profiles](const http::Request& request, const Principal& principal) {
                   auto patch = parseBody<contract::ProfilePatch>(request);
                   if (!patch) {
                       return http::Response::problem(patch.error());
                   }
                   return respond(profiles.update(principal, patch.value()));
               }));
}

}  // namespace sesame::server::api
