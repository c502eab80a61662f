#pragma once
// The HTTP Date header (RFC 9110 §5.6.7).

#include <chrono>
#include <optional>
#include <string_view>

namespace sesame {

// Parses an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the only form a
// server may send. The obsolete RFC 850 and asctime forms, any other text and
// impossible dates give nullopt: the caller then keeps its previous estimate.
std::optional<std::chrono::system_clock::time_point> parseHttpDate(std::string_view text);

}  // namespace sesame
