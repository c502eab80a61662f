#include "telemetry/log.h"

#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace sesame::server::telemetry {
namespace {

std::atomic<LogLevel> gMinimum{LogLevel::Info};
LogSink gSink;

constexpr std::array<std::string_view, 4> kLevelNames{"debug", "info", "warn", "error"};

// One write(2) per line so lines from several threads never interleave.
void writeToStderr(std::string_view line) {
    std::string buffer;
    buffer.reserve(line.size() + 1);
    buffer.append(line).push_back('\n');
    std::size_t written = 0;
    while (written < buffer.size()) {
        const ssize_t n = ::write(STDERR_FILENO, buffer.data() + written, buffer.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;  // nowhere left to report a logging failure
        }
        written += static_cast<std::size_t>(n);
    }
}

void emit(std::string_view line) {
    if (gSink) {
        gSink(line);
    } else {
        writeToStderr(line);
    }
}

void appendEscaped(std::string& out, std::string_view text) {
    out.push_back('"');
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            std::array<char, 7> escaped{};
            std::snprintf(escaped.data(), escaped.size(), "\\u%04x", static_cast<unsigned>(c));
            out.append(escaped.data(), 6);
        } else {
            out.push_back(c);
        }
    }
    out.push_back('"');
}

// {"ts":"2026-01-02T03:04:05.678Z","level":"info","event":"..."  (object left open)
std::string lineStart(LogLevel level, std::string_view event) {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    std::array<char, 32> ts{};
    const std::size_t length = std::strftime(ts.data(), ts.size(), "%Y-%m-%dT%H:%M:%S", &utc);
    const std::array<char, 5> fraction{'.', static_cast<char>('0' + millis / 100), static_cast<char>('0' + millis / 10 % 10),
                                       static_cast<char>('0' + millis % 10), 'Z'};
    std::string line;
    line.reserve(256);
    line.append("{\"ts\":\"").append(ts.data(), length).append(fraction.data(), fraction.size());
    line.append("\",\"level\":\"").append(logLevelName(level));
    line.append("\",\"event\":");
    appendEscaped(line, event);
    return line;
}

void appendField(std::string& line, std::string_view key) {
    line.push_back(',');
    appendEscaped(line, key);
    line.push_back(':');
}

}  // namespace

std::string_view logLevelName(LogLevel level) { return kLevelNames.at(static_cast<std::size_t>(level)); }

std::optional<LogLevel> parseLogLevel(std::string_view name) {
    for (std::size_t i = 0; i < kLevelNames.size(); ++i) {
        if (kLevelNames[i] == name) {
            return static_cast<LogLevel>(i);
        }
    }
    return std::nullopt;
}

void setLogLevel(LogLevel level) { gMinimum.store(level, std::memory_order_relaxed); }

bool logEnabled(LogLevel level) { return level >= gMinimum.load(std::memory_order_relaxed); }

void setLogSink(LogSink sink) { gSink = std::move(sink); }

void log(LogLevel level, std::string_view event, const nlohmann::json& fields) {
    if (!logEnabled(level)) {
        return;
    }
    std::string line = lineStart(level, event);
    if (fields.is_object()) {
        for (const auto& [key, value] : fields.items()) {
            appendField(line, key);
            line.append(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        }
    }
    line.push_back('}');
    emit(line);
}

void logRequest(const RequestLogEntry& entry) {
    if (!logEnabled(LogLevel::Info)) {
        return;
    }
    std::string line = lineStart(LogLevel::Info, "request");
    appendField(line, "request_id");
    appendEscaped(line, entry.requestId);
    appendField(line, "method");
    appendEscaped(line, entry.method);
    appendField(line, "route");
    appendEscaped(line, entry.route);
    appendField(line, "status");
    line.append(std::to_string(entry.status));
    appendField(line, "duration_ms");
    std::array<char, 32> duration{};
    std::snprintf(duration.data(), duration.size(), "%.3f", entry.durationMs);
    line.append(duration.data());
    appendField(line, "client_ip");
    appendEscaped(line, entry.clientIp);
    appendField(line, "bytes");
    line.append(std::to_string(entry.bytes));
    line.push_back('}');
    emit(line);
}

}  // namespace sesame::server::telemetry
