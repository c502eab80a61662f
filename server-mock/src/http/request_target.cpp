#include "http/request_target.h"

#include "http/utf8.h"

#include <algorithm>
#include <optional>

namespace sesame::server::http {
namespace {

using contract::FieldError;
using contract::unexpected;

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool isControl(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7F;
}

// Percent-decodes `text` ('+' is a space only in the query); nullopt on a
// malformed escape or when the result is not clean UTF-8 text.
std::optional<std::string> decode(std::string_view text, bool plusIsSpace) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%') {
            const int high = i + 2 < text.size() ? hexValue(text[i + 1]) : -1;
            const int low = i + 2 < text.size() ? hexValue(text[i + 2]) : -1;
            if (high < 0 || low < 0) {
                return std::nullopt;
            }
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else {
            out.push_back(plusIsSpace && text[i] == '+' ? ' ' : text[i]);
        }
    }
    if (!isValidUtf8(out) || std::any_of(out.begin(), out.end(), isControl)) {
        return std::nullopt;
    }
    return out;
}

// "http://host:8080/a?b" → "/a?b"; anything else unchanged.
std::string_view stripScheme(std::string_view target) {
    for (const std::string_view scheme : {"http://", "https://"}) {
        if (target.substr(0, scheme.size()) == scheme) {
            const std::size_t slash = target.find_first_of("/?", scheme.size());
            return slash == std::string_view::npos ? "/" : target.substr(slash);
        }
    }
    return target;
}

}  // namespace

contract::Expected<RequestTarget, FieldError> parseRequestTarget(std::string_view target) {
    target = stripScheme(target);
    if (target.empty() || target.front() != '/') {
        return unexpected(FieldError{"path", "must be an absolute path"});
    }
    const std::size_t mark = target.find('?');
    auto path = decode(target.substr(0, mark), false);
    if (!path) {
        return unexpected(FieldError{"path", "invalid percent-encoding or characters"});
    }
    RequestTarget result{std::move(*path), {}};
    std::string_view rest = mark == std::string_view::npos ? std::string_view{} : target.substr(mark + 1);
    while (!rest.empty()) {
        const std::size_t amp = std::min(rest.find('&'), rest.size());
        const std::string_view pair = rest.substr(0, amp);
        rest.remove_prefix(std::min(amp + 1, rest.size()));
        if (pair.empty()) {
            continue;
        }
        const std::size_t eq = std::min(pair.find('='), pair.size());
        auto key = decode(pair.substr(0, eq), true);
        auto value = decode(pair.substr(std::min(eq + 1, pair.size())), true);
        if (!key || !value) {
            return unexpected(FieldError{"query", "invalid percent-encoding or characters"});
        }
        result.query.emplace(std::move(*key), std::move(*value));
    }
    return result;
}

}  // namespace sesame::server::http
