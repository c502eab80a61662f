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

// Telegram bot (delivery/telegram/). Enabled when `token` is set.
struct TelegramBotSettings {
    std::string token;                                  // from @BotFather
    std::string username;                               // the bot's @username, for t.me links; asked with getMe when empty
    std::string apiUrl = "https://api.telegram.org";    // tests: the fake's url
    std::string webhookSecret;                          // X-Telegram-Bot-Api-Secret-Token; required for the webhook
    std::string webhookUrl;                             // public URL of POST /v1/telegram/webhook; set with setWebhook at start
    bool polling = false;                               // getUpdates long polling instead of the webhook (development)
    double perSecond = 30;                              // messages per second for the whole bot
    std::chrono::milliseconds perChatInterval{1000};    // between two messages to one chat
};

// Telegram Gateway API (delivery/telegram_gateway/). Enabled when `token` is set.
struct TelegramGatewaySettings {
    std::string token;
    std::string apiUrl = "https://gatewayapi.telegram.org";
    std::string callbackUrl;  // public URL of our delivery-report endpoint; sent as callback_url
    double perSecond = 30;
};

// Twilio Messages API (delivery/sms/). Enabled when `accountSid` is set.
struct TwilioSettings {
    std::string accountSid;
    std::string authToken;
    std::string from;                 // sender number, or
    std::string messagingServiceSid;  // a messaging service
    std::string apiUrl = "https://api.twilio.com";
    std::string statusCallbackUrl;    // public URL of our StatusCallback endpoint (what Twilio signs)
    double perSecond = 10;
};

// MSG91 OTP API (delivery/sms/). Enabled when `authkey` is set.
struct Msg91Settings {
    std::string authkey;
    std::string templateId;
    std::string apiUrl = "https://control.msg91.com";
    double perSecond = 10;
};

struct DeliverySettings {
    // Channel names in the order they are tried; only the configured ones take part.
    std::vector<std::string> order{"telegram_bot", "telegram_gateway", "twilio", "msg91"};
    // Channel name → ISO regions it may serve ("KZ", "RU"); a channel not listed serves every region.
    std::map<std::string, std::vector<std::string>> regions;
    bool logRevealCode = false;  // the log channel writes codes in clear (a local development server only)
    TelegramBotSettings telegramBot;
    TelegramGatewaySettings telegramGateway;
    TwilioSettings twilio;
    Msg91Settings msg91;
};

struct Settings {
    Mode mode = Mode::Mock;
    HttpSettings http;
    OtpSettings otp;
    TokenSettings tokens;
    DeliverySettings delivery;
    std::string redisUrl = "redis://127.0.0.1:6379/0";
    std::string postgresUrl = "postgresql://localhost/sesame";
    int postgresPoolSize = 8;
    std::string defaultShopCurrency = "KZT";
    std::string defaultShopLanguage = "ru";
    std::string logLevel = "info";
};

}  // namespace sesame::server
