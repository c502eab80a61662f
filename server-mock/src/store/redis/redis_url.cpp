#include "store/redis/redis_url.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

namespace sesame::server::store {
namespace {

using UrlResult = contract::Expected<RedisEndpoint, std::string>;

constexpr std::string_view kScheme = "redis://";

contract::Unexpected<std::string> fail(std::string why) {
    return contract::unexpected("invalid Redis URL: " + std::move(why));
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(),
                      [](char expected, char c) { return std::tolower(static_cast<unsigned char>(c)) == expected; });
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::string> percentDecode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size()) {
            return std::nullopt;
        }
        const int high = hexValue(text[i + 1]);
        const int low = hexValue(text[i + 2]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

// Digits only, no sign, within [min, max].
std::optional<int> parseNumber(std::string_view text, int min, int max) {
    int value = 0;
    if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), [](char c) {
            return c >= '0' && c <= '9';
        })) {
        return std::nullopt;
    }
    std::from_chars(text.data(), text.data() + text.size(), value);
    if (value < min || value > max) {
        return std::nullopt;
    }
    return value;
}

bool isNameChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

bool isIpv6Char(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
}

// "user:password" (either part may be empty); the error never holds the password.
std::optional<std::string> parseUserInfo(std::string_view info, RedisEndpoint& endpoint) {
    const auto colon = info.find(':');
    if (colon == std::string_view::npos) {
        return "credentials must be written user:password@ or :password@";
    }
    auto user = percentDecode(info.substr(0, colon));
    auto password = percentDecode(info.substr(colon + 1));
    if (!user || !password) {
        return "bad percent-encoding in the credentials";
    }
    endpoint.user = std::move(*user);
    endpoint.password = std::move(*password);
    return std::nullopt;
}

// "host[:port]" or "[v6][:port]".
std::optional<std::string> parseHostPort(std::string_view text, RedisEndpoint& endpoint) {
    std::string_view host;
    std::optional<std::string_view> port;
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string_view::npos) {
            return "unclosed '[' in the host";
        }
        host = text.substr(1, close - 1);
        if (host.empty() || !std::all_of(host.begin(), host.end(), isIpv6Char)) {
            return "the IPv6 address is malformed";
        }
        const auto rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (!rest.starts_with(':')) {
                return "unexpected characters after the IPv6 address";
            }
            port = rest.substr(1);
        }
    } else {
        const auto colon = text.find(':');
        host = text.substr(0, colon);
        if (colon != std::string_view::npos) {
            port = text.substr(colon + 1);
        }
        if (host.empty()) {
            return "the host is missing";
        }
        if (!std::all_of(host.begin(), host.end(), isNameChar)) {
            return "the host may only hold letters, digits, '-', '.' and '_'";
        }
    }
    if (port) {
        const auto number = parseNumber(*port, 1, 65535);
        if (!number) {
            return "the port must be a number from 1 to 65535";
        }
        endpoint.port = *number;
    }
    endpoint.host = std::string(host);
    return std::nullopt;
}

}  // namespace

UrlResult parseRedisUrl(std::string_view url) {
    if (startsWithNoCase(url, "rediss://")) {
        return fail("TLS (rediss://) is not supported");
    }
    if (!startsWithNoCase(url, kScheme)) {
        return fail("it must start with redis://");
    }
    const auto rest = url.substr(kScheme.size());
    if (rest.find_first_of("?#") != std::string_view::npos) {
        return fail("query parameters and fragments are not supported");
    }
    const auto slash = rest.find('/');
    const auto authority = rest.substr(0, slash);
    RedisEndpoint endpoint;
    std::string_view hostPort = authority;
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        if (auto error = parseUserInfo(authority.substr(0, at), endpoint)) {
            return fail(*error);
        }
        hostPort = authority.substr(at + 1);
    }
    if (auto error = parseHostPort(hostPort, endpoint)) {
        return fail(*error);
    }
    if (slash != std::string_view::npos && slash + 1 < rest.size()) {
        auto db = parseNumber(rest.substr(slash + 1), 0, 1'000'000);
        if (!db) {
            return fail("the database must be a number after the host, as in redis://host:6379/0");
        }
        endpoint.db = *db;
    }
    return endpoint;
}

}  // namespace sesame::server::store
