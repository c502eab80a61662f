#pragma once
// The request and response bodies of the wire contract v1 (API.md), as plain
// values. JSON members are snake_case, C++ members camelCase; the mapping and
// every validation rule live in json.h / messages_json.cpp.
//
// Conventions for every type here:
// - A member API.md marks optional (`"region"?`, `link_url`, the list-only
//   `last_seen_at`/`current`) is a std::optional that is omitted when empty;
//   JSON `null` is refused for it.
// - A response member API.md always lists but that may have no value yet
//   (user.name, shop.name, a session's device) is a std::optional that is
//   always present on the wire: `null` when empty. Leaving it out is an error.
// - Times are integer seconds (`*In`) or RFC 3339 UTC strings
//   (`YYYY-MM-DDTHH:MM:SS[.fraction]Z`, kept as text, validated on parse).
// - Phones in requests are raw user input (at most 64 characters, normalised by
//   the server); phones in responses are E.164 (`+77001234567`).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sesame::contract {

// The channel a client asks for in POST /v1/otp.
enum class Channel { Auto, Telegram, Sms };

// Where the code actually went, as answered by POST /v1/otp and listed in the
// mock outbox. It tells the user where to look, not which provider carried it:
// the Telegram bot and Telegram Gateway are both `telegram`, Twilio and MSG91
// both `sms`, and mock mode answers what it would have sent (the outbox is a
// delivery backend, not a channel). `telegram_link` means the user must first
// open `link_url` to link the bot; the code follows in Telegram.
enum class DeliveryChannel { Telegram, TelegramLink, Sms };

// Which sessions POST /v1/logout ends: this one, every other one, or all.
enum class LogoutScope { Local, Others, Global };

// The wire strings ("auto", "telegram_link", "others", ...).
std::string_view wireName(Channel channel);
std::string_view wireName(DeliveryChannel channel);
std::string_view wireName(LogoutScope scope);

// ---- nested objects ----

// The client device of a session; `name` is free text, `platform` e.g. "android".
struct Device {
    std::string name;      // 1..100 characters
    std::string platform;  // 1..32 characters
    bool operator==(const Device&) const = default;
};

struct User {
    std::string id;
    std::string phone;                // E.164
    std::optional<std::string> name;  // null until registration is completed
    std::string createdAt;            // RFC 3339 UTC
    bool operator==(const User&) const = default;
};

// The user's shop (the tenant), created with the user on first login.
struct Shop {
    std::string id;
    std::optional<std::string> name;  // null until the owner names it
    std::string language;             // BCP 47 tag, e.g. "ru" or "kk-KZ"
    std::string currency;             // ISO 4217, e.g. "KZT"
    std::string plan;                 // e.g. "free"; an identifier, not a closed set
    bool operator==(const Shop&) const = default;
};

// A session as GET /v1/me (`session`) and GET /v1/sessions (entries) show it.
// GET /v1/me omits lastSeenAt and current; the session list requires them.
struct SessionInfo {
    std::string id;
    std::optional<Device> device;  // null when the client sent none at verify
    std::string createdAt;
    std::optional<std::string> lastSeenAt;
    std::optional<bool> current;
    bool operator==(const SessionInfo&) const = default;
};

// Acceptance of the terms (PATCH /v1/me).
struct Consent {
    std::string termsVersion;  // an identifier such as "2024-06-01"
    bool marketing = false;
    bool operator==(const Consent&) const = default;
};

// The `shop` of PATCH /v1/me: only the members present change.
struct ShopPatch {
    std::optional<std::string> name;
    std::optional<std::string> language;
    std::optional<std::string> currency;
    bool operator==(const ShopPatch&) const = default;
};

// One delivered message in mock mode.
struct OutboxMessage {
    std::string phone;  // E.164
    DeliveryChannel channel = DeliveryChannel::Sms;
    std::string text;   // up to 4096 characters, may span lines
    std::string code;
    std::string sentAt;
    bool operator==(const OutboxMessage&) const = default;
};

// A public key of the access-token signer. Only Ed25519 keys exist in v1, so
// the fixed members are constants: parsing rejects any other value.
struct Jwk {
    static constexpr std::string_view kKty = "OKP";
    static constexpr std::string_view kCrv = "Ed25519";
    static constexpr std::string_view kAlg = "EdDSA";
    static constexpr std::string_view kUse = "sig";
    std::string x;    // the 32-byte public key, base64url without padding (43 chars)
    std::string kid;
    bool operator==(const Jwk&) const = default;
};

// ---- requests ----

// POST /v1/otp
struct OtpRequest {
    std::string phone;                   // raw input, 1..64 characters
    std::optional<std::string> region;   // ISO 3166-1 alpha-2 hint, e.g. "KZ"
    std::optional<Channel> channel;      // absent means Auto
    std::optional<std::string> locale;   // BCP 47 tag for the message text
    bool operator==(const OtpRequest&) const = default;
};

// POST /v1/otp/verify
struct VerifyRequest {
    std::string phone;
    std::optional<std::string> region;
    std::string code;                        // 1..16 ASCII digits
    std::optional<std::string> requestId;
    std::optional<Device> device;
    bool operator==(const VerifyRequest&) const = default;
};

// POST /v1/token/refresh
struct RefreshRequest {
    std::string refreshToken;
    bool operator==(const RefreshRequest&) const = default;
};

// POST /v1/logout; an absent scope means Local.
struct LogoutRequest {
    std::optional<LogoutScope> scope;
    bool operator==(const LogoutRequest&) const = default;
};

// PATCH /v1/me: completes registration or edits the profile.
struct ProfilePatch {
    std::optional<std::string> name;
    std::optional<ShopPatch> shop;
    std::optional<Consent> consent;
    bool operator==(const ProfilePatch&) const = default;
};

// ---- responses ----

// 202 of POST /v1/otp. linkUrl is present (and required) when channel is
// TelegramLink: an https://t.me/<bot>?start=<nonce> deep link.
struct OtpResponse {
    std::string requestId;
    std::string phone;  // E.164
    DeliveryChannel channel = DeliveryChannel::Sms;
    int expiresIn = 0;
    int resendIn = 0;
    int codeLength = 0;  // 1..16
    std::optional<std::string> linkUrl;
    bool operator==(const OtpResponse&) const = default;
};

// The session object answered by verify and refresh. `token_type` is always
// "Bearer" on the wire, so it is a constant rather than a member.
struct Session {
    static constexpr std::string_view kTokenType = "Bearer";
    std::string accessToken;
    int expiresIn = 0;
    std::string refreshToken;
    int refreshExpiresIn = 0;
    std::string sessionId;
    bool isNewUser = false;
    User user;
    Shop shop;
    bool operator==(const Session&) const = default;
};

// GET /v1/me and PATCH /v1/me
struct MeResponse {
    User user;
    Shop shop;
    SessionInfo session;
    bool operator==(const MeResponse&) const = default;
};

// GET /v1/sessions
struct SessionList {
    std::vector<SessionInfo> sessions;
    bool operator==(const SessionList&) const = default;
};

// GET /mock/outbox, newest last.
struct Outbox {
    std::vector<OutboxMessage> messages;
    bool operator==(const Outbox&) const = default;
};

// GET /.well-known/jwks.json
struct Jwks {
    std::vector<Jwk> keys;
    bool operator==(const Jwks&) const = default;
};

}  // namespace sesame::contract
