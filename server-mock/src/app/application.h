#pragma once
// sesame-server's object graph: backends by mode, signing key and pepper,
// services, and the domain routes. main.cpp owns one Application and adds
// the operations routes.

#include "app/backends.h"
#include "config/settings.h"
#include "crypto/sealed_box.h"
#include "delivery/channel_policy.h"
#include "delivery/delivery_context.h"
#include "delivery/queue/dispatcher.h"
#include "delivery/upstream/http_client.h"
#include "http/router.h"
#include "services/auth_metrics.h"
#include "services/clock.h"
#include "services/otp_service.h"
#include "services/profile_service.h"
#include "services/rate_limiter.h"
#include "services/session_service.h"
#include "services/token_service.h"
#include "telemetry/metrics.h"

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sesame::server::app {

class Application {
public:
    // Builds the backends and the signing material. Mock mode makes an
    // ephemeral key and a random pepper when none is configured. Throws
    // std::runtime_error with a clear message when it cannot start (an
    // unreadable key file, full mode without its backends): main reports it.
    explicit Application(const Settings& settings);
    ~Application();

    // Creates the delivery channels and the services (counting into
    // `metrics`) and registers every domain route: /v1/*, the upstreams'
    // webhooks and callbacks, /.well-known/jwks.json, and /mock/outbox in
    // mock mode. Call once; throws std::runtime_error when a channel is
    // misconfigured. `router` and `metrics` must stay until stop().
    void registerRoutes(http::Router& router, telemetry::Metrics& metrics);

    // Once the server listens: starts the delivery lanes and the Telegram
    // bot (getMe, setWebhook, polling). stop() ends them (also on destruction).
    void start();
    void stop();

    // The dependencies /readyz checks (none in mock mode).
    std::vector<std::pair<std::string, std::function<bool()>>> readinessChecks();

private:
    Settings settings_;
    Backends backends_;
    SystemClock clock_;
    std::unique_ptr<TokenService> tokens_;
    std::string pepper_;
    std::unique_ptr<AuthMetrics> metrics_;
    std::unique_ptr<RateLimiter> limiter_;
    std::unique_ptr<SessionService> sessions_;
    std::unique_ptr<ProfileService> profiles_;
    // Delivery; destroyed before the stores and the clock they use.
    std::unique_ptr<delivery::HttpClient> http_;
    std::unique_ptr<crypto::SealedBox> sealer_;
    std::unique_ptr<delivery::Dispatcher> dispatcher_;
    std::unique_ptr<delivery::DeliveryContext> deliveryContext_;
    DeliveryChannels channels_;
    std::unique_ptr<delivery::ChannelPolicy> policy_;
    std::unique_ptr<OtpService> otp_;
};

}  // namespace sesame::server::app
