#include "http/client_ip.h"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <charconv>
#include <optional>

namespace sesame::server::http {
namespace {

namespace ip = boost::asio::ip;

std::optional<ip::address_v6> parseAddress(std::string_view text) {
    boost::system::error_code error;
    const ip::address address = ip::make_address(std::string(text), error);
    if (error) {
        return std::nullopt;
    }
    return address.is_v4() ? ip::make_address_v6(ip::v4_mapped, address.to_v4()) : address.to_v6();
}

bool inRange(const std::array<std::uint8_t, 16>& bytes, const std::array<std::uint8_t, 16>& network, int bits) {
    for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
        const auto mask = static_cast<std::uint8_t>(bits >= 8 ? 0xFF : 0xFF << (8 - bits));
        if ((bytes[i] & mask) != (network[i] & mask)) {
            return false;
        }
    }
    return true;
}

std::string_view trim(std::string_view text) {
    const std::size_t begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos) {
        return {};
    }
    return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// Every hop of every X-Forwarded-For header, left to right.
std::vector<std::string_view> forwardedHops(const std::vector<std::pair<std::string, std::string>>& headers) {
    std::vector<std::string_view> hops;
    for (const auto& [name, value] : headers) {
        if (name != "x-forwarded-for") {
            continue;
        }
        std::string_view rest = value;
        while (!rest.empty()) {
            const std::size_t comma = std::min(rest.find(','), rest.size());
            hops.push_back(trim(rest.substr(0, comma)));
            rest.remove_prefix(std::min(comma + 1, rest.size()));
        }
    }
    return hops;
}

}  // namespace

contract::Expected<TrustedProxies, std::string> TrustedProxies::parse(const std::vector<std::string>& entries) {
    TrustedProxies proxies;
    for (const std::string& entry : entries) {
        const std::size_t slash = entry.find('/');
        const std::string_view addressText = std::string_view(entry).substr(0, slash);
        const auto address = parseAddress(addressText);
        if (!address) {
            return contract::unexpected("not an IP address or CIDR range: \"" + entry + "\"");
        }
        Range range{address->to_bytes(), 128};
        if (slash != std::string::npos) {
            const std::string_view digits = std::string_view(entry).substr(slash + 1);
            int bits = -1;
            const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
            const bool v4 = addressText.find(':') == std::string_view::npos;
            const int maximum = v4 ? 32 : 128;
            if (error != std::errc{} || end != digits.data() + digits.size() || digits.empty() || bits < 0 ||
                bits > maximum) {
                return contract::unexpected("bad prefix length in \"" + entry + "\"");
            }
            range.prefixBits = v4 ? bits + 96 : bits;
        }
        proxies.ranges_.push_back(range);
    }
    return proxies;
}

bool TrustedProxies::contains(std::string_view address) const {
    const auto parsed = parseAddress(address);
    if (!parsed) {
        return false;
    }
    const auto bytes = parsed->to_bytes();
    for (const Range& range : ranges_) {
        if (inRange(bytes, range.bytes, range.prefixBits)) {
            return true;
        }
    }
    return false;
}

std::string canonicalAddress(std::string_view text) {
    const auto parsed = parseAddress(text);
    if (!parsed) {
        return {};
    }
    return parsed->is_v4_mapped() ? ip::make_address_v4(ip::v4_mapped, *parsed).to_string() : parsed->to_string();
}

std::string resolveClientIp(std::string_view peer, const std::vector<std::pair<std::string, std::string>>& headers,
                            const TrustedProxies& proxies) {
    std::string client = canonicalAddress(peer);
    if (client.empty()) {
        client = std::string(peer);
    }
    if (proxies.empty() || !proxies.contains(client)) {
        return client;
    }
    const std::vector<std::string_view> hops = forwardedHops(headers);
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        const std::string address = canonicalAddress(*hop);
        if (address.empty()) {
            break;  // garbage: the last real address before it is the best we know
        }
        client = address;
        if (!proxies.contains(address)) {
            break;
        }
    }
    return client;
}

}  // namespace sesame::server::http
