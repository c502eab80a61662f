#include "http/server.h"

#include "http/router.h"
#include "http/session.h"
#include "telemetry/log.h"
#include "telemetry/metrics.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>

#include <csignal>
#include <thread>
#include <typeinfo>
#include <vector>

namespace sesame::server::http {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using boost::system::error_code;

// Pause before accepting again after an accept error (usually out of file descriptors).
constexpr std::chrono::milliseconds kAcceptRetry{100};

std::shared_ptr<ConnectionShared> makeShared(const HttpSettings& settings, const Router& router,
                                             telemetry::Metrics& metrics) {
    auto proxies = TrustedProxies::parse(settings.trustedProxies);
    return std::make_shared<ConnectionShared>(
        settings,
        router,
        proxies ? proxies.value() : TrustedProxies{},  // config has validated them
        metrics.counter("sesame_http_requests_total", "HTTP requests answered, by route pattern, method and status.",
                        {"route", "method", "status"}),
        metrics.histogram("sesame_http_request_duration_seconds",
                          "Time from a complete request to its answer, by route pattern.", {"route"}),
        metrics.gauge("sesame_http_open_connections", "Open client connections."),
        metrics.counter("sesame_http_rejected_connections_total",
                        "Connections answered 503 because max-connections were open."));
}

}  // namespace

struct Server::Impl {
    Impl(const HttpSettings& settings, const Router& router, telemetry::Metrics& metrics)
        : ioc(settings.threads),
          strand(net::make_strand(ioc)),
          acceptor(strand),
          retryTimer(strand),
          graceTimer(strand),
          signals(strand),
          shared(makeShared(settings, router, metrics)) {
        shared->onDrained = [this] { net::post(strand, [this] { drained(); }); };
    }

    void accept() {
        acceptor.async_accept(net::make_strand(ioc),
                              [this](error_code error, tcp::socket socket) { onAccept(error, std::move(socket)); });
    }

    void onAccept(error_code error, tcp::socket socket) {
        if (stopRequested) {
            return;
        }
        if (error) {
            telemetry::log(telemetry::LogLevel::Warn, "accept_failed", {{"error", error.message()}});
            retryTimer.expires_after(kAcceptRetry);
            retryTimer.async_wait([this](error_code waitError) {
                if (!waitError && !stopRequested) {
                    accept();
                }
            });
            return;
        }
        const bool overCapacity = shared->open.load() >= shared->settings.maxConnections;
        std::make_shared<Session>(std::move(socket), shared)->start(overCapacity);
        accept();
    }

    void beginStop() {
        if (stopRequested) {
            return;
        }
        stopRequested = true;
        shared->stopping = true;
        telemetry::log(telemetry::LogLevel::Info, "stopping", {{"open_connections", shared->open.load()}});
        error_code ignored;
        acceptor.close(ignored);
        retryTimer.cancel();
        shared->forEachSession([](Session& session) { session.notifyStopping(); });
        if (shared->open.load() == 0) {
            drained();
            return;
        }
        graceTimer.expires_after(shared->settings.shutdownGrace);
        graceTimer.async_wait([this](error_code waitError) {
            if (!waitError) {
                closeAll();
            }
        });
    }

    void closeAll() {
        telemetry::log(telemetry::LogLevel::Warn, "closing_connections", {{"open_connections", shared->open.load()}});
        shared->forEachSession([](Session& session) { session.forceClose(); });
    }

    // Every connection is closed: drop the last pending work so run() returns.
    void drained() {
        graceTimer.cancel();
        error_code ignored;
        signals.cancel(ignored);
        signals.clear(ignored);
    }

    void waitForSignal() {
        signals.async_wait([this](error_code error, int signal) {
            if (error) {
                return;
            }
            telemetry::log(telemetry::LogLevel::Info, "signal", {{"signal", signal}});
            if (stopRequested) {
                closeAll();
                return;
            }
            waitForSignal();  // armed before beginStop, which may cancel it at once
            beginStop();
        });
    }

    void runThread() {
        while (true) {
            try {
                ioc.run();
                return;
            } catch (const std::exception& error) {
                telemetry::log(telemetry::LogLevel::Error, "io_thread_exception",
                               {{"exception_type", typeid(error).name()}});
            }
        }
    }

    net::io_context ioc;
    net::strand<net::io_context::executor_type> strand;  // acceptor, timers, signals, stop state
    tcp::acceptor acceptor;
    net::steady_timer retryTimer;
    net::steady_timer graceTimer;
    net::signal_set signals;
    std::shared_ptr<ConnectionShared> shared;
    bool stopRequested = false;
};

Server::Server(const HttpSettings& settings, const Router& router, telemetry::Metrics& metrics)
    : impl_(std::make_unique<Impl>(settings, router, metrics)) {}

Server::~Server() = default;

contract::Expected<std::uint16_t, std::string> Server::listen() {
    const HttpSettings& settings = impl_->shared->settings;
    const std::string where = settings.host + ":" + std::to_string(settings.port);
    error_code error;
    const auto address = net::ip::make_address(settings.host, error);
    if (error) {
        return contract::unexpected("cannot listen on " + where + ": not an IP address");
    }
    const tcp::endpoint endpoint(address, settings.port);
    tcp::acceptor& acceptor = impl_->acceptor;
    acceptor.open(endpoint.protocol(), error);
    if (!error) {
        acceptor.set_option(net::socket_base::reuse_address(true), error);
    }
    if (!error) {
        acceptor.bind(endpoint, error);
    }
    if (!error) {
        acceptor.listen(net::socket_base::max_listen_connections, error);
    }
    if (error) {
        return contract::unexpected("cannot listen on " + where + ": " + error.message());
    }
    const std::uint16_t port = acceptor.local_endpoint(error).port();
    net::post(impl_->strand, [impl = impl_.get()] { impl->accept(); });
    return port;
}

void Server::stopOnSignals() {
    // Registered at once (no I/O thread runs yet), so no signal slips through before run().
    error_code ignored;
    impl_->signals.add(SIGINT, ignored);
    impl_->signals.add(SIGTERM, ignored);
    impl_->waitForSignal();
}

void Server::run() {
    std::vector<std::thread> threads;
    for (int i = 1; i < impl_->shared->settings.threads; ++i) {
        threads.emplace_back([impl = impl_.get()] { impl->runThread(); });
    }
    impl_->runThread();
    for (auto& thread : threads) {
        thread.join();
    }
}

void Server::stop() {
    net::post(impl_->strand, [impl = impl_.get()] { impl->beginStop(); });
}

}  // namespace sesame::server::http
