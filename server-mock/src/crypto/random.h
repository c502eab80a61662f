#pragma once
// Randomness for codes, tokens and ids, from OpenSSL's CSPRNG only.
// A failing CSPRNG has no safe fallback, so these abort the process instead of
// returning something guessable.

#include <cstddef>
#include <string>

namespace sesame::server::crypto {

// `count` bytes from RAND_bytes.
std::string randomBytes(std::size_t count);

// `length` decimal digits, each uniform over 0-9 (rejection sampling: bytes of
// 250 and above are drawn again, so no digit is favoured).
std::string randomDigits(std::size_t length);

// base64url (no padding) of `bytes` random bytes; 32 bytes give a 256-bit token.
std::string randomToken(std::size_t bytes);

// A random RFC 9562 version-4 UUID in lower-case canonical text form.
std::string randomUuid();

}  // namespace sesame::server::crypto
