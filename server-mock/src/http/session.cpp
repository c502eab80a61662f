#include "http/session.h"

#include "http/method.h"
#include "http/request_target.h"
#include "http/router.h"
#include "telemetry/log.h"
#include "telemetry/metrics.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <random>

namespace sesame::server::http {
namespace {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using boost::system::error_code;
using contract::ErrorCode;
using contract::Problem;

// Route label of an answer given before routing (limits, parse errors, 503 at the cap).
constexpr std::string_view kNoRoute = "none";
// After an answer that closes the connection, how long the client may keep sending.
constexpr std::chrono::seconds kMaxLinger{2};
constexpr std::size_t kMaxRequestIdLength = 128;
// Idle connections keep at most this much read buffer (1,000 keep-alive
// connections must fit in a few MB); lingering reads this much at a time.
constexpr std::size_t kIdleBufferBytes = 4096;

bool isRequestIdChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == ':';
}

// The client's X-Request-Id when it is short and harmless in a log line, else 128 fresh random bits.
std::string requestIdFrom(const std::optional<std::string>& header) {
    if (header && !header->empty() && header->size() <= kMaxRequestIdLength &&
        std::all_of(header->begin(), header->end(), isRequestIdChar)) {
        return *header;
    }
    thread_local std::mt19937_64 random{std::random_device{}()};
    std::array<char, 33> id{};
    std::snprintf(id.data(), id.size(), "%016llx%016llx", static_cast<unsigned long long>(random()),
                  static_cast<unsigned long long>(random()));
    return std::string(id.data(), 32);
}

// RFC 9110 IMF-fixdate, formatted at most once per second per thread.
std::string_view httpDate() {
    thread_local std::time_t cachedSecond = 0;
    thread_local std::array<char, 40> cached{};
    const std::time_t now = std::time(nullptr);
    if (now != cachedSecond) {
        std::tm utc{};
        gmtime_r(&now, &utc);
        std::strftime(cached.data(), cached.size(), "%a, %d %b %Y %H:%M:%S GMT", &utc);
        cachedSecond = now;
    }
    return cached.data();
}

std::string lowerCase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

bool isHttpParseError(const error_code& error) {
    return error.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

Problem problemFor(const error_code& error, const HttpSettings& settings) {
    if (error == bhttp::error::body_limit) {
        return {ErrorCode::PayloadTooLarge, "the body exceeds " + std::to_string(settings.maxBodyBytes) + " bytes",
                nlohmann::json::object()};
    }
    if (error == bhttp::error::header_limit) {
        return {ErrorCode::HeadersTooLarge,
                "the request line and headers exceed " + std::to_string(settings.maxHeaderBytes) + " bytes",
                nlohmann::json::object()};
    }
    return {ErrorCode::InvalidRequest, "malformed HTTP request: " + error.message(), nlohmann::json::object()};
}

bool hasLineBreak(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

}  // namespace

void ConnectionShared::forEachSession(const std::function<void(Session&)>& action) {
    std::vector<std::weak_ptr<Session>> snapshot;
    {
        const std::lock_guard lock(mutex);
        snapshot.reserve(sessions.size());
        for (const auto& [key, session] : sessions) {
            snapshot.push_back(session);
        }
    }
    for (const auto& weak : snapshot) {
        if (const auto session = weak.lock()) {
            action(*session);
        }
    }
}

Session::Session(tcp::socket socket, std::shared_ptr<ConnectionShared> shared)
    : socket_(std::move(socket)), timer_(socket_.get_executor()), shared_(std::move(shared)) {
    ++shared_->open;
    shared_->openGauge.add({}, 1);
}

Session::~Session() {
    {
        const std::lock_guard lock(shared_->mutex);
        shared_->sessions.erase(this);
    }
    shared_->openGauge.add({}, -1);
    if (--shared_->open == 0 && shared_->stopping && shared_->onDrained) {
        shared_->onDrained();
    }
}

void Session::start(bool overCapacity) {
    {
        const std::lock_guard lock(shared_->mutex);
        shared_->sessions.emplace(this, weak_from_this());
    }
    net::dispatch(socket_.get_executor(), [self = shared_from_this(), overCapacity] {
        error_code error;
        self->socket_.set_option(tcp::no_delay(true), error);
        const auto remote = self->socket_.remote_endpoint(error);
        if (error) {
            self->close();
            return;
        }
        self->peer_ = canonicalAddress(remote.address().to_string());
        if (overCapacity) {
            self->shared_->rejected.inc();
            self->exchange_.clientIp = self->peer_;
            self->answerTransportError({ErrorCode::ServiceUnavailable, "the server has too many open connections",
                                        nlohmann::json::object()});
            return;
        }
        self->waitForRequest();
    });
}

void Session::notifyStopping() {
    net::post(socket_.get_executor(), [self = shared_from_this()] {
        self->stopping_ = true;
        if (self->phase_ == Phase::Idle) {
            self->close();
        }
    });
}

void Session::forceClose() {
    net::post(socket_.get_executor(), [self = shared_from_this()] { self->close(); });
}

void Session::waitForRequest() {
    if (buffer_.size() > 0) {  // a pipelined request is already here: in flight, even when stopping
        readRequest();
        return;
    }
    if (stopping_) {
        close();
        return;
    }
    if (buffer_.capacity() > kIdleBufferBytes) {
        buffer_.shrink_to_fit();
    }
    phase_ = Phase::Idle;
    arm(firstRequest_ ? shared_->settings.readTimeout : shared_->settings.idleTimeout);
    socket_.async_wait(tcp::socket::wait_read,
                       [self = shared_from_this()](error_code error) { self->onReadable(error); });
}

void Session::onReadable(error_code error) {
    if (phase_ == Phase::Closed) {
        return;
    }
    if (error || stopping_) {
        close();
        return;
    }
    readRequest();
}

void Session::readRequest() {
    phase_ = Phase::Reading;
    timedOut_ = false;
    exchange_ = Exchange{};
    exchange_.clientIp = peer_;
    // The whole request, headers and body, must arrive within readTimeout of its first byte.
    arm(shared_->settings.readTimeout);
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_->settings.maxHeaderBytes));
    parser_->body_limit(shared_->settings.maxBodyBytes);
    bhttp::async_read(socket_, buffer_, *parser_,
                      [self = shared_from_this()](error_code error, std::size_t) { self->onRead(error); });
}

void Session::onRead(error_code error) {
    if (phase_ == Phase::Closed) {
        return;
    }
    if (!error) {
        auto message = parser_->release();
        parser_.reset();
        handle(std::move(message));
    } else if (timedOut_) {
        answerTransportError({ErrorCode::RequestTimeout,
                              "the request did not arrive within " +
                                  std::to_string(shared_->settings.readTimeout.count()) + " s",
                              nlohmann::json::object()});
    } else if (error == bhttp::error::end_of_stream) {
        close();  // the client closed between requests
    } else if (isHttpParseError(error)) {
        answerTransportError(problemFor(error, shared_->settings));
    } else {
        close();  // reset or another socket error: nobody to answer
    }
}

void Session::handle(bhttp::request<bhttp::string_body> message) {
    exchange_.started = Clock::now();
    exchange_.version = message.version();
    exchange_.keepAlive = message.keep_alive();
    Request request;
    request.method = methodFromName(message.method_string());
    // Bounded label and log values: an unknown method is "OTHER", whatever the client sent.
    exchange_.method = std::string(methodName(request.method));
    for (const auto& field : message) {
        request.headers.emplace_back(lowerCase(field.name_string()), std::string(field.value()));
    }
    request.clientIp = resolveClientIp(peer_, request.headers, shared_->proxies);
    request.requestId = requestIdFrom(request.header("x-request-id"));
    exchange_.clientIp = request.clientIp;
    exchange_.requestId = request.requestId;
    auto target = parseRequestTarget(message.target());
    if (!target) {
        answer(Response::problem(contract::invalidRequest(target.error())), kNoRoute);
        return;
    }
    request.path = std::move(target.value().path);
    request.query = std::move(target.value().query);
    request.body = std::move(message.body());
    const Router::Result result = shared_->router.handle(request);
    answer(result.response, result.route);
}

void Session::answerTransportError(const Problem& problem) {
    exchange_.keepAlive = false;
    Response response = Response::problem(problem);
    if (response.status == 503) {
        response.headers.emplace_back("Retry-After", "1");
    }
    answer(response, kNoRoute);
}

void Session::answer(const Response& response, std::string_view route) {
    if (exchange_.requestId.empty()) {
        exchange_.requestId = requestIdFrom(std::nullopt);
    }
    const bool keepAlive = exchange_.keepAlive && !stopping_ && !shared_->stopping;
    const auto elapsed = std::chrono::duration<double>(Clock::now() - exchange_.started).count();
    const std::string status = std::to_string(response.status);
    shared_->requests.inc({route, exchange_.method, status});
    shared_->duration.observe({route}, elapsed);
    telemetry::logRequest({exchange_.requestId, exchange_.method, route, response.status, elapsed * 1000,
                           exchange_.clientIp, response.body.size()});

    response_ = {};
    response_.version(exchange_.version == 10 ? 10 : 11);
    // Beast throws on a status it cannot send; a handler bug becomes a 500 instead.
    response_.result(response.status >= 200 && response.status <= 599 ? static_cast<unsigned>(response.status) : 500);
    if (!response.contentType.empty()) {
        response_.set(bhttp::field::content_type, response.contentType);
    }
    for (const auto& [name, value] : response.headers) {
        if (!hasLineBreak(name) && !hasLineBreak(value)) {  // no header injection, even by mistake
            response_.insert(name, value);
        }
    }
    response_.set("X-Request-Id", exchange_.requestId);
    if (response_.find(bhttp::field::cache_control) == response_.end()) {
        response_.set(bhttp::field::cache_control, "no-store");  // answers carry tokens and personal data
    }
    response_.set(bhttp::field::date, httpDate());
    // 204 and 304 carry neither a body nor Content-Length (RFC 9110 8.6).
    const bool bodiless = response.status == 204 || response.status == 304;
    response_.body() = bodiless ? std::string() : response.body;
    if (!bodiless) {
        response_.content_length(response_.body().size());
    }
    response_.keep_alive(keepAlive);

    phase_ = Phase::Writing;
    arm(shared_->settings.readTimeout);  // a client that does not read its answer is dropped
    bhttp::async_write(socket_, response_, [self = shared_from_this(), keepAlive](error_code error, std::size_t) {
        self->onWritten(error, keepAlive);
    });
}

void Session::onWritten(error_code error, bool keepAlive) {
    response_ = {};  // an idle connection holds no answer
    if (phase_ == Phase::Closed) {
        return;
    }
    if (error) {
        close();
    } else if (!keepAlive) {
        linger();
    } else {
        firstRequest_ = false;
        waitForRequest();
    }
}

void Session::linger() {
    phase_ = Phase::Lingering;
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    arm(std::min<std::chrono::steady_clock::duration>(shared_->settings.readTimeout, kMaxLinger));
    drain();
}

void Session::drain() {
    // Read into the buffer's spare room and never commit: the bytes are discarded.
    socket_.async_read_some(buffer_.prepare(kIdleBufferBytes),
                            [self = shared_from_this()](error_code error, std::size_t) {
                                if (error || self->phase_ == Phase::Closed) {
                                    self->close();
                                } else {
                                    self->drain();
                                }
                            });
}

void Session::close() {
    if (phase_ == Phase::Closed) {
        return;
    }
    phase_ = Phase::Closed;
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    timer_.cancel();
}

void Session::arm(std::chrono::steady_clock::duration timeout) {
    timer_.expires_after(timeout);
    timer_.async_wait([self = shared_from_this()](error_code error) { self->onTimer(error); });
}

void Session::onTimer(error_code error) {
    // A wait that completed just before being re-armed must not count.
    if (error || phase_ == Phase::Closed || timer_.expiry() > Clock::now()) {
        return;
    }
    if (phase_ == Phase::Reading) {
        timedOut_ = true;  // onRead answers 408 once the read is cancelled
        error_code ignored;
        socket_.cancel(ignored);
    } else {
        close();  // idle too long, a client that does not read, or the end of lingering
    }
}

}  // namespace sesame::server::http
