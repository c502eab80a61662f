#pragma once
// Comparison of secrets (code hashes, token hashes) without timing leaks.

#include <string_view>

namespace sesame::server::crypto {

// True when both strings are equal. The time taken depends only on the
// lengths, never on where the contents differ (CRYPTO_memcmp).
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace sesame::server::crypto
