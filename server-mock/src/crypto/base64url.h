#pragma once
// base64url without padding (RFC 4648 §5), as JWTs, JWKs and refresh tokens use it.

#include <optional>
#include <string>
#include <string_view>

namespace sesame::server::crypto {

// Encodes bytes; never pads.
std::string base64UrlEncode(std::string_view bytes);

// Standard base64 with padding (RFC 4648 §4), as HTTP Basic auth and Twilio's
// signatures use it.
std::string base64Encode(std::string_view bytes);

// Decodes strictly: only the url-safe alphabet, no padding, no whitespace, and
// unused trailing bits must be zero (so every value has exactly one encoding).
std::optional<std::string> base64UrlDecode(std::string_view text);

}  // namespace sesame::server::crypto
