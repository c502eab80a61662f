// The Beast server in-process on an ephemeral port, driven by raw sockets so
// every byte on the wire is the test's choice. Reads block until the server
// acts (answers or closes); nothing here sleeps to wait for timing.

#include "http/json_body.h"
#include "http/router.h"
#include "http/server.h"
#include "telemetry/log.h"
#include "telemetry/metrics.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <catch2/catch.hpp>

#include <poll.h>

#include <chrono>
#include <future>
#include <mutex>
#include <regex>
#include <thread>

using namespace sesame::server;
using namespace std::chrono_literals;
namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

// The process-wide log sink, capturing lines from the server's threads.
class CapturedLog {
public:
    CapturedLog() {
        telemetry::setLogSink([this](std::string_view line) {
            const std::lock_guard lock(mutex_);
            lines_.emplace_back(line);
        });
    }
    ~CapturedLog() { telemetry::setLogSink(nullptr); }
    std::vector<nlohmann::json> requestLines() {
        const std::lock_guard lock(mutex_);
        std::vector<nlohmann::json> found;
        for (const auto& line : lines_) {
            auto parsed = nlohmann::json::parse(line);
            if (parsed["event"] == "request") {
                found.push_back(std::move(parsed));
            }
        }
        return found;
    }

private:
    std::mutex mutex_;
    std::vector<std::string> lines_;
};

HttpSettings testSettings() {
    HttpSettings settings;
    settings.host = "127.0.0.1";
    settings.port = 0;
    settings.threads = 2;
    return settings;
}

// The handlers the tests talk to.
void testRoutes(http::Router& router) {
    router.add(http::Method::Get, "/hello", [](const http::Request& request) {
        return http::Response::json(200, {{"hello", "world"}, {"client_ip", request.clientIp}});
    });
    router.add(http::Method::Post, "/echo", [](const http::Request& request) {
        const auto body = http::parseJsonBody(request);
        return body ? http::Response::json(200, body.value()) : http::Response::problem(body.error());
    });
    router.add(http::Method::Get, "/items/{id}", [](const http::Request& request) {
        return http::Response::json(200, {{"id", request.pathParams.at("id")}, {"q", request.query}});
    });
    router.add(http::Method::Delete, "/items/{id}", [](const http::Request&) { return http::Response::noContent(); });
    router.add(http::Method::Get, "/throw", [](const http::Request&) -> http::Response {
        throw std::runtime_error("boom");
    });
}

class TestServer {
public:
    explicit TestServer(HttpSettings settings = testSettings(),
                        const std::function<void(http::Router&)>& extraRoutes = {}) {
        testRoutes(router_);
        if (extraRoutes) {
            extraRoutes(router_);
        }
        server_ = std::make_unique<http::Server>(settings, router_, metrics);
        const auto bound = server_->listen();
        REQUIRE(bound.hasValue());
        port = bound.value();
        thread_ = std::thread([this] { server_->run(); });
    }
    ~TestServer() {
        stop();
        join();
    }
    void stop() { server_->stop(); }
    // Returns once run() has returned, i.e. every connection is closed.
    void join() {
        if (thread_.joinable()) {
            thread_.join();
        }
    }

    telemetry::Metrics metrics;
    std::uint16_t port = 0;

private:
    http::Router router_;
    std::unique_ptr<http::Server> server_;
    std::thread thread_;
};

struct Reply {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    bool keepAlive = false;

    nlohmann::json json() const { return nlohmann::json::parse(body); }
    bool has(const std::string& name) const { return headers.count(name) != 0; }
};

class Client {
public:
    explicit Client(std::uint16_t port) : socket_(io_) {
        socket_.connect({net::ip::make_address("127.0.0.1"), port});
    }

    void send(std::string_view bytes) { net::write(socket_, net::buffer(bytes.data(), bytes.size())); }

    // The next response; fails the test if the connection ends first.
    Reply read() {
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(std::numeric_limits<std::uint64_t>::max());
        boost::system::error_code error;
        bhttp::read(socket_, buffer_, parser, error);
        INFO(error.message());
        REQUIRE_FALSE(error);
        auto message = parser.release();
        Reply reply{static_cast<int>(message.result_int()), {}, message.body(), message.keep_alive()};
        for (const auto& field : message) {
            std::string name(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
            reply.headers[name] = std::string(field.value());
        }
        return reply;
    }

    // Blocks until the server closes the connection; false if bytes arrive instead.
    bool closedByServer() {
        if (buffer_.size() > 0) {
            return false;
        }
        std::array<char, 256> scratch{};
        boost::system::error_code error;
        socket_.read_some(net::buffer(scratch), error);
        return error == net::error::eof || error == net::error::connection_reset;
    }

    // Whether the server has answered or closed within `timeout` (paces the slow client).
    bool serverActedWithin(std::chrono::milliseconds timeout) {
        pollfd descriptor{socket_.native_handle(), POLLIN, 0};
        return ::poll(&descriptor, 1, static_cast<int>(timeout.count())) > 0;
    }

private:
    net::io_context io_;
    tcp::socket socket_;
    boost::beast::flat_buffer buffer_;
};

std::string get(const std::string& target, const std::string& extraHeaders = "") {
    return "GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extraHeaders + "\r\n";
}

std::string post(const std::string& target, const std::string& body,
                 const std::string& contentType = "application/json") {
    return "POST " + target + " HTTP/1.1\r\nHost: test\r\nContent-Type: " + contentType +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

void requireProblem(const Reply& reply, int status, const std::string& code) {
    INFO(reply.body);
    CHECK(reply.status == status);
    CHECK(reply.headers.at("content-type") == "application/problem+json");
    CHECK(reply.json()["code"] == code);
    CHECK(reply.json()["status"] == status);
}

const std::string kEcho = post("/echo", "{\"a\":1}");
constexpr std::size_t kPartialBytes = 90;  // the headers and part of the body

// Leaves `client` in the middle of a request the server is certainly reading:
// the partial request is pipelined behind a complete one, so it sits in the
// server's buffer by the time the first answer arrives.
void startPartialRequest(Client& client) {
    client.send(get("/hello") + kEcho.substr(0, kPartialBytes));
    REQUIRE(client.read().status == 200);
}

}  // namespace

TEST_CASE("server keeps a connection alive across requests", "[server]") {
    TestServer server;
    Client client(server.port);
    client.send(get("/hello"));
    const Reply first = client.read();
    CHECK(first.status == 200);
    CHECK(first.keepAlive);
    CHECK(first.json()["hello"] == "world");
    CHECK(first.json()["client_ip"] == "127.0.0.1");
    CHECK(first.headers.at("content-type") == "application/json");
    CHECK(first.headers.at("cache-control") == "no-store");
    CHECK(first.has("date"));

    client.send(post("/echo", R"({"a":[1,2,{"b":"ü"}]})"));
    const Reply second = client.read();
    CHECK(second.status == 200);
    CHECK(second.json() == nlohmann::json::parse(R"({"a":[1,2,{"b":"ü"}]})"));
    CHECK(second.keepAlive);
}

TEST_CASE("server answers pipelined requests in order", "[server]") {
    TestServer server;
    Client client(server.port);
    client.send(get("/items/1") + get("/items/2?x=%2B7") + get("/nope"));
    CHECK(client.read().json()["id"] == "1");
    const Reply second = client.read();
    CHECK(second.json()["id"] == "2");
    CHECK(second.json()["q"]["x"] == "+7");
    requireProblem(client.read(), 404, "not_found");
}

TEST_CASE("server sends 204 without a body and keeps the framing", "[server]") {
    TestServer server;
    Client client(server.port);
    client.send("DELETE /items/9 HTTP/1.1\r\nHost: t\r\n\r\n" + get("/hello"));
    const Reply deleted = client.read();
    CHECK(deleted.status == 204);
    CHECK_FALSE(deleted.has("content-length"));
    CHECK_FALSE(deleted.has("content-type"));
    CHECK(client.read().status == 200);
}

TEST_CASE("server echoes a safe X-Request-Id and generates one otherwise", "[server]") {
    CapturedLog log;
    TestServer server;
    Client client(server.port);
    client.send(get("/hello", "X-Request-Id: abc-123_x.y:z\r\n"));
    CHECK(client.read().headers.at("x-request-id") == "abc-123_x.y:z");
    for (const std::string& bad : std::vector<std::string>{"has space", "quote\"", std::string(129, 'a'), ""}) {
        client.send(get("/hello", "X-Request-Id: " + bad + "\r\n"));
        const std::string generated = client.read().headers.at("x-request-id");
        CHECK(std::regex_match(generated, std::regex("[0-9a-f]{32}")));
    }
    server.stop();
    server.join();
    const auto lines = log.requestLines();
    REQUIRE(lines.size() == 5);
    CHECK(lines[0]["request_id"] == "abc-123_x.y:z");
    CHECK(lines[0]["route"] == "/hello");
    CHECK(lines[0]["method"] == "GET");
    CHECK(lines[0]["status"] == 200);
    CHECK(lines[0]["client_ip"] == "127.0.0.1");
    CHECK(lines[0]["bytes"].get<int>() > 10);
    CHECK(lines[0]["duration_ms"].get<double>() >= 0);
}

TEST_CASE("server routes 404 and 405 and counts requests by route pattern", "[server]") {
    TestServer server;
    Client client(server.port);
    client.send(get("/items/42") + get("/items/43") + get("/missing/path") +
                "PUT /hello HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n" + "BREW /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    client.read();
    client.read();
    requireProblem(client.read(), 404, "not_found");
    const Reply put = client.read();
    requireProblem(put, 405, "method_not_allowed");
    CHECK(put.headers.at("allow") == "GET");
    requireProblem(client.read(), 405, "method_not_allowed");

    const std::string text = server.metrics.render();
    CHECK_THAT(text, Catch::Contains("sesame_http_requests_total{route=\"/items/{id}\",method=\"GET\",status=\"200\"} 2"));
    CHECK_THAT(text, Catch::Contains("sesame_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1"));
    CHECK_THAT(text, Catch::Contains("sesame_http_requests_total{route=\"/hello\",method=\"OTHER\",status=\"405\"} 1"));
    CHECK_THAT(text, Catch::Contains("sesame_http_request_duration_seconds_count{route=\"/items/{id}\"} 2"));
    CHECK_THAT(text, Catch::Contains("sesame_http_open_connections 1"));
}

TEST_CASE("server turns a throwing handler into 500 and keeps serving", "[server]") {
    TestServer server;
    Client client(server.port);
    client.send(get("/throw") + get("/hello"));
    requireProblem(client.read(), 500, "internal_error");
    CHECK(client.read().status == 200);
}

TEST_CASE("server answers JSON body errors through parseJsonBody", "[server]") {
    TestServer server;
    Client client(server.port);
    client.send(post("/echo", "{}", "text/plain"));
    requireProblem(client.read(), 415, "unsupported_media_type");
    client.send(post("/echo", "{\"a\":\"\xc0\xaf\"}"));
    requireProblem(client.read(), 400, "invalid_request");
    client.send(post("/echo", "{\"a\":"));
    requireProblem(client.read(), 400, "invalid_request");
    client.send(post("/echo", "[1]"));
    requireProblem(client.read(), 400, "invalid_request");
    // Chunked bodies are bodies too.
    client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                "4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n");
    CHECK(client.read().json() == nlohmann::json{{"a", 1}});
}

TEST_CASE("server answers 413 to a 1 MB body and closes", "[server]") {
    TestServer server;
    const std::string big(1024 * 1024, 'x');
    SECTION("with Content-Length") {
        Client client(server.port);
        client.send(post("/echo", "{\"a\":\"" + big + "\"}"));
        const Reply reply = client.read();
        requireProblem(reply, 413, "payload_too_large");
        CHECK_FALSE(reply.keepAlive);
        CHECK(client.closedByServer());
    }
    SECTION("chunked") {
        Client client(server.port);
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n100000\r\n" + big + "\r\n0\r\n\r\n");
        requireProblem(client.read(), 413, "payload_too_large");
        CHECK(client.closedByServer());
    }
    SECTION("just over the limit, and exactly at it") {
        Client client(server.port);
        const std::string atLimit = "{\"a\":\"" + std::string(16 * 1024 - 8, 'y') + "\"}";
        REQUIRE(atLimit.size() == 16 * 1024);
        client.send(post("/echo", atLimit));
        CHECK(client.read().status == 200);
        client.send(post("/echo", atLimit + " "));
        requireProblem(client.read(), 413, "payload_too_large");
    }
}

TEST_CASE("server answers 431 to thousands of headers", "[server]") {
    TestServer server;
    Client client(server.port);
    std::string headers;
    for (int i = 0; i < 5000; ++i) {
        headers += "X-Header-" + std::to_string(i) + ": value\r\n";
    }
    client.send(get("/hello", headers));
    const Reply reply = client.read();
    requireProblem(reply, 431, "headers_too_large");
    CHECK_FALSE(reply.keepAlive);
    CHECK(client.closedByServer());
    // One huge header is refused the same way.
    Client other(server.port);
    other.send(get("/hello", "X-Big: " + std::string(9000, 'b') + "\r\n"));
    requireProblem(other.read(), 431, "headers_too_large");
}

TEST_CASE("server answers every malformed request with a 400 problem", "[server]") {
    TestServer server;
    const auto raw = GENERATE(as<std::string>{}, "GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET\r\n\r\n",
                              "GET /hello HTTP/1.1\r\nBad Header\r\n\r\n",
                              "GET /hello HTTP/1.1\r\nX: a\x01z\r\n\r\n",
                              "POST /echo HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
                              "POST /echo HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                              "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                              "GET /%zz HTTP/1.1\r\nHost: t\r\n\r\n", "GET /%ff HTTP/1.1\r\nHost: t\r\n\r\n",
                              "GET /a%00b HTTP/1.1\r\nHost: t\r\n\r\n", "GET * HTTP/1.1\r\nHost: t\r\n\r\n",
                              std::string("GET /\0 HTTP/1.1\r\n\r\n", 19));
    CAPTURE(raw);
    Client client(server.port);
    client.send(raw);
    const Reply reply = client.read();
    requireProblem(reply, 400, "invalid_request");
}

TEST_CASE("server answers 408 to a client that sends one byte at a time", "[server]") {
    HttpSettings settings = testSettings();
    settings.readTimeout = 1s;
    TestServer server(settings);
    Client client(server.port);
    const std::string request = post("/echo", std::string(100, ' ') + "{}");
    const auto started = std::chrono::steady_clock::now();
    std::size_t sent = 0;
    // A byte every 200 ms until the server reacts: far slower than readTimeout allows for the whole request.
    while (sent < request.size() && !client.serverActedWithin(200ms)) {
        client.send(request.substr(sent++, 1));
    }
    const Reply reply = client.read();
    requireProblem(reply, 408, "request_timeout");
    CHECK_FALSE(reply.keepAlive);
    CHECK(sent < request.size());
    CHECK(std::chrono::steady_clock::now() - started >= 1s);  // the whole request got readTimeout, not each byte
    CHECK(client.closedByServer());
}

TEST_CASE("server closes idle connections silently", "[server]") {
    HttpSettings settings = testSettings();
    settings.readTimeout = 1s;
    settings.idleTimeout = 1s;
    TestServer server(settings);
    SECTION("a connection that never sends a request") {
        Client client(server.port);
        CHECK(client.closedByServer());
    }
    SECTION("a keep-alive connection after its request") {
        Client client(server.port);
        client.send(get("/hello"));
        CHECK(client.read().status == 200);
        CHECK(client.closedByServer());
    }
}

TEST_CASE("server closes after answering HTTP/1.0 and Connection: close", "[server]") {
    TestServer server;
    SECTION("HTTP/1.0") {
        Client client(server.port);
        client.send("GET /hello HTTP/1.0\r\n\r\n");
        const Reply reply = client.read();
        CHECK(reply.status == 200);
        CHECK_FALSE(reply.keepAlive);
        CHECK(client.closedByServer());
    }
    SECTION("HTTP/1.0 keep-alive") {
        Client client(server.port);
        client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        CHECK(client.read().keepAlive);
        client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        CHECK(client.read().status == 200);
    }
    SECTION("Connection: close") {
        Client client(server.port);
        client.send(get("/hello", "Connection: close\r\n"));
        CHECK_FALSE(client.read().keepAlive);
        CHECK(client.closedByServer());
    }
}

TEST_CASE("server answers 503 and closes over the connection cap", "[server]") {
    HttpSettings settings = testSettings();
    settings.maxConnections = 1;
    TestServer server(settings);
    Client first(server.port);
    first.send(get("/hello"));
    CHECK(first.read().status == 200);  // the first connection is certainly open now

    Client second(server.port);
    const Reply rejected = second.read();
    requireProblem(rejected, 503, "service_unavailable");
    CHECK(rejected.headers.at("retry-after") == "1");
    CHECK(second.closedByServer());

    first.send(get("/hello"));  // the open connection is unaffected
    CHECK(first.read().status == 200);
    CHECK_THAT(server.metrics.render(), Catch::Contains("sesame_http_rejected_connections_total 1"));
}

TEST_CASE("server believes X-Forwarded-For only from trusted proxies", "[server]") {
    SECTION("trusted") {
        HttpSettings settings = testSettings();
        settings.trustedProxies = {"127.0.0.1"};
        TestServer server(settings);
        Client client(server.port);
        client.send(get("/hello", "X-Forwarded-For: 6.6.6.6, 203.0.113.5\r\n"));
        CHECK(client.read().json()["client_ip"] == "203.0.113.5");
    }
    SECTION("untrusted") {
        TestServer server;
        Client client(server.port);
        client.send(get("/hello", "X-Forwarded-For: 203.0.113.5\r\n"));
        CHECK(client.read().json()["client_ip"] == "127.0.0.1");
    }
}

TEST_CASE("server stops gracefully: idle connections close, in-flight requests finish", "[server]") {
    std::promise<void> entered;
    std::promise<void> release;
    auto released = release.get_future().share();
    TestServer server(testSettings(), [&](http::Router& router) {
        router.add(http::Method::Get, "/block", [&entered, released](const http::Request&) {
            entered.set_value();
            released.wait();
            return http::Response::json(200, {{"finished", true}});
        });
    });

    Client idle(server.port);
    idle.send(get("/hello"));
    CHECK(idle.read().status == 200);
    Client partial(server.port);
    startPartialRequest(partial);
    Client handling(server.port);
    handling.send(get("/block"));
    entered.get_future().wait();

    server.stop();
    CHECK(idle.closedByServer());  // the stop has been processed once the idle connection is gone
    CHECK_THROWS(Client(server.port));  // no longer accepting

    partial.send(kEcho.substr(kPartialBytes));
    const Reply echoed = partial.read();
    CHECK(echoed.status == 200);
    CHECK(echoed.json() == nlohmann::json{{"a", 1}});
    CHECK_FALSE(echoed.keepAlive);

    release.set_value();
    const Reply blocked = handling.read();
    CHECK(blocked.status == 200);
    CHECK_FALSE(blocked.keepAlive);
    CHECK(handling.closedByServer());
    server.join();  // run() returns once every connection is closed
}

TEST_CASE("server closes what is left after the shutdown grace", "[server]") {
    HttpSettings settings = testSettings();
    settings.shutdownGrace = 0s;
    TestServer server(settings);  // readTimeout stays 10 s
    Client partial(server.port);
    startPartialRequest(partial);
    const auto stopped = std::chrono::steady_clock::now();
    server.stop();
    CHECK(partial.closedByServer());
    server.join();
    CHECK(std::chrono::steady_clock::now() - stopped < 5s);  // not the read timeout: the grace ended it
}
