#pragma once
// Strict UTF-8 validation (RFC 3629): what nlohmann/json and every client may assume.

#include <string_view>

namespace sesame::server::http {

// True when `text` is well-formed UTF-8: no overlong forms, no UTF-16
// surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence.
bool isValidUtf8(std::string_view text);

}  // namespace sesame::server::http
