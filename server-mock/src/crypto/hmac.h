#pragma once
// HMAC-SHA256 and SHA-256 (OpenSSL), in the encodings the server stores.

#include <string>
#include <string_view>

namespace sesame::server::crypto {

// The raw 32-byte SHA-256 digest of `data`.
std::string sha256(std::string_view data);

// The raw 32-byte HMAC-SHA256 of `data` under `key`.
std::string hmacSha256(std::string_view key, std::string_view data);

// The raw 20-byte HMAC-SHA1 of `data` under `key`: only for upstreams that
// sign with it (Twilio's X-Twilio-Signature), never for our own secrets.
std::string hmacSha1(std::string_view key, std::string_view data);

// The same MAC as 64 lower-case hex digits (how code and token hashes are stored).
std::string hmacSha256Hex(std::string_view key, std::string_view data);

// The same MAC as base64url without padding (43 characters).
std::string hmacSha256Base64Url(std::string_view key, std::string_view data);

// Lower-case hex of arbitrary bytes.
std::string toHex(std::string_view bytes);

}  // namespace sesame::server::crypto
