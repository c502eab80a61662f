#include "telemetry/log.h"

#include <catch2/catch.hpp>

#include <regex>
#include <vector>

using namespace sesame::server::telemetry;

namespace {

// Captures lines for one test and restores stderr and the level afterwards.
class CapturedLog {
public:
    CapturedLog() {
        setLogSink([this](std::string_view line) { lines.emplace_back(line); });
    }
    ~CapturedLog() {
        setLogSink(nullptr);
        setLogLevel(LogLevel::Info);
    }
    std::vector<std::string> lines;
};

}  // namespace

TEST_CASE("log writes one JSON object per line with ts, level, event and fields", "[log]") {
    CapturedLog log;
    sesame::server::telemetry::log(LogLevel::Warn, "redis_down", {{"attempt", 3}, {"phone", "+7700***4567"}});
    REQUIRE(log.lines.size() == 1);
    const auto line = nlohmann::json::parse(log.lines[0]);
    CHECK(line["level"] == "warn");
    CHECK(line["event"] == "redis_down");
    CHECK(line["attempt"] == 3);
    CHECK(line["phone"] == "+7700***4567");
    CHECK(std::regex_match(line["ts"].get<std::string>(),
                           std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
    CHECK(log.lines[0].rfind("{\"ts\":", 0) == 0);
    CHECK(log.lines[0].find('\n') == std::string::npos);
}

TEST_CASE("log drops lines below the minimum level", "[log]") {
    CapturedLog log;
    setLogLevel(LogLevel::Warn);
    CHECK_FALSE(logEnabled(LogLevel::Info));
    sesame::server::telemetry::log(LogLevel::Info, "quiet");
    logRequest({"id", "GET", "/healthz", 200, 0.1, "127.0.0.1", 15});
    sesame::server::telemetry::log(LogLevel::Error, "loud");
    REQUIRE(log.lines.size() == 1);
    CHECK(nlohmann::json::parse(log.lines[0])["event"] == "loud");
}

TEST_CASE("logRequest writes the request line fields as valid JSON", "[log]") {
    CapturedLog log;
    logRequest({"req-1", "POST", "/v1/sessions/{id}", 404, 1.2345, "2001:db8::1", 321});
    REQUIRE(log.lines.size() == 1);
    const auto line = nlohmann::json::parse(log.lines[0]);
    CHECK(line["event"] == "request");
    CHECK(line["level"] == "info");
    CHECK(line["request_id"] == "req-1");
    CHECK(line["method"] == "POST");
    CHECK(line["route"] == "/v1/sessions/{id}");
    CHECK(line["status"] == 404);
    CHECK(line["duration_ms"] == Approx(1.2345).margin(0.001));
    CHECK(line["client_ip"] == "2001:db8::1");
    CHECK(line["bytes"] == 321);
}

TEST_CASE("log escapes quotes, backslashes and control characters", "[log]") {
    CapturedLog log;
    logRequest({"a\"b\\c\nd\x01", "GET", "/", 200, 0, "", 0});
    sesame::server::telemetry::log(LogLevel::Error, "evil\"\n", {{"bad_utf8", std::string("\xff")}});
    REQUIRE(log.lines.size() == 2);
    CHECK(nlohmann::json::parse(log.lines[0])["request_id"] == "a\"b\\c\nd\x01");
    CHECK(nlohmann::json::parse(log.lines[1])["event"] == "evil\"\n");
    for (const auto& line : log.lines) {
        CHECK(line.find('\n') == std::string::npos);
    }
}

TEST_CASE("log level names round-trip", "[log]") {
    for (const LogLevel level : {LogLevel::Debug, LogLevel::Info, LogLevel::Warn, LogLevel::Error}) {
        CHECK(parseLogLevel(logLevelName(level)) == level);
    }
    CHECK_FALSE(parseLogLevel("INFO").has_value());
    CHECK_FALSE(parseLogLevel("").has_value());
}
