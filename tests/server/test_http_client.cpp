// The upstream HTTP client against a one-connection asio server in the test:
// the server reads one request and writes a canned answer byte for byte, so
// framing (Content-Length, chunked, close-delimited), limits and failures are
// the test's choice. Waits are on sockets and deadlines, never sleeps.

#include "delivery/upstream/http_client.h"
#include "delivery/upstream/url.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <thread>

using namespace sesame::server::delivery;
using namespace std::chrono_literals;
namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

enum class Then { Answer, Hang, CloseAtOnce };

// Accepts one connection on 127.0.0.1, reads one request, then answers `raw`
// (or hangs until the client gives up, or closes without a word).
class OneShotServer {
public:
    explicit OneShotServer(std::string raw, Then then = Then::Answer)
        : acceptor_(io_, {net::ip::make_address("127.0.0.1"), 0}) {
        thread_ = std::thread([this, raw = std::move(raw), then] { serve(raw, then); });
    }
    ~OneShotServer() {
        if (thread_.joinable()) {
            thread_.join();
        }
    }

    std::string url(std::string_view path = "/") const {
        return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + std::string(path);
    }
    // The request as the server read it; call after the client call returned.
    const bhttp::request<bhttp::string_body>& request() {
        if (thread_.joinable()) {
            thread_.join();
        }
        return request_;
    }

private:
    void serve(const std::string& raw, Then then) {
        tcp::socket socket(io_);
        acceptor_.accept(socket);
        if (then == Then::CloseAtOnce) {
            return;
        }
        boost::beast::flat_buffer buffer;
        boost::beast::error_code ec;
        bhttp::read(socket, buffer, request_, ec);
        if (then == Then::Answer) {
            net::write(socket, net::buffer(raw), ec);
            socket.shutdown(tcp::socket::shutdown_send, ec);
        }
        // Until the client closes (after reading, or at its deadline).
        char sink[256];
        while (!ec) {
            socket.read_some(net::buffer(sink), ec);
        }
    }

    net::io_context io_;
    tcp::acceptor acceptor_;
    bhttp::request<bhttp::string_body> request_;
    std::thread thread_;
};

HttpCall post(std::string url, std::string body = "") {
    HttpCall call;
    call.url = std::move(url);
    call.body = std::move(body);
    call.timeout = 5s;
    return call;
}

}  // namespace

TEST_CASE("http client sends the call and reads a Content-Length answer", "[http_client]") {
    OneShotServer server("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-Id: 42\r\n"
                         "Content-Length: 11\r\n\r\n{\"ok\":true}");
    auto call = post(server.url("/bot123:abc/sendMessage?x=1"), "{\"chat_id\":1}");
    call.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer t"}};
    const auto reply = makeHttpClient()->call(call);
    REQUIRE(reply);
    CHECK(reply->status == 201);
    CHECK(reply->body == "{\"ok\":true}");
    CHECK(reply->header("x-id") == "42");
    CHECK(reply->header("CONTENT-TYPE") == "application/json");
    CHECK(reply->header("missing").empty());
    const auto& request = server.request();
    CHECK(request.method() == bhttp::verb::post);
    CHECK(request.target() == "/bot123:abc/sendMessage?x=1");
    CHECK(request.body() == "{\"chat_id\":1}");
    CHECK(request[bhttp::field::content_type] == "application/json");
    CHECK(request[bhttp::field::authorization] == "Bearer t");
    CHECK(request[bhttp::field::host] == server.url().substr(7, server.url().size() - 8));
}

TEST_CASE("http client reads chunked and close-delimited answers", "[http_client]") {
    SECTION("chunked") {
        OneShotServer server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "4\r\nWiki\r\n6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\n\r\n");
        const auto reply = makeHttpClient()->call(post(server.url()));
        REQUIRE(reply);
        CHECK(reply->body == "Wikipedia in \r\n\r\nchunks.");
    }
    SECTION("until the connection closes") {
        OneShotServer server("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\ndown for now");
        const auto reply = makeHttpClient()->call(post(server.url()));
        REQUIRE(reply);
        CHECK(reply->status == 503);
        CHECK(reply->body == "down for now");
    }
    SECTION("a GET without a body sends no Content-Length") {
        OneShotServer server("HTTP/1.1 204 No Content\r\n\r\n");
        auto call = post(server.url("/getMe"));
        call.method = "GET";
        const auto reply = makeHttpClient()->call(call);
        REQUIRE(reply);
        CHECK(reply->status == 204);
        CHECK(reply->body.empty());
        CHECK(server.request().method() == bhttp::verb::get);
        CHECK(server.request().count(bhttp::field::content_length) == 0);
    }
}

TEST_CASE("http client refuses an answer over 1 MiB", "[http_client]") {
    const std::string big(1024 * 1024 + 1, 'x');
    std::string raw = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(big.size()) + "\r\n\r\n" + big;
    SECTION("chunked") {
        std::ostringstream size;
        size << std::hex << big.size();
        raw = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + size.str() + "\r\n" + big + "\r\n0\r\n\r\n";
    }
    OneShotServer server(raw);
    const auto reply = makeHttpClient()->call(post(server.url()));
    REQUIRE_FALSE(reply);
    CHECK(reply.error().find("1 MiB") != std::string::npos);
}

TEST_CASE("http client gives up at the call's deadline", "[http_client]") {
    OneShotServer server("", Then::Hang);
    auto call = post(server.url(), "secret-code-123456");
    call.timeout = 200ms;
    const auto started = std::chrono::steady_clock::now();
    const auto reply = makeHttpClient()->call(call);
    REQUIRE_FALSE(reply);
    CHECK(reply.error().find("timed out") != std::string::npos);
    CHECK(std::chrono::steady_clock::now() - started < 4s);
}

TEST_CASE("http client reports connection failures without the URL", "[http_client]") {
    SECTION("refused") {
        std::string url;
        {
            net::io_context io;
            tcp::acceptor closed(io, {net::ip::make_address("127.0.0.1"), 0});
            url = "http://127.0.0.1:" + std::to_string(closed.local_endpoint().port()) + "/bottoken/x";
        }
        const auto reply = makeHttpClient()->call(post(url));
        REQUIRE_FALSE(reply);
        CHECK(reply.error().find("connect failed") == 0);
        CHECK(reply.error().find("bottoken") == std::string::npos);
    }
    SECTION("closed without an answer") {
        OneShotServer server("", Then::CloseAtOnce);
        const auto reply = makeHttpClient()->call(post(server.url()));
        REQUIRE_FALSE(reply);
    }
    SECTION("https to a server that does not speak TLS") {
        OneShotServer server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        auto url = server.url();
        url.insert(4, "s");
        const auto reply = makeHttpClient()->call(post(url));
        REQUIRE_FALSE(reply);
        CHECK(reply.error().find("tls handshake") == 0);
    }
}

TEST_CASE("http client refuses hostile calls before connecting", "[http_client]") {
    auto client = makeHttpClient();
    for (const std::string& url : std::vector<std::string>{"", "ftp://example.com/", "example.com/x", "http://", "http://:80/",
                                  "http://user:pw@example.com/", "http://exa mple.com/", "http://example.com:0/",
                                  "http://example.com:65536/", "http://example.com:8x/", "http://ex\x01.com/",
                                  "http://[::1/", "http://example.com/#frag", "http://пример.рф/"}) {
        INFO(url);
        const auto reply = client->call(post(url));
        REQUIRE_FALSE(reply);
        CHECK(reply.error().find("bad url") == 0);
    }
    auto injected = post("http://127.0.0.1:1/");
    injected.headers = {{"X-A", "1\r\nX-Injected: 1"}};
    CHECK(client->call(injected).error() == "invalid request header");
    injected.headers = {{"Bad Name", "1"}};
    CHECK(client->call(injected).error() == "invalid request header");
    auto verb = post("http://127.0.0.1:1/");
    verb.method = "FETCH NOW";
    CHECK(client->call(verb).error() == "unsupported method");
}

TEST_CASE("urls split into host, port and target", "[http_client]") {
    const auto plain = parseUrl("HTTP://Example.com");
    REQUIRE(plain);
    CHECK_FALSE(plain->tls);
    CHECK(plain->port == 80);
    CHECK(plain->target == "/");
    CHECK(plain->hostHeader() == "Example.com");
    const auto tls = parseUrl("https://api.telegram.org/bot1:x/getMe?a=b");
    REQUIRE(tls);
    CHECK(tls->tls);
    CHECK(tls->port == 443);
    CHECK(tls->host == "api.telegram.org");
    CHECK(tls->target == "/bot1:x/getMe?a=b");
    const auto v6 = parseUrl("http://[::1]:8080?q=1");
    REQUIRE(v6);
    CHECK(v6->host == "::1");
    CHECK(v6->port == 8080);
    CHECK(v6->target == "/?q=1");
    CHECK(v6->hostHeader() == "[::1]:8080");
}

TEST_CASE("form encoding follows application/x-www-form-urlencoded", "[http_client]") {
    CHECK(formEncode({}).empty());
    CHECK(formEncode({{"To", "+77001234567"}, {"Body", "Your code: 123 456"}}) ==
          "To=%2B77001234567&Body=Your+code%3A+123+456");
    CHECK(formEncode({{"a*b-c._d", "~!&="}, {"", ""}}) == "a*b-c._d=%7E%21%26%3D&=");
    CHECK(formEncode({{"t", "код"}}) == "t=%D0%BA%D0%BE%D0%B4");
    const std::vector<std::pair<std::string, std::string>> fields{
        {"MessageSid", "SM1"}, {"Body", "a+b c&d=e%"}, {"nul", std::string("a\0b", 3)}, {"ru", "код"}};
    const auto decoded = formDecode(formEncode(fields));
    REQUIRE(decoded);
    CHECK(decoded.value() == fields);
}

TEST_CASE("form decoding is strict about percent escapes", "[http_client]") {
    const auto lenient = formDecode("a=1&&b&=2&c=%41%4a");
    REQUIRE(lenient);
    const std::vector<std::pair<std::string, std::string>> expected{{"a", "1"}, {"b", ""}, {"", "2"}, {"c", "AJ"}};
    CHECK(lenient.value() == expected);
    CHECK(formDecode("").value().empty());
    CHECK_FALSE(formDecode("a=%"));
    CHECK_FALSE(formDecode("a=%4"));
    CHECK_FALSE(formDecode("a=%zz"));
    CHECK_FALSE(formDecode("%g0=1"));
}
