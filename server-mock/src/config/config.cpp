#include "config/config.h"

#include "http/client_ip.h"
#include "telemetry/log.h"

#include <sesame/contract/phone.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

extern char** environ;

namespace sesame::server {
namespace {

using contract::unexpected;

// An error message without the option's name, or nullopt when the value was taken.
using Outcome = std::optional<std::string>;

struct Option {
    std::string flag;         // "code-length" for --code-length
    std::string placeholder;  // "N" in "--code-length N"
    std::string help;
    std::function<std::string(const Settings&)> show;  // the value as text, for the default column
    std::function<Outcome(Settings&, std::string_view)> apply;

    // SESAME_CODE_LENGTH for code-length.
    std::string environmentName() const {
        std::string name = "SESAME_";
        for (const char c : flag) {
            name.push_back(c == '-' ? '_' : static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
        }
        return name;
    }
};

// Values can be huge or hold control characters; quote a bounded, printable prefix.
std::string quoted(std::string_view value) {
    std::string out = "\"";
    for (const char c : value.substr(0, 64)) {
        out.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
    }
    return out + (value.size() > 64 ? "...\"" : "\"");
}

std::optional<long long> parseInteger(std::string_view text) {
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::vector<std::string_view> splitList(std::string_view text) {
    std::vector<std::string_view> items;
    while (!text.empty()) {
        const std::size_t comma = std::min(text.find(','), text.size());
        const std::string_view item = text.substr(0, comma);
        const std::size_t begin = item.find_first_not_of(' ');
        if (begin != std::string_view::npos) {
            items.push_back(item.substr(begin, item.find_last_not_of(' ') - begin + 1));
        }
        text.remove_prefix(std::min(comma + 1, text.size()));
    }
    return items;
}

bool hasControl(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

// An integer field (int, size_t, uint16_t, ...) within [low, high]. `field`
// is a generic lambda returning the member of a (const or not) Settings.
template <class Field>
Option integer(std::string flag, std::string placeholder, std::string help, Field field, long long low,
               long long high) {
    return {std::move(flag), std::move(placeholder), std::move(help),
            [field](const Settings& s) { return std::to_string(field(s)); },
            [field, low, high](Settings& s, std::string_view text) -> Outcome {
                const auto value = parseInteger(text);
                if (!value || *value < low || *value > high) {
                    return "must be an integer from " + std::to_string(low) + " to " + std::to_string(high) +
                           ", got " + quoted(text);
                }
                field(s) = static_cast<std::remove_reference_t<decltype(field(s))>>(*value);
                return std::nullopt;
            }};
}

// A duration in whole `unit`s (std::chrono::seconds, milliseconds) within [low, high].
template <class Unit, class Field>
Option duration(std::string flag, std::string placeholder, std::string unitName, std::string help, Field field,
                long long low, long long high) {
    return {std::move(flag), std::move(placeholder), std::move(help),
            [field](const Settings& s) { return std::to_string(Unit(field(s)).count()); },
            [field, unitName, low, high](Settings& s, std::string_view text) -> Outcome {
                const auto value = parseInteger(text);
                if (!value || *value < low || *value > high) {
                    return "must be whole " + unitName + " from " + std::to_string(low) + " to " +
                           std::to_string(high) + ", got " + quoted(text);
                }
                field(s) = Unit(*value);
                return std::nullopt;
            }};
}

template <class Field>
Option seconds(std::string flag, std::string help, Field field, long long low, long long high) {
    return duration<std::chrono::seconds>(std::move(flag), "SECONDS", "seconds", std::move(help), field, low, high);
}

// A non-empty single-line string.
template <class Field>
Option text(std::string flag, std::string placeholder, std::string help, Field field) {
    return {std::move(flag), std::move(placeholder), std::move(help), [field](const Settings& s) { return field(s); },
            [field](Settings& s, std::string_view value) -> Outcome {
                if (value.empty() || hasControl(value)) {
                    return std::string("must be a non-empty single-line value");
                }
                field(s) = std::string(value);
                return std::nullopt;
            }};
}

// An upstream's pace: whole messages per second, 1 to 1000, kept as a double.
template <class Field>
Option rate(std::string flag, std::string help, Field field) {
    return {std::move(flag), "N", std::move(help), [field](const Settings& s) { return std::to_string(std::lround(field(s))); },
            [field](Settings& s, std::string_view value) -> Outcome {
                const auto perSecond = parseInteger(value);
                if (!perSecond || *perSecond < 1 || *perSecond > 1000) {
                    return "must be an integer from 1 to 1000, got " + quoted(value);
                }
                field(s) = static_cast<double>(*perSecond);
                return std::nullopt;
            }};
}

// A secret (token, password): a non-empty single-line value never shown in
// --help or in an error message.
template <class Field>
Option secret(std::string flag, std::string help, Field field) {
    Option option = text(std::move(flag), "SECRET", std::move(help), field);
    option.show = [](const Settings&) { return std::string(); };
    return option;
}

// An absolute http:// or https:// URL (upstream base URLs, public callback URLs).
template <class Field>
Option url(std::string flag, std::string help, Field field) {
    return {std::move(flag), "URL", std::move(help), [field](const Settings& s) { return field(s); },
            [field](Settings& s, std::string_view value) -> Outcome {
                const bool scheme = value.starts_with("http://") || value.starts_with("https://");
                if (!scheme || value.size() > 2048 || hasControl(value) || value.find(' ') != std::string_view::npos) {
                    return "must be an http:// or https:// URL, got " + quoted(value);
                }
                field(s) = std::string(value);
                return std::nullopt;
            }};
}

std::string modeName(Mode mode) { return mode == Mode::Full ? "full" : "mock"; }

Outcome applyListen(Settings& s, std::string_view value) {
    const std::size_t colon = value.rfind(':');
    if (colon == std::string_view::npos) {
        return "must be HOST:PORT, got " + quoted(value);
    }
    std::string_view host = value.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    const std::string address = host == "localhost" ? "127.0.0.1" : http::canonicalAddress(host);
    const auto port = parseInteger(value.substr(colon + 1));
    if (address.empty() || !port || *port < 0 || *port > 65535) {
        return "must be HOST:PORT with an IP address (or localhost) and a port from 0 to 65535, got " + quoted(value);
    }
    s.http.host = address;
    s.http.port = static_cast<std::uint16_t>(*port);
    return std::nullopt;
}

std::string showListen(const Settings& s) {
    const bool v6 = s.http.host.find(':') != std::string::npos;
    return (v6 ? "[" + s.http.host + "]" : s.http.host) + ":" + std::to_string(s.http.port);
}

Outcome applyMode(Settings& s, std::string_view value) {
    if (value != "mock" && value != "full") {
        return "must be mock or full, got " + quoted(value);
    }
    s.mode = value == "full" ? Mode::Full : Mode::Mock;
    return std::nullopt;
}

// "+77000000001=123456,+77000000002=654321": phones normalised to E.164.
// Errors name the entry by position only: these may be real numbers.
Outcome applyTestNumbers(Settings& s, std::string_view value) {
    std::map<std::string, std::string> numbers;
    int position = 0;
    for (const std::string_view entry : splitList(value)) {
        ++position;
        const std::size_t eq = entry.find('=');
        const auto phone = contract::normalizePhone(entry.substr(0, std::min(eq, entry.size())), "");
        const std::string_view code = eq == std::string_view::npos ? std::string_view{} : entry.substr(eq + 1);
        const bool digits = !code.empty() && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!phone || !digits) {
            return "entry " + std::to_string(position) + " must be +E164PHONE=DIGITS with a valid mobile number";
        }
        numbers[phone.value()] = std::string(code);
    }
    s.otp.testNumbers = std::move(numbers);
    return std::nullopt;
}

std::string showTestNumbers(const Settings& s) {
    std::string out;
    for (const auto& [phone, code] : s.otp.testNumbers) {
        out += (out.empty() ? "" : ",") + phone + "=" + code;
    }
    return out;
}

std::optional<std::string> readFile(std::string_view path) {
    std::ifstream file{std::string(path), std::ios::binary};
    if (!file) {
        return std::nullopt;
    }
    return std::string(std::istreambuf_iterator<char>(file), {});
}

Outcome applySigningKey(Settings& s, std::string_view path) {
    if (path.empty() || !readFile(path)) {
        return "cannot read the key file " + quoted(path);
    }
    s.tokens.signingKeyFile = std::string(path);
    return std::nullopt;
}

constexpr std::size_t kMinPepperBytes = 16;

// Never quotes the value: it is a secret.
Outcome applyPepper(Settings& s, std::string_view pepper) {
    if (pepper.size() < kMinPepperBytes) {
        return "must be at least " + std::to_string(kMinPepperBytes) + " bytes";
    }
    s.tokens.pepper = std::string(pepper);
    return std::nullopt;
}

Outcome applyPepperFile(Settings& s, std::string_view path) {
    auto content = readFile(path);
    if (!content) {
        return "cannot read the pepper file " + quoted(path);
    }
    while (!content->empty() && (content->back() == '\n' || content->back() == '\r')) {
        content->pop_back();
    }
    return applyPepper(s, *content);
}

Outcome applyTrustedProxies(Settings& s, std::string_view value) {
    std::vector<std::string> entries;
    for (const std::string_view item : splitList(value)) {
        entries.emplace_back(item);
    }
    if (auto parsed = http::TrustedProxies::parse(entries); !parsed) {
        return parsed.error();
    }
    s.http.trustedProxies = std::move(entries);
    return std::nullopt;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ",") + item;
    }
    return out;
}

Outcome applyLettersCode(std::string& field, std::string_view value, std::size_t minLength, std::size_t maxLength,
                         char first, char last) {
    const bool letters = std::all_of(value.begin(), value.end(), [&](char c) { return c >= first && c <= last; });
    if (value.size() < minLength || value.size() > maxLength || !letters) {
        return "must be " + std::to_string(minLength) + (minLength == maxLength ? "" : "-" + std::to_string(maxLength)) +
               " letters " + first + ".." + last + ", got " + quoted(value);
    }
    field = std::string(value);
    return std::nullopt;
}

Outcome applyLogLevel(Settings& s, std::string_view value) {
    if (!telemetry::parseLogLevel(value)) {
        return "must be debug, info, warn or error, got " + quoted(value);
    }
    s.logLevel = std::string(value);
    return std::nullopt;
}

// Telegram's secret_token: 1-256 characters of A-Z, a-z, 0-9, _ and -. Never quoted: a secret.
Outcome applyTelegramWebhookSecret(Settings& s, std::string_view value) {
    const bool allowed = std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
    if (value.empty() || value.size() > 256 || !allowed) {
        return std::string("must be 1-256 characters of A-Z, a-z, 0-9, _ and -");
    }
    s.delivery.telegramBot.webhookSecret = std::string(value);
    return std::nullopt;
}

Outcome applyTelegramPolling(Settings& s, std::string_view value) {
    if (value != "true" && value != "false") {
        return "must be true or false, got " + quoted(value);
    }
    s.delivery.telegramBot.polling = value == "true";
    return std::nullopt;
}

constexpr std::array<std::string_view, 4> kUpstreamChannels{"telegram_bot", "telegram_gateway", "twilio", "msg91"};

Outcome checkChannelName(std::string_view name) {
    if (std::find(kUpstreamChannels.begin(), kUpstreamChannels.end(), name) == kUpstreamChannels.end()) {
        return "names an unknown channel " + quoted(name) + " (telegram_bot, telegram_gateway, twilio, msg91)";
    }
    return std::nullopt;
}

Outcome applyDeliveryOrder(Settings& s, std::string_view value) {
    std::vector<std::string> order;
    for (const std::string_view name : splitList(value)) {
        if (auto bad = checkChannelName(name)) {
            return bad;
        }
        if (std::find(order.begin(), order.end(), name) != order.end()) {
            return "names " + quoted(name) + " twice";
        }
        order.emplace_back(name);
    }
    if (order.empty()) {
        return std::string("must name at least one channel");
    }
    s.delivery.order = std::move(order);
    return std::nullopt;
}

// "twilio=KZ,RU;msg91=IN": each channel with the regions it may serve.
Outcome applyDeliveryRegions(Settings& s, std::string_view value) {
    std::map<std::string, std::vector<std::string>> regions;
    while (!value.empty()) {
        const std::size_t semicolon = std::min(value.find(';'), value.size());
        const std::string_view entry = value.substr(0, semicolon);
        value.remove_prefix(std::min(semicolon + 1, value.size()));
        const std::size_t equals = entry.find('=');
        if (equals == std::string_view::npos) {
            return "must be CHANNEL=CC,CC;..., got " + quoted(entry);
        }
        const auto names = splitList(entry.substr(0, equals));
        if (names.size() != 1) {
            return "must be CHANNEL=CC,CC;..., got " + quoted(entry);
        }
        if (auto bad = checkChannelName(names.front())) {
            return bad;
        }
        auto& allowed = regions[std::string(names.front())];
        for (const std::string_view region : splitList(entry.substr(equals + 1))) {
            const std::string known = contract::canonicalRegion(region);
            if (known.empty()) {
                return "names an unknown region " + quoted(region);
            }
            allowed.push_back(known);
        }
        if (allowed.empty()) {
            return "gives " + quoted(names.front()) + " no region";
        }
    }
    s.delivery.regions = std::move(regions);
    return std::nullopt;
}

std::string showDeliveryRegions(const Settings& s) {
    std::string out;
    for (const auto& [channel, regions] : s.delivery.regions) {
        out += (out.empty() ? "" : ";") + channel + "=" + join(regions);
    }
    return out;
}

Outcome applyLogRevealCode(Settings& s, std::string_view value) {
    if (value != "true" && value != "false") {
        return "must be true or false, got " + quoted(value);
    }
    s.delivery.logRevealCode = value == "true";
    return std::nullopt;
}

constexpr long long kTenYears = 10LL * 365 * 24 * 3600;
constexpr long long kManyRequests = 1'000'000'000;

const std::vector<Option>& options() {
    static const std::vector<Option> table{
        {"listen", "HOST:PORT", "Address to listen on; port 0 picks a free port (the start log names it).",
         showListen, applyListen},
        {"mode", "mock|full",
         "mock: in-memory stores, outbox delivery, no services needed. full: Redis and PostgreSQL.",
         [](const Settings& s) { return modeName(s.mode); }, applyMode},
        text("redis-url", "URL", "Redis (full mode).", [](auto& s) -> auto& { return s.redisUrl; }),
        text("postgres-url", "URL", "PostgreSQL (full mode, migrate).", [](auto& s) -> auto& { return s.postgresUrl; }),
        integer("postgres-pool", "N", "PostgreSQL connections in the pool.",
                [](auto& s) -> auto& { return s.postgresPoolSize; }, 1, 256),
        integer("threads", "N", "I/O threads; handlers run on them and block on Redis/PostgreSQL.",
                [](auto& s) -> auto& { return s.http.threads; }, 1, 64),
        integer("code-length", "N", "Digits per one-time code.", [](auto& s) -> auto& { return s.otp.codeLength; }, 4,
                10),
        seconds("code-ttl", "Lifetime of a code (0: expired at once).",
                [](auto& s) -> auto& { return s.otp.codeLifetime; }, 0, kTenYears),
        integer("max-attempts", "N", "Wrong entries before a code is dead.",
                [](auto& s) -> auto& { return s.otp.maxAttempts; }, 1, 100),
        seconds("resend-cooldown", "Wait before the same phone may ask again.",
                [](auto& s) -> auto& { return s.otp.resendCooldown; }, 0, kTenYears),
        integer("per-phone-per-hour", "N", "Codes per phone per rate window.",
                [](auto& s) -> auto& { return s.otp.perPhonePerHour; }, 1, kManyRequests),
        integer("per-ip-per-hour", "N", "Codes per client IP per rate window.",
                [](auto& s) -> auto& { return s.otp.perIpPerHour; }, 1, kManyRequests),
        seconds("rate-window", "The window of the two limits above.",
                [](auto& s) -> auto& { return s.otp.rateWindow; }, 1, kTenYears),
        {"test-numbers", "PHONE=CODE,...", "Phones whose code is fixed and never delivered.", showTestNumbers,
         applyTestNumbers},
        seconds("access-ttl", "Access token lifetime.", [](auto& s) -> auto& { return s.tokens.accessLifetime; }, 0,
                kTenYears),
        seconds("refresh-ttl", "Refresh token lifetime (sliding).",
                [](auto& s) -> auto& { return s.tokens.refreshLifetime; }, 0, kTenYears),
        seconds("reuse-grace", "An old refresh token presented within this returns the same new pair.",
                [](auto& s) -> auto& { return s.tokens.reuseGrace; }, 0, kTenYears),
        seconds("leeway", "Clock skew tolerated when verifying access tokens.",
                [](auto& s) -> auto& { return s.tokens.leeway; }, 0, 60),
        text("issuer", "TEXT", "Access token `iss`.", [](auto& s) -> auto& { return s.tokens.issuer; }),
        text("audience", "TEXT", "Access token `aud`.", [](auto& s) -> auto& { return s.tokens.audience; }),
        {"signing-key", "FILE", "PEM Ed25519 private key. Mock mode makes one per start if unset; full mode needs it.",
         [](const Settings& s) { return s.tokens.signingKeyFile; }, applySigningKey},
        {"pepper", "SECRET",
         "HMAC key (>= 16 bytes) for codes and refresh tokens; prefer --pepper-file. Mock mode makes one per start if "
         "unset; full mode needs it.",
         [](const Settings&) { return std::string(); }, applyPepper},
        {"pepper-file", "FILE", "Reads the pepper from FILE (trailing newline dropped).",
         [](const Settings&) { return std::string(); }, applyPepperFile},
        {"trusted-proxies", "ADDR,...",
         "Proxy addresses or CIDR ranges whose X-Forwarded-For names the client.",
         [](const Settings& s) { return join(s.http.trustedProxies); }, applyTrustedProxies},
        integer("max-body", "BYTES", "Largest request body (413 above).",
                [](auto& s) -> auto& { return s.http.maxBodyBytes; }, 1, 16 * 1024 * 1024),
        integer("max-header", "BYTES", "Largest request line plus headers (431 above).",
                [](auto& s) -> auto& { return s.http.maxHeaderBytes; }, 1024, 1024 * 1024),
        seconds("read-timeout", "A request's headers and body must arrive within this (408 after).",
                [](auto& s) -> auto& { return s.http.readTimeout; }, 1, 3600),
        seconds("idle-timeout", "A keep-alive connection without a new request is closed after this.",
                [](auto& s) -> auto& { return s.http.idleTimeout; }, 1, 86400),
        seconds("shutdown-grace", "On SIGTERM/SIGINT, in-flight requests get this long to finish.",
                [](auto& s) -> auto& { return s.http.shutdownGrace; }, 0, 3600),
        integer("max-connections", "N", "Open connections; one more is answered 503 and closed.",
                [](auto& s) -> auto& { return s.http.maxConnections; }, 1, 1'000'000),
        {"default-currency", "CODE", "ISO 4217 currency of a new shop.",
         [](const Settings& s) { return s.defaultShopCurrency; },
         [](Settings& s, std::string_view v) { return applyLettersCode(s.defaultShopCurrency, v, 3, 3, 'A', 'Z'); }},
        {"default-language", "CODE", "ISO 639 language of a new shop.",
         [](const Settings& s) { return s.defaultShopLanguage; },
         [](Settings& s, std::string_view v) { return applyLettersCode(s.defaultShopLanguage, v, 2, 3, 'a', 'z'); }},
        // The Telegram bot (delivery/telegram).
        secret("telegram-bot-token", "Telegram bot token from @BotFather; enables the telegram_bot channel.",
               [](auto& s) -> auto& { return s.delivery.telegramBot.token; }),
        text("telegram-bot-username", "NAME", "The bot's @username for t.me links (asked with getMe when unset).",
             [](auto& s) -> auto& { return s.delivery.telegramBot.username; }),
        url("telegram-api-url", "Telegram Bot API base URL (tests: a fake).",
            [](auto& s) -> auto& { return s.delivery.telegramBot.apiUrl; }),
        {"telegram-webhook-secret", "SECRET",
         "X-Telegram-Bot-Api-Secret-Token that POST /v1/telegram/webhook requires (1-256 of A-Z a-z 0-9 _ -).",
         [](const Settings&) { return std::string(); }, applyTelegramWebhookSecret},
        url("telegram-webhook-url", "Public URL of POST /v1/telegram/webhook, registered with setWebhook at start.",
            [](auto& s) -> auto& { return s.delivery.telegramBot.webhookUrl; }),
        {"telegram-polling", "true|false", "Receive updates by getUpdates long polling instead of a webhook.",
         [](const Settings& s) { return std::string(s.delivery.telegramBot.polling ? "true" : "false"); },
         applyTelegramPolling},
        rate("telegram-rate", "Messages per second for the whole bot (Telegram allows about 30).",
             [](auto& s) -> auto& { return s.delivery.telegramBot.perSecond; }),
        duration<std::chrono::milliseconds>(
            "telegram-chat-interval", "MS", "milliseconds",
            "Least time between two messages to one chat (Telegram allows about one a second).",
            [](auto& s) -> auto& { return s.delivery.telegramBot.perChatInterval; }, 0, 60'000),
        // Telegram Gateway, Twilio and MSG91 (delivery/telegram_gateway, delivery/sms).
        secret("telegram-gateway-token", "Telegram Gateway API token (gateway.telegram.org); enables the "
               "telegram_gateway channel.", [](auto& s) -> auto& { return s.delivery.telegramGateway.token; }),
        url("telegram-gateway-api-url", "Telegram Gateway API base URL (tests: a fake).",
            [](auto& s) -> auto& { return s.delivery.telegramGateway.apiUrl; }),
        url("telegram-gateway-callback-url",
            "Public URL of POST /v1/delivery/telegram-gateway, sent as callback_url for delivery reports (<= 256 bytes).",
            [](auto& s) -> auto& { return s.delivery.telegramGateway.callbackUrl; }),
        rate("telegram-gateway-rate", "Gateway requests per second.",
             [](auto& s) -> auto& { return s.delivery.telegramGateway.perSecond; }),
        text("twilio-account-sid", "SID", "Twilio Account SID (AC...); enables the twilio channel.",
             [](auto& s) -> auto& { return s.delivery.twilio.accountSid; }),
        secret("twilio-auth-token", "Twilio Auth Token: API password and the key of X-Twilio-Signature.",
               [](auto& s) -> auto& { return s.delivery.twilio.authToken; }),
        text("twilio-from", "PHONE", "Twilio sender number (E.164), unless --twilio-messaging-service-sid is set.",
             [](auto& s) -> auto& { return s.delivery.twilio.from; }),
        text("twilio-messaging-service-sid", "SID", "Twilio Messaging Service (MG...) used instead of --twilio-from.",
             [](auto& s) -> auto& { return s.delivery.twilio.messagingServiceSid; }),
        url("twilio-api-url", "Twilio REST API base URL (tests: a fake).",
            [](auto& s) -> auto& { return s.delivery.twilio.apiUrl; }),
        url("twilio-status-callback-url",
            "Public URL of POST /v1/delivery/twilio/status exactly as Twilio calls it (it is what Twilio signs).",
            [](auto& s) -> auto& { return s.delivery.twilio.statusCallbackUrl; }),
        rate("twilio-rate", "Twilio messages per second (your number's or service's throughput).",
             [](auto& s) -> auto& { return s.delivery.twilio.perSecond; }),
        secret("msg91-authkey", "MSG91 authkey; enables the msg91 channel.",
               [](auto& s) -> auto& { return s.delivery.msg91.authkey; }),
        text("msg91-template-id", "ID", "MSG91 OTP template (DLT-approved) that carries the code.",
             [](auto& s) -> auto& { return s.delivery.msg91.templateId; }),
        url("msg91-api-url", "MSG91 API base URL (tests: a fake).", [](auto& s) -> auto& { return s.delivery.msg91.apiUrl; }),
        rate("msg91-rate", "MSG91 messages per second.", [](auto& s) -> auto& { return s.delivery.msg91.perSecond; }),
        // The channel policy (delivery/channel_policy.h).
        {"delivery-order", "CHANNEL,...",
         "Order in which the configured channels are tried (telegram_bot, telegram_gateway, twilio, msg91).",
         [](const Settings& s) { return join(s.delivery.order); }, applyDeliveryOrder},
        {"delivery-regions", "CHANNEL=CC,CC;...",
         "Countries a channel may serve, e.g. \"twilio=KZ,RU;msg91=IN\"; a channel not named serves all.",
         showDeliveryRegions, applyDeliveryRegions},
        {"log-reveal-code", "true|false", "The log channel (full mode without upstreams) writes codes in clear.",
         [](const Settings& s) { return std::string(s.delivery.logRevealCode ? "true" : "false"); },
         applyLogRevealCode},
        {"log-level", "debug|info|warn|error", "Least severe log line written.",
         [](const Settings& s) { return s.logLevel; }, applyLogLevel},
    };
    return table;
}

const Option* findOption(std::string_view flag) {
    const auto& table = options();
    const auto found = std::find_if(table.begin(), table.end(), [&](const Option& o) { return o.flag == flag; });
    return found == table.end() ? nullptr : &*found;
}

constexpr std::size_t kMaxGatewayCallbackUrl = 256;  // the Gateway's limit on callback_url

// An SMS or Gateway upstream is either unset or complete.
Outcome checkUpstreams(const DeliverySettings& d) {
    if (!d.twilio.accountSid.empty() && d.twilio.authToken.empty()) {
        return std::string("--twilio-account-sid needs --twilio-auth-token (SESAME_TWILIO_AUTH_TOKEN)");
    }
    if (!d.twilio.accountSid.empty() && d.twilio.from.empty() && d.twilio.messagingServiceSid.empty()) {
        return std::string("--twilio-account-sid needs --twilio-from or --twilio-messaging-service-sid");
    }
    if (!d.msg91.authkey.empty() && d.msg91.templateId.empty()) {
        return std::string("--msg91-authkey needs --msg91-template-id (SESAME_MSG91_TEMPLATE_ID)");
    }
    if (d.telegramGateway.callbackUrl.size() > kMaxGatewayCallbackUrl) {
        return std::string("--telegram-gateway-callback-url must be at most 256 bytes");
    }
    return std::nullopt;
}

// The bot takes updates by webhook (which needs its secret) or by polling, not both.
Outcome checkTelegramBot(const TelegramBotSettings& bot) {
    if (!bot.webhookUrl.empty() && bot.webhookSecret.empty()) {
        return std::string("--telegram-webhook-url needs --telegram-webhook-secret (SESAME_TELEGRAM_WEBHOOK_SECRET)");
    }
    if (!bot.webhookUrl.empty() && bot.polling) {
        return std::string("--telegram-polling true and --telegram-webhook-url exclude each other");
    }
    return std::nullopt;
}

// Rules that involve several options, checked once everything is read.
Outcome crossCheck(const Config& config) {
    const Settings& s = config.settings;
    for (const auto& [phone, code] : s.otp.testNumbers) {
        if (code.size() != static_cast<std::size_t>(s.otp.codeLength)) {
            return "test numbers: every code must have code-length (" + std::to_string(s.otp.codeLength) + ") digits";
        }
    }
    if (auto error = checkTelegramBot(s.delivery.telegramBot)) {
        return error;
    }
    if (auto error = checkUpstreams(s.delivery)) {
        return error;
    }
    if (config.command == Command::Serve && s.mode == Mode::Full) {
        if (s.tokens.pepper.empty()) {
            return std::string("full mode needs --pepper-file or --pepper (SESAME_PEPPER_FILE, SESAME_PEPPER)");
        }
        if (s.tokens.signingKeyFile.empty()) {
            return std::string("full mode needs --signing-key (SESAME_SIGNING_KEY)");
        }
    }
    return std::nullopt;
}

Outcome applyEnvironment(Settings& settings, const Environment& environment) {
    for (const Option& option : options()) {
        const auto found = environment.find(option.environmentName());
        if (found == environment.end()) {
            continue;
        }
        if (auto error = option.apply(settings, found->second)) {
            return found->first + ": " + *error;
        }
    }
    return std::nullopt;
}

// Applies the flags in order; returns the first error.
Outcome applyFlags(Config& config, const std::vector<std::string_view>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (arg.substr(0, 2) != "--") {
            return "unexpected argument " + quoted(arg) + " (see --help)";
        }
        const std::size_t eq = arg.find('=');
        const std::string_view name = arg.substr(2, eq == std::string_view::npos ? std::string_view::npos : eq - 2);
        const Option* option = findOption(name);
        if (option == nullptr) {
            return "unknown option --" + std::string(name).substr(0, 64) + " (see --help)";
        }
        std::string_view value;
        if (eq != std::string_view::npos) {
            value = arg.substr(eq + 1);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            return "--" + option->flag + " needs a value (" + option->placeholder + ")";
        }
        if (auto error = option->apply(config.settings, value)) {
            return "--" + option->flag + ": " + *error;
        }
    }
    return std::nullopt;
}

}  // namespace

Environment processEnvironment() {
    Environment environment;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        const std::size_t eq = text.find('=');
        if (text.substr(0, 7) == "SESAME_" && eq != std::string_view::npos) {
            environment.emplace(text.substr(0, eq), text.substr(eq + 1));
        }
    }
    return environment;
}

contract::Expected<Config, std::string> parseConfig(int argc, const char* const* argv, const Environment& environment) {
    std::vector<std::string_view> args(argv + std::min(argc, 1), argv + argc);
    Config config;
    if (!args.empty() && args.front().substr(0, 1) != "-") {
        if (args.front() != "serve" && args.front() != "migrate") {
            return unexpected("unknown command " + quoted(args.front()) + " (serve or migrate)");
        }
        config.command = args.front() == "migrate" ? Command::Migrate : Command::Serve;
        args.erase(args.begin());
    }
    // Help wins over everything, so a broken variable cannot hide the usage text.
    if (std::any_of(args.begin(), args.end(), [](std::string_view a) { return a == "--help" || a == "-h"; })) {
        config.helpRequested = true;
        return config;
    }
    if (auto error = applyEnvironment(config.settings, environment)) {
        return unexpected(*error);
    }
    if (auto error = applyFlags(config, args)) {
        return unexpected(*error);
    }
    if (auto error = crossCheck(config)) {
        return unexpected(*error);
    }
    return config;
}

std::string helpText() {
    std::ostringstream out;
    out << "Usage: sesame-server [serve|migrate] [options]\n\n"
           "Commands:\n"
           "  serve      run the HTTP server until SIGTERM or SIGINT (the default)\n"
           "  migrate    apply the PostgreSQL migrations and exit\n\n"
           "Options (each also read from the SESAME_* variable shown; a flag wins over\n"
           "its variable; durations are whole seconds):\n";
    const Settings defaults;
    for (const Option& option : options()) {
        const std::string value = option.show(defaults);
        out << "  --" << option.flag << ' ' << option.placeholder << "  [" << option.environmentName() << "]\n"
            << "      " << option.help << (value.empty() ? "" : " Default: " + value + ".") << '\n';
    }
    out << "  --help, -h\n      Print this text and exit.\n";
    return out.str();
}

}  // namespace sesame::server
