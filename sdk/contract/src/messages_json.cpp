#include "json_mapping.h"

#include <sesame/contract/json.h>

#include <array>
#include <utility>

namespace sesame::contract {
namespace detail {
namespace {

constexpr std::array<std::pair<Channel, std::string_view>, 3> kChannelNames{{
    {Channel::Auto, "auto"},
    {Channel::Telegram, "telegram"},
    {Channel::Sms, "sms"},
}};
constexpr std::array<std::pair<DeliveryChannel, std::string_view>, 3> kDeliveryChannelNames{{
    {DeliveryChannel::Telegram, "telegram"},
    {DeliveryChannel::TelegramLink, "telegram_link"},
    {DeliveryChannel::Sms, "sms"},
}};
constexpr std::array<std::pair<LogoutScope, std::string_view>, 3> kLogoutScopeNames{{
    {LogoutScope::Local, "local"},
    {LogoutScope::Others, "others"},
    {LogoutScope::Global, "global"},
}};

}  // namespace

template <>
struct WireEnum<Channel> : TableWireEnum<Channel, kChannelNames> {};
template <>
struct WireEnum<DeliveryChannel> : TableWireEnum<DeliveryChannel, kDeliveryChannelNames> {};
template <>
struct WireEnum<LogoutScope> : TableWireEnum<LogoutScope, kLogoutScopeNames> {};

// ---- one description per wire type; members in wire order ----

static void describe(auto& v, Is<Device> auto& m) {
    v.field("name", m.name, kName);
    v.field("platform", m.platform, kPlatform);
}

static void describe(auto& v, Is<User> auto& m) {
    v.field("id", m.id, kIdentifier);
    v.field("phone", m.phone, kE164);
    v.nullable("name", m.name, kName);
    v.field("created_at", m.createdAt, kTimestamp);
}

static void describe(auto& v, Is<Shop> auto& m) {
    v.field("id", m.id, kIdentifier);
    v.nullable("name", m.name, kName);
    v.field("language", m.language, kLanguageTag);
    v.field("currency", m.currency, kCurrency);
    v.field("plan", m.plan, kIdentifier);
}

static void describe(auto& v, Is<SessionInfo> auto& m) {
    v.field("id", m.id, kIdentifier);
    v.nullable("device", m.device);
    v.field("created_at", m.createdAt, kTimestamp);
    v.field("last_seen_at", m.lastSeenAt, kTimestamp);
    v.field("current", m.current);
}

static void describe(auto& v, Is<Consent> auto& m) {
    v.field("terms_version", m.termsVersion, kTermsVersion);
    v.field("marketing", m.marketing);
}

static void describe(auto& v, Is<ShopPatch> auto& m) {
    v.field("name", m.name, kName);
    v.field("language", m.language, kLanguageTag);
    v.field("currency", m.currency, kCurrency);
}

static void describe(auto& v, Is<OutboxMessage> auto& m) {
    v.field("phone", m.phone, kE164);
    v.field("channel", m.channel);
    v.field("text", m.text, kMessageText);
    v.field("code", m.code, kCode);
    v.field("sent_at", m.sentAt, kTimestamp);
}

static void describe(auto& v, Is<Jwk> auto& m) {
    v.constant("kty", Jwk::kKty);
    v.constant("crv", Jwk::kCrv);
    v.field("x", m.x, kEd25519Key);
    v.field("kid", m.kid, kIdentifier);
    v.constant("alg", Jwk::kAlg);
    v.constant("use", Jwk::kUse);
}

static void describe(auto& v, Is<OtpRequest> auto& m) {
    v.field("phone", m.phone, kRawPhone);
    v.field("region", m.region, kRegion);
    v.field("channel", m.channel);
    v.field("locale", m.locale, kLanguageTag);
}

static void describe(auto& v, Is<VerifyRequest> auto& m) {
    v.field("phone", m.phone, kRawPhone);
    v.field("region", m.region, kRegion);
    v.field("code", m.code, kCode);
    v.field("request_id", m.requestId, kIdentifier);
    v.field("device", m.device);
}

static void describe(auto& v, Is<RefreshRequest> auto& m) { v.field("refresh_token", m.refreshToken, kRefreshToken); }

static void describe(auto& v, Is<LogoutRequest> auto& m) { v.field("scope", m.scope); }

static void describe(auto& v, Is<ProfilePatch> auto& m) {
    v.field("name", m.name, kName);
    v.field("shop", m.shop);
    v.field("consent", m.consent);
}

static void describe(auto& v, Is<OtpResponse> auto& m) {
    v.field("request_id", m.requestId, kIdentifier);
    v.field("phone", m.phone, kE164);
    v.field("channel", m.channel);
    v.field("expires_in", m.expiresIn, kSeconds);
    v.field("resend_in", m.resendIn, kSeconds);
    v.field("code_length", m.codeLength, kCodeLength);
    v.field("link_url", m.linkUrl, kHttpsUrl);
    v.expect(m.channel != DeliveryChannel::TelegramLink || m.linkUrl.has_value(), "link_url",
             "is required when channel is telegram_link");
}

static void describe(auto& v, Is<Session> auto& m) {
    v.field("access_token", m.accessToken, kToken);
    v.constant("token_type", Session::kTokenType);
    v.field("expires_in", m.expiresIn, kSeconds);
    v.field("refresh_token", m.refreshToken, kRefreshToken);
    v.field("refresh_expires_in", m.refreshExpiresIn, kSeconds);
    v.field("session_id", m.sessionId, kIdentifier);
    v.field("is_new_user", m.isNewUser);
    v.field("user", m.user);
    v.field("shop", m.shop);
}

static void describe(auto& v, Is<MeResponse> auto& m) {
    v.field("user", m.user);
    v.field("shop", m.shop);
    v.field("session", m.session);
}

static void describe(auto& v, Is<SessionList> auto& m) {
    v.field("sessions", m.sessions);
    // Optional in GET /v1/me's `session`, always present in the list.
    for (std::size_t i = 0; i < m.sessions.size(); ++i) {
        const std::string entry = elementPath("sessions", i);
        v.expect(m.sessions[i].lastSeenAt.has_value(), memberPath(entry, "last_seen_at"), "is required");
        v.expect(m.sessions[i].current.has_value(), memberPath(entry, "current"), "is required");
    }
}

static void describe(auto& v, Is<Outbox> auto& m) { v.field("messages", m.messages); }

static void describe(auto& v, Is<Jwks> auto& m) { v.field("keys", m.keys); }

}  // namespace detail

std::string_view wireName(Channel channel) { return detail::WireEnum<Channel>::toWire(channel); }
std::string_view wireName(DeliveryChannel channel) { return detail::WireEnum<DeliveryChannel>::toWire(channel); }
std::string_view wireName(LogoutScope scope) { return detail::WireEnum<LogoutScope>::toWire(scope); }

#define SESAME_CONTRACT_JSON_MAPPING(Type)                                                                \
    template <>                                                                                           \
    Expected<Type, FieldError> parse<Type>(const nlohmann::json& document) {                              \
        return detail::readDocument<Type>(document);                                                      \
    }                                                                                                     \
    nlohmann::json toJson(const Type& value) { return detail::writeValue(value); }

SESAME_CONTRACT_JSON_MAPPING(Device)
SESAME_CONTRACT_JSON_MAPPING(User)
SESAME_CONTRACT_JSON_MAPPING(Shop)
SESAME_CONTRACT_JSON_MAPPING(SessionInfo)
SESAME_CONTRACT_JSON_MAPPING(Consent)
SESAME_CONTRACT_JSON_MAPPING(ShopPatch)
SESAME_CONTRACT_JSON_MAPPING(OutboxMessage)
SESAME_CONTRACT_JSON_MAPPING(Jwk)
SESAME_CONTRACT_JSON_MAPPING(OtpRequest)
SESAME_CONTRACT_JSON_MAPPING(VerifyRequest)
SESAME_CONTRACT_JSON_MAPPING(RefreshRequest)
SESAME_CONTRACT_JSON_MAPPING(LogoutRequest)
SESAME_CONTRACT_JSON_MAPPING(ProfilePatch)
SESAME_CONTRACT_JSON_MAPPING(OtpResponse)
SESAME_CONTRACT_JSON_MAPPING(Session)
SESAME_CONTRACT_JSON_MAPPING(MeResponse)
SESAME_CONTRACT_JSON_MAPPING(SessionList)
SESAME_CONTRACT_JSON_MAPPING(Outbox)
SESAME_CONTRACT_JSON_MAPPING(Jwks)

#undef SESAME_CONTRACT_JSON_MAPPING

}  // namespace sesame::contract
