#pragma once
// HTTP method names: the wire tokens of http::Method.

#include "http/message.h"

#include <string_view>

namespace sesame::server::http {

// "GET", "POST", ...; "OTHER" for Method::Other.
std::string_view methodName(Method method);
// The Method of a request-line token (case-sensitive, as HTTP methods are); Other when unknown.
Method methodFromName(std::string_view name);

}  // namespace sesame::server::http
