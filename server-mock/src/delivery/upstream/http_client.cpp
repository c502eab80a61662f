#include "delivery/upstream/http_client.h"

#include "delivery/upstream/url.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <openssl/ssl.h>

#include <optional>

namespace sesame::server::delivery {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using Failure = contract::Unexpected<std::string>;

constexpr std::size_t kBodyLimit = 1024 * 1024;
constexpr std::uint32_t kHeaderLimit = 64 * 1024;

Failure fail(std::string what) { return contract::unexpected(std::move(what)); }

// Beast's stream timeouts only apply to asynchronous operations, so each step
// is started asynchronously and the private io_context is run until it ends.
template <class Start>
beast::error_code runStep(net::io_context& io, Start start) {
    beast::error_code result = net::error::would_block;
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    io.restart();
    io.run();
    return result;
}

std::string stepFailure(std::string_view step, const beast::error_code& ec) {
    if (ec == beast::error::timeout) {
        return "timed out during " + std::string(step);
    }
    return std::string(step) + " failed: " + ec.message();
}

// Header names are tokens; values must not break the header block.
bool safeHeader(const std::pair<std::string, std::string>& header) {
    if (header.first.empty()) {
        return false;
    }
    for (unsigned char c : header.first) {
        if (c <= 0x20 || c >= 0x7f || c == ':') {
            return false;
        }
    }
    for (unsigned char c : header.second) {
        if (c == '\r' || c == '\n' || c == '\0') {
            return false;
        }
    }
    return true;
}

contract::Expected<bhttp::request<bhttp::string_body>, std::string> buildRequest(const HttpCall& call,
                                                                                 const Url& url) {
    const bhttp::verb verb = bhttp::string_to_verb(call.method);
    if (verb == bhttp::verb::unknown) {
        return fail("unsupported method");
    }
    bhttp::request<bhttp::string_body> request{verb, url.target, 11};
    request.set(bhttp::field::host, url.hostHeader());
    request.set(bhttp::field::user_agent, "sesame-server");
    request.set(bhttp::field::connection, "close");
    for (const auto& header : call.headers) {
        if (!safeHeader(header)) {
            return fail("invalid request header");
        }
        request.set(header.first, header.second);
    }
    request.body() = call.body;
    if (!call.body.empty() || verb == bhttp::verb::post || verb == bhttp::verb::put ||
        verb == bhttp::verb::patch) {
        request.prepare_payload();
    }
    return request;
}

HttpReply toReply(bhttp::response<bhttp::string_body>&& response) {
    HttpReply reply;
    reply.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
        reply.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    reply.body = std::move(response.body());
    return reply;
}

// One exchange on one connection, over a plain or a TLS stream.
class Exchange {
public:
    Exchange(net::io_context& io, Clock::time_point deadline) : io_(io), deadline_(deadline) {}

    contract::Expected<tcp::resolver::results_type, std::string> resolve(const Url& url) {
        tcp::resolver resolver(io_);
        beast::error_code result = net::error::would_block;
        tcp::resolver::results_type endpoints;
        resolver.async_resolve(url.host, std::to_string(url.port),
                               [&](beast::error_code ec, tcp::resolver::results_type found) {
                                   result = ec;
                                   endpoints = std::move(found);
                               });
        io_.restart();
        io_.run_until(deadline_);
        if (result == net::error::would_block) {
            resolver.cancel();  // the resolver has no timeout of its own
            io_.restart();
            io_.run();
            return fail("timed out during resolve");
        }
        if (result) {
            return fail(stepFailure("resolve", result));
        }
        return endpoints;
    }

    template <class Stream>
    contract::Expected<HttpReply, std::string> exchange(Stream& stream,
                                                        bhttp::request<bhttp::string_body>& request) {
        beast::get_lowest_layer(stream).expires_at(deadline_);
        if (auto ec = runStep(io_, [&](auto handler) { bhttp::async_write(stream, request, handler); })) {
            return fail(stepFailure("send", ec));
        }
        beast::flat_buffer buffer;
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(kBodyLimit);
        parser.header_limit(kHeaderLimit);
        if (request.method() == bhttp::verb::head) {
            parser.skip(true);
        }
        // The header first: Beast 1.74's whole-message read misses a
        // Content-Length over the body limit, the header read does not.
        beast::get_lowest_layer(stream).expires_at(deadline_);
        auto ec = runStep(io_, [&](auto handler) { bhttp::async_read_header(stream, buffer, parser, handler); });
        if (!ec) {
            beast::get_lowest_layer(stream).expires_at(deadline_);
            ec = runStep(io_, [&](auto handler) { bhttp::async_read(stream, buffer, parser, handler); });
        }
        if (ec == bhttp::error::body_limit) {
            return fail("answer larger than 1 MiB");
        }
        if (ec) {
            return fail(stepFailure("receive", ec));
        }
        return toReply(parser.release());
    }

    beast::error_code connect(beast::tcp_stream& stream, const tcp::resolver::results_type& endpoints) {
        stream.expires_at(deadline_);
        return runStep(io_, [&](auto handler) { stream.async_connect(endpoints, handler); });
    }

    beast::error_code handshake(ssl::stream<beast::tcp_stream>& stream) {
        beast::get_lowest_layer(stream).expires_at(deadline_);
        return runStep(io_, [&](auto handler) { stream.async_handshake(ssl::stream_base::client, handler); });
    }

private:
    net::io_context& io_;
    Clock::time_point deadline_;
};

class BeastHttpClient final : public HttpClient {
public:
    BeastHttpClient() : tls_(ssl::context::tls_client) {
        tls_.set_default_verify_paths();
        tls_.set_verify_mode(ssl::verify_peer);
        tls_.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                         ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    }

    contract::Expected<HttpReply, std::string> call(const HttpCall& call) override {
        const auto url = parseUrl(call.url);
        if (!url) {
            return fail(url.error());
        }
        auto request = buildRequest(call, url.value());
        if (!request) {
            return fail(request.error());
        }
        net::io_context io;
        Exchange exchange(io, Clock::now() + call.timeout);
        const auto endpoints = exchange.resolve(url.value());
        if (!endpoints) {
            return fail(endpoints.error());
        }
        if (!url->tls) {
            beast::tcp_stream stream(io);
            if (auto ec = exchange.connect(stream, endpoints.value())) {
                return fail(stepFailure("connect", ec));
            }
            return exchange.exchange(stream, request.value());
        }
        ssl::stream<beast::tcp_stream> stream(io, tls_);
        // SNI, and the certificate must name the host.
        if (!SSL_set_tlsext_host_name(stream.native_handle(), url->host.c_str())) {
            return fail("tls setup failed");
        }
        stream.set_verify_callback(ssl::host_name_verification(url->host));
        if (auto ec = exchange.connect(beast::get_lowest_layer(stream), endpoints.value())) {
            return fail(stepFailure("connect", ec));
        }
        if (auto ec = exchange.handshake(stream)) {
            return fail(stepFailure("tls handshake", ec));
        }
        // Connection: close was asked for; the TLS close_notify is not awaited.
        return exchange.exchange(stream, request.value());
    }

private:
    ssl::context tls_;  // shared by every call; configured once, read-only afterwards
};

}  // namespace

std::string HttpReply::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (beast::iequals(key, name)) {
            return value;
        }
    }
    return {};
}

std::unique_ptr<HttpClient> makeHttpClient() { return std::make_unique<BeastHttpClient>(); }

}  // namespace sesame::server::delivery
