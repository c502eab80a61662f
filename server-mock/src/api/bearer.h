#pragma once
// Protected endpoints: the bearer access token of a request (RFC 6750).

#include "http/message.h"
#include "services/session_service.h"

#include <functional>
#include <optional>
#include <string_view>

namespace sesame::server::api {

// The token of an "Authorization: Bearer <token>" header (scheme
// case-insensitive, one or more spaces, token68 characters only); nullopt
// when the header is missing or malformed.
std::optional<std::string_view> bearerToken(const http::Request& request);

// A handler of a protected endpoint, called with the authenticated caller.
using ProtectedHandler = std::function<http::Response(const http::Request&, const Principal&)>;

// Wraps `handler` so that it runs only for a live session: a missing,
// malformed, expired or revoked token answers 401 (token_expired or
// invalid_token, with WWW-Authenticate) without calling it.
http::Handler requireSession(SessionService& sessions, ProtectedHandler handler);

}  // namespace sesame::server::api
