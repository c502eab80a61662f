#pragma once
// Internal to server.cpp: one connection's state machine and what all
// connections of a server share. Only src/http includes this (Beast types).

#include "config/settings.h"
#include "http/client_ip.h"
#include "http/message.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace sesame::server::telemetry {
class Counter;
class Gauge;
class Histogram;
}  // namespace sesame::server::telemetry

namespace sesame::server::http {

class Router;
class Session;

// Shared by the server and its connections; connections hold it by
// shared_ptr, so it outlives every one of them.
struct ConnectionShared {
    ConnectionShared(HttpSettings settings_, const Router& router_, TrustedProxies proxies_,
                     telemetry::Counter& requests_, telemetry::Histogram& duration_, telemetry::Gauge& openGauge_,
                     telemetry::Counter& rejected_)
        : settings(std::move(settings_)), router(router_), proxies(std::move(proxies_)), requests(requests_),
          duration(duration_), openGauge(openGauge_), rejected(rejected_) {}

    HttpSettings settings;
    const Router& router;
    TrustedProxies proxies;
    telemetry::Counter& requests;
    telemetry::Histogram& duration;
    telemetry::Gauge& openGauge;
    telemetry::Counter& rejected;

    std::atomic<bool> stopping{false};
    std::atomic<int> open{0};
    // Called (on any thread) when the last connection closes after stopping was set.
    std::function<void()> onDrained;

    std::mutex mutex;
    std::unordered_map<const Session*, std::weak_ptr<Session>> sessions;

    // Calls `action` on every live connection.
    void forEachSession(const std::function<void(Session&)>& action);
};

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(boost::asio::ip::tcp::socket socket, std::shared_ptr<ConnectionShared> shared);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Starts serving; with `overCapacity` answers 503 and closes instead.
    void start(bool overCapacity);
    // The server is stopping: close when idle, else after the current answer. Any thread.
    void notifyStopping();
    // Closes the connection now. Any thread.
    void forceClose();

private:
    enum class Phase { Idle, Reading, Writing, Lingering, Closed };
    using Clock = std::chrono::steady_clock;

    // The request being answered, as far as it is known.
    struct Exchange {
        std::string requestId;
        std::string method = "-";
        std::string clientIp;
        unsigned version = 11;
        bool keepAlive = false;
        Clock::time_point started = Clock::now();
    };

    void waitForRequest();
    void onReadable(boost::system::error_code error);
    void readRequest();
    void onRead(boost::system::error_code error);
    void handle(boost::beast::http::request<boost::beast::http::string_body> message);
    void answer(const Response& response, std::string_view route);
    void answerTransportError(const contract::Problem& problem);
    void onWritten(boost::system::error_code error, bool keepAlive);
    void linger();
    void drain();
    void close();
    void arm(std::chrono::steady_clock::duration timeout);
    void onTimer(boost::system::error_code error);

    boost::asio::ip::tcp::socket socket_;
    boost::asio::steady_timer timer_;
    std::shared_ptr<ConnectionShared> shared_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    boost::beast::http::response<boost::beast::http::string_body> response_;
    Exchange exchange_;
    std::string peer_;
    Phase phase_ = Phase::Idle;
    bool stopping_ = false;
    bool timedOut_ = false;
    bool firstRequest_ = true;
};

}  // namespace sesame::server::http
