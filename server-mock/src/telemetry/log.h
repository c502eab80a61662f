#pragma once
// Structured logs: one JSON object per line on stderr.
//
// Callers must NEVER pass phone numbers, one-time codes, access or refresh
// tokens, peppers or keys in `fields`, not even in an error message: pass
// contract::maskPhone(phone) for a phone and leave secrets out entirely.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>

namespace sesame::server::telemetry {

enum class LogLevel { Debug, Info, Warn, Error };

// "debug", "info", "warn", "error".
std::string_view logLevelName(LogLevel level);
// The inverse of logLevelName; nullopt for any other string.
std::optional<LogLevel> parseLogLevel(std::string_view name);

// Process-wide minimum level (default Info); lines below it are dropped. Thread-safe.
void setLogLevel(LogLevel level);
// Whether a line at `level` would be written (skip building costly fields otherwise).
bool logEnabled(LogLevel level);

// Receives each finished line, without the trailing newline.
using LogSink = std::function<void(std::string_view line)>;
// Redirects lines (tests capture them); an empty sink restores stderr. Not
// thread-safe: call it while no other thread logs.
void setLogSink(LogSink sink);

// {"ts","level","event", ...fields}: `fields` must be a JSON object; its
// members follow the fixed ones. See the warning above about secrets.
void log(LogLevel level, std::string_view event, const nlohmann::json& fields = nlohmann::json::object());

// What the server logs once per answered request (level info, event "request").
struct RequestLogEntry {
    std::string_view requestId;
    std::string_view method;
    std::string_view route;      // the route pattern, never the raw path (it may hold ids)
    int status = 0;
    double durationMs = 0;
    std::string_view clientIp;
    std::size_t bytes = 0;       // response body bytes
};
// Writes the request line without building a JSON document (hot path).
void logRequest(const RequestLogEntry& entry);

}  // namespace sesame::server::telemetry
