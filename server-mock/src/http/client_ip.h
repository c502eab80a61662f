#pragma once
// The client's address as seen through trusted reverse proxies.

#include <sesame/contract/expected.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sesame::server::http {

// Addresses and CIDR ranges whose X-Forwarded-For header is believed.
class TrustedProxies {
public:
    // Parses "10.0.0.1", "::1", "10.0.0.0/8", "fd00::/8"; the error names the bad entry.
    static contract::Expected<TrustedProxies, std::string> parse(const std::vector<std::string>& entries);

    // Whether `address` (IPv4 or IPv6 text) is one of the proxies; false for non-addresses.
    bool contains(std::string_view address) const;
    bool empty() const { return ranges_.empty(); }

private:
    struct Range {
        std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
        int prefixBits = 128;
    };
    std::vector<Range> ranges_;
};

// The peer address, or — when the peer is a trusted proxy — the rightmost
// X-Forwarded-For hop that is not a trusted proxy (hops to its right were
// appended by our proxies; hops to its left are client-controlled). Every
// X-Forwarded-For header counts, in order. A hop that is not an IP address
// ends the walk at the last address before it. Addresses come back in
// canonical text, IPv4-mapped IPv6 as plain IPv4.
std::string resolveClientIp(std::string_view peer, const std::vector<std::pair<std::string, std::string>>& headers,
                            const TrustedProxies& proxies);

// The canonical text of an IP address ("::ffff:1.2.3.4" → "1.2.3.4"); empty if `text` is not one.
std::string canonicalAddress(std::string_view text);

}  // namespace sesame::server::http
