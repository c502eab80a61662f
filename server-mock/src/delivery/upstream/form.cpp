// application/x-www-form-urlencoded, as the WHATWG URL standard defines it:
// alphanumerics and *-._ stay, space is '+', every other byte is %XX.
#include "delivery/upstream/http_client.h"

#include <optional>

namespace sesame::server::delivery {
namespace {

bool keptAsIs(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '*' ||
           c == '-' || c == '.' || c == '_';
}

void encodeInto(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (keptAsIs(byte)) {
            out += c;
        } else if (byte == ' ') {
            out += '+';
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0f];
        }
    }
}

std::optional<int> hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return std::nullopt;
}

std::optional<std::string> decodePart(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] != '%') {
            out += text[i];
        } else {
            if (i + 2 >= text.size()) {
                return std::nullopt;
            }
            const auto high = hexValue(text[i + 1]);
            const auto low = hexValue(text[i + 2]);
            if (!high || !low) {
                return std::nullopt;
            }
            out += static_cast<char>(*high * 16 + *low);
            i += 2;
        }
    }
    return out;
}

}  // namespace

std::string formEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) {
            out += '&';
        }
        encodeInto(out, name);
        out += '=';
        encodeInto(out, value);
    }
    return out;
}

contract::Expected<std::vector<std::pair<std::string, std::string>>, std::string> formDecode(std::string_view body) {
    std::vector<std::pair<std::string, std::string>> fields;
    while (!body.empty()) {
        const auto amp = body.find('&');
        const auto part = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
        if (part.empty()) {
            continue;  // "a=1&&b=2" has an empty sequence, which the standard skips
        }
        const auto eq = part.find('=');
        auto name = decodePart(part.substr(0, eq));
        auto value = decodePart(eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1));
        if (!name || !value) {
            return contract::unexpected(std::string("bad percent-encoding in form body"));
        }
        fields.emplace_back(std::move(*name), std::move(*value));
    }
    return fields;
}

}  // namespace sesame::server::delivery
