#pragma once
// The HTTP/1.1 server: Boost.Beast on a fixed pool of I/O threads. Handlers
// are synchronous and run on the I/O thread that read the request.
//
// Limits and their answers (all application/problem+json, then close):
//   body over maxBodyBytes → 413; request line + headers over maxHeaderBytes
//   → 431; any other parse error → 400; headers and body not complete within
//   readTimeout of the first byte → 408. A connection idle longer than
//   idleTimeout (readTimeout before its first request) is closed silently.
// Connection cap: the connection that would exceed maxConnections is
// accepted, answered 503 service_unavailable (Retry-After: 1) and closed, so
// clients get a clear error instead of a hang in the listen backlog.
// Closing after an error answer is "lingering": the server stops sending,
// then reads and discards what the client still sends (bounded in time), so
// the client can read the answer instead of getting a reset.

#include "config/settings.h"

#include <sesame/contract/expected.h>

#include <cstdint>
#include <memory>
#include <string>

namespace sesame::server::telemetry {
class Metrics;
}

namespace sesame::server::http {

class Router;

class Server {
public:
    // `router` and `metrics` must outlive the server. Registers the built-in
    // metrics sesame_http_requests_total{route,method,status},
    // sesame_http_request_duration_seconds{route}, sesame_http_open_connections
    // and sesame_http_rejected_connections_total. `route` is the matched
    // pattern, "unmatched" (404) or "none" (answered before routing: limits,
    // parse errors, the connection cap); `method` is GET, POST, ... or OTHER.
    // Every answer is also one JSON log line (telemetry::logRequest).
    Server(const HttpSettings& settings, const Router& router, telemetry::Metrics& metrics);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds settings.host:port and starts accepting; returns the bound port
    // (useful with port 0) or why binding failed. Call once, before run().
    contract::Expected<std::uint16_t, std::string> listen();

    // Makes SIGTERM and SIGINT call stop(); a second signal closes every
    // connection at once. Call before run().
    void stopOnSignals();

    // Runs settings.threads I/O threads (the caller is one) and returns once
    // the server has stopped and every connection is closed.
    void run();

    // Graceful stop: stop accepting, close idle keep-alive connections, let
    // requests already being read or handled finish (answered with
    // Connection: close), and after settings.shutdownGrace close whatever is
    // left. Thread-safe and idempotent; returns at once.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sesame::server::http
