#include "app/application.h"

#include "api/delivery_callback_routes.h"
#include "api/delivery_routes.h"
#include "api/me_routes.h"
#include "api/mock_routes.h"
#include "api/otp_routes.h"
#include "api/session_routes.h"
#include "api/token_routes.h"
#include "crypto/ed25519_key.h"
#include "crypto/random.h"
#include "telemetry/log.h"

#include <stdexcept>

namespace sesame::server::app {
namespace {

constexpr std::size_t kGeneratedPepperBytes = 32;

crypto::Ed25519Key signingKey(const TokenSettings& tokens, Mode mode) {
    if (!tokens.signingKeyFile.empty()) {
        auto key = crypto::Ed25519Key::loadPrivatePem(tokens.signingKeyFile);
        if (!key) {
            throw std::runtime_error(key.error());
        }
        return key.value();
    }
    if (mode == Mode::Full) {
        throw std::runtime_error("full mode needs a signing key file (--signing-key)");
    }
    auto key = crypto::Ed25519Key::generate();
    if (!key) {
        throw std::runtime_error(key.error());
    }
    telemetry::log(telemetry::LogLevel::Info, "ephemeral_signing_key", {{"kid", key->kid()}});
    return key.value();
}

std::string pepperOf(const TokenSettings& tokens, Mode mode) {
    if (!tokens.pepper.empty()) {
        return tokens.pepper;
    }
    if (mode == Mode::Full) {
        throw std::runtime_error("full mode needs a pepper (--pepper-file)");
    }
    // Tokens and codes of a mock server die with it anyway.
    return crypto::randomBytes(kGeneratedPepperBytes);
}

}  // namespace

Application::Application(const Settings& settings) : settings_(settings) {
    auto backends = makeBackends(settings_);
    if (!backends) {
        throw std::runtime_error(backends.error());
    }
    backends_ = std::move(backends).value();
    const crypto::Ed25519Key key = signingKey(settings_.tokens, settings_.mode);
    pepper_ = pepperOf(settings_.tokens, settings_.mode);
    const crypto::JwtPolicy policy{settings_.tokens.issuer, settings_.tokens.audience, settings_.tokens.leeway};
    tokens_ = std::make_unique<TokenService>(settings_.tokens, pepper_, crypto::JwtSigner(key),
                                             crypto::JwtVerifier({key}, policy));
}

Application::~Application() { stop(); }

void Application::registerRoutes(http::Router& router, telemetry::Metrics& metrics) {
    metrics_ = std::make_unique<AuthMetrics>(metrics);
    limiter_ = std::make_unique<RateLimiter>(*backends_.rateLimits, settings_.otp);
    sessions_ = std::make_unique<SessionService>(
        settings_.tokens, ShopDefaults{settings_.defaultShopLanguage, settings_.defaultShopCurrency}, *tokens_,
        *backends_.accounts, *backends_.audit, *metrics_, clock_);
    profiles_ = std::make_unique<ProfileService>(*backends_.accounts, clock_);
    http_ = delivery::makeHttpClient();
    sealer_ = std::make_unique<crypto::SealedBox>(pepper_);
    dispatcher_ = std::make_unique<delivery::Dispatcher>(*backends_.deliveryJobs, clock_);
    deliveryContext_ = std::make_unique<delivery::DeliveryContext>(delivery::DeliveryContext{
        *http_, *dispatcher_, *backends_.deliveryStatuses, *sealer_, clock_, *backends_.audit, metrics,
        backends_.redis, backends_.postgres});
    auto channels = makeChannels(settings_, *deliveryContext_);
    if (!channels) {
        throw std::runtime_error(channels.error());
    }
    channels_ = std::move(channels).value();
    std::vector<delivery::Channel*> tried;
    for (const auto& channel : channels_.channels) {
        tried.push_back(channel.get());
    }
    policy_ = std::make_unique<delivery::ChannelPolicy>(tried, settings_.delivery);
    otp_ = std::make_unique<OtpService>(settings_.otp, pepper_, *backends_.codes, *limiter_, *policy_,
                                        *backends_.deliveryStatuses, *sessions_, *backends_.audit, *metrics_, clock_);

    api::registerOtpRoutes(router, *otp_);
    api::registerTokenRoutes(router, *sessions_, *tokens_);
    api::registerSessionRoutes(router, *sessions_);
    api::registerMeRoutes(router, *sessions_, *profiles_);
    api::registerDeliveryRoutes(router, *backends_.deliveryStatuses);
    api::registerDeliveryCallbackRoutes(router, settings_, *deliveryContext_);
    if (channels_.telegram) {
        channels_.telegram->registerRoutes(router);
    }
    if (channels_.outbox != nullptr) {
        api::registerMockRoutes(router, *channels_.outbox);
    }
}

void Application::start() {
    if (dispatcher_) {
        dispatcher_->start();
    }
    if (channels_.telegram) {
        channels_.telegram->start();
    }
}

void Application::stop() {
    if (channels_.telegram) {
        channels_.telegram->stop();
    }
    if (dispatcher_) {
        dispatcher_->stop();
    }
}

std::vector<std::pair<std::string, std::function<bool()>>> Application::readinessChecks() {
    return backends_.readiness;
}

}  // namespace sesame::server::app
