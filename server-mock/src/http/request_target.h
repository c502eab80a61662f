#pragma once
// The request-target of a request line, split and percent-decoded.

#include <sesame/contract/expected.h>
#include <sesame/contract/field_error.h>

#include <map>
#include <string>
#include <string_view>

namespace sesame::server::http {

struct RequestTarget {
    std::string path;                          // decoded, starts with '/'
    std::map<std::string, std::string> query;  // decoded; the first of repeated keys wins
};

// Accepts origin-form ("/a/b?x=1") and absolute-form ("http://host/a/b?x=1").
// Fails, naming "path" or "query", on a bad percent escape, invalid UTF-8 or
// a control character after decoding.
contract::Expected<RequestTarget, contract::FieldError> parseRequestTarget(std::string_view target);

}  // namespace sesame::server::http
