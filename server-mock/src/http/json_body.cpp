#include "http/json_body.h"

#include "http/utf8.h"

#include <algorithm>
#include <string>

namespace sesame::server::http {
namespace {

using contract::ErrorCode;
using contract::Problem;
using contract::unexpected;

std::string_view trim(std::string_view text) {
    const std::size_t begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos) {
        return {};
    }
    return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

std::string lowerCase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

// "application/json; charset=utf-8" is JSON; so is a bare "application/json".
bool isJsonMediaType(std::string_view contentType) {
    std::size_t semicolon = std::min(contentType.find(';'), contentType.size());
    if (lowerCase(trim(contentType.substr(0, semicolon))) != "application/json") {
        return false;
    }
    while (semicolon < contentType.size()) {
        contentType.remove_prefix(semicolon + 1);
        semicolon = std::min(contentType.find(';'), contentType.size());
        const std::string_view parameter = contentType.substr(0, semicolon);
        const std::size_t eq = std::min(parameter.find('='), parameter.size());
        if (lowerCase(trim(parameter.substr(0, eq))) != "charset") {
            continue;
        }
        std::string_view value = trim(parameter.substr(std::min(eq + 1, parameter.size())));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        if (lowerCase(value) != "utf-8") {
            return false;
        }
    }
    return true;
}

// Deepest array/object nesting, counted outside strings; stops early past the
// limit so a depth bomb costs one linear scan.
bool nestingWithinLimit(std::string_view text) {
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) {
                return false;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

// The field "" names the document itself, as in every FieldError.
Problem bodyError(std::string message) { return contract::invalidRequest({"", "the request body " + std::move(message)}); }

}  // namespace

contract::Expected<nlohmann::json, Problem> parseJsonBody(const Request& request) {
    const auto contentType = request.header("content-type");
    if (!contentType || !isJsonMediaType(*contentType)) {
        return unexpected(Problem{ErrorCode::UnsupportedMediaType,
                                  "Content-Type must be application/json (charset UTF-8)", nlohmann::json::object()});
    }
    if (!isValidUtf8(request.body)) {
        return unexpected(bodyError("is not valid UTF-8"));
    }
    if (!nestingWithinLimit(request.body)) {
        return unexpected(bodyError("nests deeper than " + std::to_string(kMaxJsonDepth) + " levels"));
    }
    nlohmann::json body;
    try {
        body = nlohmann::json::parse(request.body);
    } catch (const nlohmann::json::parse_error& error) {
        // The offset only: the library's message quotes the input, which may hold a secret.
        return unexpected(bodyError("is malformed JSON at byte " + std::to_string(error.byte)));
    }
    if (!body.is_object()) {
        return unexpected(bodyError("must be a JSON object"));
    }
    return body;
}

}  // namespace sesame::server::http
