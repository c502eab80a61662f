#pragma once
// An absolute http:// or https:// URL split into what the HTTP client needs.
// Internal to delivery/upstream.

#include <sesame/contract/expected.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace sesame::server::delivery {

struct Url {
    bool tls = false;
    std::string host;    // name or address, IPv6 without brackets
    std::uint16_t port = 0;
    std::string target;  // path and query, at least "/"
    // The Host header: the host, bracketed when IPv6, with the port unless it is the scheme's default.
    std::string hostHeader() const;
};

// Accepts http and https URLs (scheme case-insensitive) with a host, an
// optional port and no user info or fragment; rejects spaces and control
// characters. The error never repeats the URL (it may hold a token).
contract::Expected<Url, std::string> parseUrl(std::string_view text);

}  // namespace sesame::server::delivery
