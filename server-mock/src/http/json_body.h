#pragma once
// The JSON body of a request, checked the way API.md's conventions require.

#include "http/message.h"

#include <sesame/contract/expected.h>
#include <sesame/contract/problem.h>

#include <nlohmann/json.hpp>

namespace sesame::server::http {

// Deepest nesting of arrays and objects a body may have; v1 messages use three.
inline constexpr int kMaxJsonDepth = 32;

// The body as a JSON object. Errors: 415 unsupported_media_type unless the
// Content-Type is application/json (parameters allowed; a charset must be
// UTF-8); 400 invalid_request with field "body" for invalid UTF-8, malformed
// JSON (detail gives the byte offset), nesting deeper than kMaxJsonDepth, or
// a value that is not an object. The size limit is the server's (413).
contract::Expected<nlohmann::json, contract::Problem> parseJsonBody(const Request& request);

}  // namespace sesame::server::http
