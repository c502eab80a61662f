#include "http/message.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace sesame::server::http {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

// Serialising never throws: a stray invalid UTF-8 byte becomes U+FFFD.
std::string dump(const nlohmann::json& body) {
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Seconds from the problem's retry_after; 1 when it is missing or not a
// non-negative number, so a 429 always tells the client when to come back.
std::int64_t retryAfterSeconds(const nlohmann::json& extensions) {
    const auto found = extensions.find("retry_after");
    if (found == extensions.end() || !found->is_number() || *found < 0) {
        return 1;
    }
    return static_cast<std::int64_t>(std::ceil(found->get<double>()));
}

}  // namespace

std::optional<std::string> Request::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (equalsIgnoreCase(key, name)) {
            return value;
        }
    }
    return std::nullopt;
}

Response Response::json(int status, const nlohmann::json& body) {
    return Response{status, "application/json", dump(body), {}};
}

Response Response::problem(const contract::Problem& problem) {
    Response response{problem.status(), std::string(contract::kProblemContentType), {}, {}};
    nlohmann::json body = contract::toJson(problem);
    if (response.status == 429) {
        const std::int64_t seconds = retryAfterSeconds(problem.extensions);
        body["retry_after"] = seconds;
        response.headers.emplace_back("Retry-After", std::to_string(seconds));
    }
    if (response.status == 401) {
        response.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
    response.body = dump(body);
    return response;
}

Response Response::noContent() { return Response{204, "", "", {}}; }

}  // namespace sesame::server::http
