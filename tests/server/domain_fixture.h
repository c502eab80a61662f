#pragma once
// The domain services of sesame-server wired on memory stores, a FakeClock
// and the outbox channel, as mock mode wires them, for unit tests.

#include "crypto/ed25519_key.h"
#include "crypto/jwt.h"
#include "delivery/channel_policy.h"
#include "delivery/memory_delivery_status_store.h"
#include "delivery/outbox_channel.h"
#include "services/auth_metrics.h"
#include "services/clock.h"
#include "services/otp_service.h"
#include "services/profile_service.h"
#include "services/rate_limiter.h"
#include "services/session_service.h"
#include "services/token_service.h"
#include "store/memory/memory_account_store.h"
#include "store/memory/memory_audit_log.h"
#include "store/memory/memory_otp_store.h"
#include "store/memory/memory_rate_limit_store.h"
#include "telemetry/metrics.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sesame::server::testing {

inline constexpr const char* kPepper = "unit-test-pepper-0123456789";
inline constexpr const char* kPhone = "+77001234567";
inline constexpr const char* kOtherPhone = "+77007654321";

// An AccountStore that forwards to another until told it is down; then every
// call answers StoreErrorKind::Unavailable (PostgreSQL stopped).
class SwitchableAccountStore final : public store::AccountStore {
public:
    explicit SwitchableAccountStore(store::AccountStore& inner) : inner_(inner) {}
    bool down = false;

    store::StoreResult<store::SignInResult> signIn(const store::SignInRequest& r) override {
        return down ? store::storeUnavailable("down") : inner_.signIn(r);
    }
    store::StoreResult<store::RotateOutcome> rotateRefresh(const store::RotateRequest& r) override {
        return down ? store::storeUnavailable("down") : inner_.rotateRefresh(r);
    }
    store::StoreResult<std::optional<store::SessionRecord>> findSession(const std::string& id) override {
        return down ? store::storeUnavailable("down") : inner_.findSession(id);
    }
    store::StoreResult<std::optional<store::AccountView>> findAccount(const std::string& u,
                                                                      const std::string& s) override {
        return down ? store::storeUnavailable("down") : inner_.findAccount(u, s);
    }
    store::StoreResult<bool> updateProfile(const std::string& u, const store::ProfileUpdate& p) override {
        return down ? store::storeUnavailable("down") : inner_.updateProfile(u, p);
    }
    store::StoreResult<std::vector<store::SessionRecord>> listSessions(const std::string& u,
                                                                       store::TimePoint now) override {
        return down ? store::storeUnavailable("down") : inner_.listSessions(u, now);
    }
    store::StoreResult<bool> revokeSession(const std::string& u, const std::string& s, store::TimePoint now) override {
        return down ? store::storeUnavailable("down") : inner_.revokeSession(u, s, now);
    }
    store::StoreResult<int> revokeSessions(const std::string& u, const std::optional<std::string>& keep,
                                           store::TimePoint now) override {
        return down ? store::storeUnavailable("down") : inner_.revokeSessions(u, keep, now);
    }
    store::StoreResult<std::vector<store::ConsentRecord>> consents(const std::string& u) override {
        return down ? store::storeUnavailable("down") : inner_.consents(u);
    }

private:
    store::AccountStore& inner_;
};

// A channel that fails every delivery and counts the attempts.
class FailingChannel final : public delivery::Channel {
public:
    int attempts = 0;
    std::string_view name() const override { return "failing"; }
    bool serves(contract::Channel) const override { return true; }
    delivery::DeliveryResult send(const delivery::CodeMessage&) override {
        ++attempts;
        return delivery::DeliveryResult{delivery::SendStatus::Failed, contract::DeliveryChannel::Sms, {}, {},
                                        "upstream down"};
    }
};

inline crypto::Ed25519Key testKey() { return crypto::Ed25519Key::generate().value(); }

class DomainFixture {
public:
    // `configure` adjusts the settings before anything is built; `channels`
    // replaces the outbox (nullptr entries stand for the outbox).
    explicit DomainFixture(const std::function<void(Settings&)>& configure = {},
                           std::vector<delivery::Channel*> channels = {nullptr})
        : key(testKey()) {
        settings.otp.testNumbers = {{"+77000000001", "123456"}};
        if (configure) {
            configure(settings);
        }
        for (auto*& channel : channels) {
            channel = channel != nullptr ? channel : &outbox;
        }
        const crypto::JwtPolicy policy{settings.tokens.issuer, settings.tokens.audience, settings.tokens.leeway};
        tokens = std::make_unique<TokenService>(settings.tokens, kPepper, crypto::JwtSigner(key),
                                                crypto::JwtVerifier({key}, policy));
        authMetrics = std::make_unique<AuthMetrics>(metrics);
        limiter = std::make_unique<RateLimiter>(limits, settings.otp);
        sessions = std::make_unique<SessionService>(settings.tokens, ShopDefaults{"ru", "KZT"}, *tokens, accounts,
                                                    audit, *authMetrics, clock);
        profiles = std::make_unique<ProfileService>(accounts, clock);
        channelPolicy = std::make_unique<delivery::ChannelPolicy>(channels, settings.delivery);
        otp = std::make_unique<OtpService>(settings.otp, kPepper, codes, *limiter, *channelPolicy, statuses, *sessions,
                                           audit, *authMetrics, clock);
    }

    static ClientContext client(const std::string& ip = "203.0.113.7") { return ClientContext{ip, "req-1"}; }

    // POST /v1/otp for `phone` from `ip`.
    ServiceResult<contract::OtpResponse> request(const std::string& phone = kPhone,
                                                 const std::string& ip = "203.0.113.7") {
        contract::OtpRequest body;
        body.phone = phone;
        return otp->request(body, client(ip));
    }

    // POST /v1/otp/verify.
    ServiceResult<contract::Session> verify(const std::string& code, const std::string& phone = kPhone) {
        contract::VerifyRequest body;
        body.phone = phone;
        body.code = code;
        body.device = contract::Device{"Pixel 8", "android"};
        return otp->verify(body, client());
    }

    // The newest code in the outbox for `phone` ("" if none).
    std::string lastCode(const std::string& phone = kPhone) const {
        const auto messages = outbox.messagesFor(phone);
        return messages.empty() ? std::string() : messages.back().code;
    }

    // A complete login; the session object.
    contract::Session signIn(const std::string& phone = kPhone) {
        request(phone);
        return verify(lastCode(phone), phone).value();
    }

    // A code that is surely not `code`.
    static std::string wrongCode(const std::string& code) {
        std::string wrong = code;
        wrong[0] = wrong[0] == '0' ? '1' : '0';
        return wrong;
    }

    Settings settings;
    FakeClock clock;
    telemetry::Metrics metrics;
    store::MemoryOtpStore codes;
    store::MemoryRateLimitStore limits;
    store::MemoryAccountStore memoryAccounts;
    SwitchableAccountStore accounts{memoryAccounts};
    store::MemoryAuditLog audit;
    delivery::OutboxChannel outbox;
    delivery::MemoryDeliveryStatusStore statuses;
    crypto::Ed25519Key key;
    std::unique_ptr<TokenService> tokens;
    std::unique_ptr<AuthMetrics> authMetrics;
    std::unique_ptr<RateLimiter> limiter;
    std::unique_ptr<SessionService> sessions;
    std::unique_ptr<ProfileService> profiles;
    std::unique_ptr<delivery::ChannelPolicy> channelPolicy;
    std::unique_ptr<OtpService> otp;
};

}  // namespace sesame::server::testing
