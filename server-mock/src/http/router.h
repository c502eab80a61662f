#pragma once
// Maps (method, path) to a handler. Patterns are literal segments and "{name}"
// parameters ("/v1/sessions/{id}"); the pattern doubles as the `route` label
// of metrics and logs, so label cardinality stays bounded.

#include "http/message.h"

#include <string>
#include <string_view>
#include <vector>

namespace sesame::server::http {

// Route label of a request no pattern matched (404).
inline constexpr std::string_view kUnmatchedRoute = "unmatched";

class Router {
public:
    // Registers `handler` for `method` on `pattern`, which starts with '/'. A
    // literal segment beats a parameter at the same position
    // ("/v1/sessions/current" over "/v1/sessions/{id}"); registering the same
    // method and pattern again replaces the handler. Not thread-safe: register
    // every route before the server starts.
    void add(Method method, std::string pattern, Handler handler);

    struct Result {
        Response response;
        std::string_view route;  // the matched pattern or kUnmatchedRoute; valid while the router lives
    };
    // Fills request.pathParams and runs the handler. Unknown path: 404
    // not_found; known path, other method: 405 method_not_allowed with Allow.
    // A handler that throws answers 500 internal_error (logged, never leaked).
    Result handle(Request& request) const;

private:
    struct Segment {
        std::string text;  // literal text, or the parameter name
        bool parameter = false;
    };
    struct Route {
        std::string pattern;
        std::vector<Segment> segments;
        std::vector<std::pair<Method, Handler>> handlers;  // registration order, for Allow
    };

    const Route* find(std::string_view path, std::map<std::string, std::string>& params) const;
    static bool matches(const Route& route, const std::vector<std::string_view>& parts);
    static bool moreSpecific(const Route& a, const Route& b);

    std::vector<Route> routes_;
};

}  // namespace sesame::server::http
