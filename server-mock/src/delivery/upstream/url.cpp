#include "delivery/upstream/url.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace sesame::server::delivery {
namespace {

contract::Unexpected<std::string> bad(std::string why) { return contract::unexpected("bad url: " + why); }

bool printable(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte > 0x20 && byte < 0x7f;
    });
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// Splits "host", "host:port", "[v6]" or "[v6]:port" into `url`.
bool splitAuthority(std::string_view authority, Url& url) {
    std::string_view port;
    if (authority.starts_with('[')) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            return false;
        }
        url.host = std::string(authority.substr(1, close - 1));
        const auto rest = authority.substr(close + 1);
        if (!rest.empty() && !rest.starts_with(':')) {
            return false;
        }
        port = rest.empty() ? rest : rest.substr(1);
        if (rest == ":") {
            return false;
        }
    } else {
        const auto colon = authority.find(':');
        url.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            port = authority.substr(colon + 1);
            if (port.empty()) {
                return false;
            }
        }
    }
    if (url.host.empty()) {
        return false;
    }
    if (!port.empty()) {
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
            return false;
        }
        url.port = static_cast<std::uint16_t>(value);
    }
    return true;
}

}  // namespace

std::string Url::hostHeader() const {
    const bool v6 = host.find(':') != std::string::npos;
    std::string header = v6 ? "[" + host + "]" : host;
    if (port != (tls ? 443 : 80)) {
        header += ":" + std::to_string(port);
    }
    return header;
}

contract::Expected<Url, std::string> parseUrl(std::string_view text) {
    if (text.empty() || !printable(text)) {
        return bad("empty, or holds spaces or control characters");
    }
    const auto schemeEnd = text.find("://");
    if (schemeEnd == std::string_view::npos) {
        return bad("no scheme");
    }
    Url url;
    const std::string scheme = lower(text.substr(0, schemeEnd));
    if (scheme != "http" && scheme != "https") {
        return bad("scheme is neither http nor https");
    }
    url.tls = scheme == "https";
    url.port = url.tls ? 443 : 80;
    const auto rest = text.substr(schemeEnd + 3);
    if (rest.find('#') != std::string_view::npos) {
        return bad("fragment");
    }
    const auto pathStart = rest.find_first_of("/?");
    const auto authority = rest.substr(0, pathStart);
    if (authority.find('@') != std::string_view::npos) {
        return bad("user info");
    }
    if (!splitAuthority(authority, url)) {
        return bad("host or port");
    }
    url.target = pathStart == std::string_view::npos ? "/" : std::string(rest.substr(pathStart));
    if (url.target.starts_with('?')) {
        url.target.insert(0, "/");
    }
    return url;
}

}  // namespace sesame::server::delivery
