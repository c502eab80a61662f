#include "services/token_service.h"

#include "crypto/hmac.h"
#include "crypto/jwks.h"
#include "crypto/random.h"

namespace sesame::server {
namespace {

constexpr std::size_t kRefreshTokenBytes = 32;

std::int64_t epochSeconds(TimePoint time) {
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

TimePoint fromEpochSeconds(std::int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

const std::string* stringClaim(const nlohmann::json& claims, const char* name) {
    auto it = claims.find(name);
    if (it == claims.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
        return nullptr;
    }
    return &it->get_ref<const std::string&>();
}

}  // namespace

TokenService::TokenService(const TokenSettings& settings, std::string pepper, crypto::JwtSigner signer,
                           crypto::JwtVerifier verifier)
    : settings_(settings), pepper_(std::move(pepper)), signer_(std::move(signer)), verifier_(std::move(verifier)) {}

store::AccessGrant TokenService::newAccessGrant(TimePoint now) const {
    const TimePoint issuedAt = std::chrono::floor<std::chrono::seconds>(now);
    return store::AccessGrant{crypto::randomUuid(), issuedAt, issuedAt + settings_.accessLifetime};
}

std::string TokenService::accessToken(const store::AccessGrant& grant, const std::string& userId,
                                      const std::string& sessionId, const std::string& shopId) const {
    const nlohmann::json claims = {
        {"iss", settings_.issuer},         {"aud", settings_.audience},
        {"sub", userId},                   {"sid", sessionId},
        {"shop_id", shopId},               {"iat", epochSeconds(grant.issuedAt)},
        {"exp", epochSeconds(grant.expiresAt)}, {"jti", grant.jti},
    };
    return signer_.sign(claims);
}

contract::Expected<AccessClaims, contract::ErrorCode> TokenService::verifyAccess(std::string_view token,
                                                                                 TimePoint now) const {
    auto verified = verifier_.verify(token, now);
    if (!verified) {
        return contract::unexpected(verified.error() == crypto::JwtError::Expired ? contract::ErrorCode::TokenExpired
                                                                                  : contract::ErrorCode::InvalidToken);
    }
    const nlohmann::json& claims = verified.value();
    const std::string* sub = stringClaim(claims, "sub");
    const std::string* sid = stringClaim(claims, "sid");
    const std::string* shop = stringClaim(claims, "shop_id");
    const std::string* jti = stringClaim(claims, "jti");
    const auto iat = claims.find("iat");
    if (!sub || !sid || !shop || !jti || iat == claims.end() || !iat->is_number_integer()) {
        return contract::unexpected(contract::ErrorCode::InvalidToken);  // signed by us, yet not an access token
    }
    return AccessClaims{*sub, *sid, *shop, *jti, fromEpochSeconds(iat->get<std::int64_t>()),
                        fromEpochSeconds(claims.at("exp").get<std::int64_t>())};
}

std::string TokenService::newRefreshToken() const { return crypto::randomToken(kRefreshTokenBytes); }

std::string TokenService::hashOf(std::string_view refreshToken) const {
    return crypto::hmacSha256Hex(pepper_, refreshToken);
}

std::string TokenService::successorOf(std::string_view refreshToken) const {
    return crypto::hmacSha256Base64Url(pepper_, "rotate" + std::string(refreshToken));
}

store::RefreshRecord TokenService::refreshRecord(std::string_view refreshToken, const store::AccessGrant& grant,
                                                 TimePoint now) const {
    return store::RefreshRecord{hashOf(refreshToken), {}, now, now + settings_.refreshLifetime, grant};
}

contract::Jwks TokenService::jwks() const { return crypto::toJwks(verifier_.keys()); }

}  // namespace sesame::server
