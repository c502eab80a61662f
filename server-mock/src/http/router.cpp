#include "http/router.h"

#include "http/method.h"
#include "telemetry/log.h"

#include <algorithm>
#include <cassert>
#include <exception>
#include <typeinfo>

namespace sesame::server::http {
namespace {

// "/a/b/" → {"a", "b", ""}: a trailing slash is a distinct (empty) segment.
std::vector<std::string_view> split(std::string_view path) {
    std::vector<std::string_view> parts;
    path.remove_prefix(1);
    while (true) {
        const std::size_t slash = path.find('/');
        parts.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) {
            return parts;
        }
        path.remove_prefix(slash + 1);
    }
}

Response notFound() {
    return Response::problem({contract::ErrorCode::NotFound, "no resource at this path", nlohmann::json::object()});
}

Response methodNotAllowed(std::string allow) {
    Response response = Response::problem(
        {contract::ErrorCode::MethodNotAllowed, "allowed methods: " + allow, nlohmann::json::object()});
    response.headers.emplace_back("Allow", std::move(allow));
    return response;
}

void logHandlerException(std::string_view route, std::string_view requestId, std::string_view type) {
    telemetry::log(telemetry::LogLevel::Error, "handler_exception",
                   {{"route", route}, {"request_id", requestId}, {"exception_type", type}});
}

}  // namespace

void Router::add(Method method, std::string pattern, Handler handler) {
    assert(!pattern.empty() && pattern.front() == '/');
    auto existing = std::find_if(routes_.begin(), routes_.end(), [&](const Route& r) { return r.pattern == pattern; });
    if (existing == routes_.end()) {
        Route route{pattern, {}, {}};
        for (const std::string_view part : split(pattern)) {
            const bool parameter = part.size() > 2 && part.front() == '{' && part.back() == '}';
            route.segments.push_back({std::string(parameter ? part.substr(1, part.size() - 2) : part), parameter});
        }
        existing = routes_.insert(routes_.end(), std::move(route));
    }
    for (auto& [known, current] : existing->handlers) {
        if (known == method) {
            current = std::move(handler);
            return;
        }
    }
    existing->handlers.emplace_back(method, std::move(handler));
}

bool Router::matches(const Route& route, const std::vector<std::string_view>& parts) {
    if (route.segments.size() != parts.size()) {
        return false;
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const Segment& segment = route.segments[i];
        if (segment.parameter ? parts[i].empty() : segment.text != parts[i]) {
            return false;
        }
    }
    return true;
}

bool Router::moreSpecific(const Route& a, const Route& b) {
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
        if (a.segments[i].parameter != b.segments[i].parameter) {
            return !a.segments[i].parameter;
        }
    }
    return false;
}

const Router::Route* Router::find(std::string_view path, std::map<std::string, std::string>& params) const {
    if (path.empty() || path.front() != '/') {
        return nullptr;
    }
    const std::vector<std::string_view> parts = split(path);
    const Route* best = nullptr;
    for (const Route& route : routes_) {
        if (matches(route, parts) && (best == nullptr || moreSpecific(route, *best))) {
            best = &route;
        }
    }
    if (best != nullptr) {
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (best->segments[i].parameter) {
                params[best->segments[i].text] = std::string(parts[i]);
            }
        }
    }
    return best;
}

Router::Result Router::handle(Request& request) const {
    const Route* route = find(request.path, request.pathParams);
    if (route == nullptr) {
        return {notFound(), kUnmatchedRoute};
    }
    std::string allow;
    for (const auto& [method, handler] : route->handlers) {
        if (method != request.method) {
            allow += (allow.empty() ? "" : ", ") + std::string(methodName(method));
            continue;
        }
        try {
            return {handler(request), route->pattern};
        } catch (const std::exception& error) {
            // Only the type: what() of a database error can quote a phone number.
            logHandlerException(route->pattern, request.requestId, typeid(error).name());
        } catch (...) {
            logHandlerException(route->pattern, request.requestId, "unknown");
        }
        return {Response::problem({contract::ErrorCode::InternalError, "internal error", nlohmann::json::object()}),
                route->pattern};
    }
    return {methodNotAllowed(std::move(allow)), route->pattern};
}

}  // namespace sesame::server::http
