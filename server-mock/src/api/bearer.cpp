#include "api/bearer.h"

#include "services/service_result.h"

#include <algorithm>

namespace sesame::server::api {
namespace {

bool isToken68Char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~' || c == '+' || c == '/';
}

bool isToken68(std::string_view token) {
    const std::size_t end = token.find_last_not_of('=');  // '=' only as trailing padding
    if (end == std::string_view::npos) {
        return false;
    }
    for (std::size_t i = 0; i <= end; ++i) {
        if (!isToken68Char(token[i])) {
            return false;
        }
    }
    return true;
}

constexpr std::string_view kScheme = "bearer";

bool startsWithBearer(std::string_view value) {
    if (value.size() <= kScheme.size()) {
        return false;
    }
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        const char c = value[i];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != kScheme[i]) {
            return false;
        }
    }
    return value[kScheme.size()] == ' ';
}

}  // namespace

std::optional<std::string_view> bearerToken(const http::Request& request) {
    // Header values live in the request, so views into them stay valid with it.
    for (const auto& [name, value] : request.headers) {
        if (name != "authorization") {
            continue;
        }
        if (!startsWithBearer(value)) {
            return std::nullopt;
        }
        std::string_view token = std::string_view(value).substr(kScheme.size());
        token.remove_prefix(std::min(token.size(), token.find_first_not_of(' ')));
        while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) {
            token.remove_suffix(1);
        }
        return isToken68(token) ? std::optional(token) : std::nullopt;
    }
    return std::nullopt;
}

http::Handler requireSession(SessionService& sessions, ProtectedHandler handler) {
    return [&sessions, handler = std::move(handler)](const http::Request& request) {
        const auto token = bearerToken(request);
        if (!token) {
            return http::Response::problem(
                {contract::ErrorCode::InvalidToken, "a bearer access token is required", nlohmann::json::object()});
        }
        auto principal = sessions.authenticate(*token);
        if (!principal) {
            return http::Response::problem(principal.error());
        }
        return handler(request, principal.value());
    };
}

}  // namespace sesame::server::api
