#pragma once
// Every setting of sesame-server, with the defaults of API.md. Filled from
// flags and SESAME_* environment variables by config.h; read-only afterwards.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sesame::server {

enum class Mode { Mock, Full };

struct OtpSettings {
    int codeLength = 6;
    std::chrono::seconds codeLifetime{300};
    int maxAttempts = 3;
    std::chrono::seconds resendCooldown{60};
    int perPhonePerHour = 5;
    int perIpPerHour = 30;
    std::chrono::seconds rateWindow{3600};  // the "hour" of the two limits above
    // E.164 → fixed code; never delivered (SESAME_TEST_NUMBERS).
    std::map<std::string, std::string> testNumbers;
};

struct TokenSettings {
    std::string issuer = "sesame";
    std::string audience = "sesame-api";
    std::chrono::seconds accessLifetime{900};
    std::chrono::seconds refreshLifetime{30 * 24 * 3600};
    std::chrono::seconds reuseGrace{10};
    std::chrono::seconds leeway{60};
    std::string signingKeyFile;  // PEM Ed25519 private key; empty: ephemeral (mock) or error (full)
    std::string pepper;          // HMAC key for codes and refresh tokens; empty: random (mock) or error (full)
};

struct HttpSettings {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    int threads = 2;
    std::size_t maxBodyBytes = 16 * 1024;
    std::size_t maxHeaderBytes = 8 * 1024;
    std::chrono::seconds readTimeout{10};
    std::chrono::seconds idleTimeout{60};
    std::chrono::seconds shutdownGrace{10};  // in-flight requests get this long after SIGTERM
    int maxConnections = 10000;
    std::vector<std::string> trustedProxies;  // addresses whose X-Forwarded-For is believed
};

struct Settings {
    Mode mode = Mode::Mock;
    HttpSettings http;
    OtpSettings otp;
    TokenSettings tokens;
    std::string redisUrl = "redis://127.0.0.1:6379/0";
    std::string postgresUrl = "postgresql://localhost/sesame";
    int postgresPoolSize = 8;
    std::string defaultShopCurrency = "KZT";
    std::string defaultShopLanguage = "ru";
    std::string logLevel = "info";
};

}  // namespace sesame::server
