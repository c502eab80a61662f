#pragma once
// What a handler sees of an HTTP exchange: no Beast types, so services and
// handlers stay independent of the transport.

#include <nlohmann/json.hpp>
#include <sesame/contract/problem.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sesame::server::http {

enum class Method { Get, Post, Patch, Put, Delete, Head, Options, Other };

struct Request {
    Method method = Method::Other;
    std::string path;                                // decoded path, no query
    std::map<std::string, std::string> query;        // decoded query parameters
    std::map<std::string, std::string> pathParams;   // "{id}" segments of the route
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
    std::string body;
    std::string clientIp;   // after trusted-proxy resolution
    std::string requestId;

    // First value of a header (name case-insensitive), or nullopt.
    std::optional<std::string> header(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string contentType = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

    static Response json(int status, const nlohmann::json& body);
    static Response problem(const contract::Problem& problem);
    static Response noContent();
};

using Handler = std::function<Response(const Request&)>;

}  // namespace sesame::server::http
