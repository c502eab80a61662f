#include "crypto/jwt.h"

#include "crypto/base64url.h"

#include <cstdint>
#include <optional>

namespace sesame::server::crypto {
namespace {

using contract::unexpected;

// Our tokens are a few hundred bytes; anything far larger is not one of ours.
constexpr std::size_t kMaxTokenBytes = 8 * 1024;

std::optional<nlohmann::json> decodeObject(std::string_view part) {
    auto bytes = base64UrlDecode(part);
    if (!bytes) {
        return std::nullopt;
    }
    auto json = nlohmann::json::parse(*bytes, nullptr, false);
    if (!json.is_object()) {
        return std::nullopt;
    }
    return json;
}

// A NumericDate claim; nullopt when absent or not an integer.
std::optional<std::int64_t> numericDate(const nlohmann::json& claims, const char* name) {
    auto it = claims.find(name);
    if (it == claims.end() || !(it->is_number_integer() || it->is_number_unsigned())) {
        return std::nullopt;
    }
    if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
        return std::nullopt;
    }
    return it->get<std::int64_t>();
}

bool stringClaimIs(const nlohmann::json& claims, const char* name, const std::string& expected) {
    auto it = claims.find(name);
    return it != claims.end() && it->is_string() && it->get_ref<const std::string&>() == expected;
}

bool audienceHas(const nlohmann::json& claims, const std::string& audience) {
    auto it = claims.find("aud");
    if (it == claims.end()) {
        return false;
    }
    if (it->is_string()) {
        return it->get_ref<const std::string&>() == audience;
    }
    if (!it->is_array()) {
        return false;
    }
    for (const auto& entry : *it) {
        if (entry.is_string() && entry.get_ref<const std::string&>() == audience) {
            return true;
        }
    }
    return false;
}

// Saturating, so a hostile exp near INT64_MAX cannot overflow.
std::int64_t plus(std::int64_t a, std::int64_t b) {
    return a > INT64_MAX - b ? INT64_MAX : a + b;
}

}  // namespace

JwtSigner::JwtSigner(Ed25519Key key) : key_(std::move(key)) {
    const nlohmann::json header = {{"alg", "EdDSA"}, {"typ", "JWT"}, {"kid", key_.kid()}};
    encodedHeader_ = base64UrlEncode(header.dump());
}

std::string JwtSigner::sign(const nlohmann::json& claims) const {
    std::string token = encodedHeader_ + "." + base64UrlEncode(claims.dump());
    const std::string signature = key_.sign(token);
    return token + "." + base64UrlEncode(signature);
}

JwtVerifier::JwtVerifier(std::vector<Ed25519Key> keys, JwtPolicy policy)
    : keys_(std::move(keys)), policy_(std::move(policy)) {}

const Ed25519Key* JwtVerifier::keyFor(const nlohmann::json& header) const {
    if (!stringClaimIs(header, "alg", "EdDSA") || header.contains("crit")) {
        return nullptr;  // no other algorithm, and no extension we would have to understand
    }
    if (auto typ = header.find("typ"); typ != header.end() && !(typ->is_string() && *typ == "JWT")) {
        return nullptr;
    }
    auto kid = header.find("kid");
    if (kid == header.end() || !kid->is_string()) {
        return nullptr;
    }
    for (const auto& key : keys_) {
        if (key.kid() == kid->get_ref<const std::string&>()) {
            return &key;
        }
    }
    return nullptr;
}

bool JwtVerifier::claimsValid(const nlohmann::json& claims, std::int64_t now) const {
    if (!stringClaimIs(claims, "iss", policy_.issuer) || !audienceHas(claims, policy_.audience)) {
        return false;
    }
    const std::int64_t leeway = policy_.leeway.count();
    const auto iat = numericDate(claims, "iat");
    if (claims.contains("iat") && (!iat || *iat > plus(now, leeway))) {
        return false;
    }
    const auto nbf = numericDate(claims, "nbf");
    if (claims.contains("nbf") && (!nbf || *nbf > plus(now, leeway))) {
        return false;
    }
    return numericDate(claims, "exp").has_value();
}

contract::Expected<nlohmann::json, JwtError> JwtVerifier::verify(std::string_view token,
                                                                std::chrono::system_clock::time_point now) const {
    const auto invalid = unexpected(JwtError::Invalid);
    if (token.size() > kMaxTokenBytes) {
        return invalid;
    }
    const auto firstDot = token.find('.');
    const auto secondDot = firstDot == std::string_view::npos ? firstDot : token.find('.', firstDot + 1);
    if (secondDot == std::string_view::npos || token.find('.', secondDot + 1) != std::string_view::npos) {
        return invalid;
    }
    const auto header = decodeObject(token.substr(0, firstDot));
    const Ed25519Key* key = header ? keyFor(*header) : nullptr;
    const auto signature = base64UrlDecode(token.substr(secondDot + 1));
    if (key == nullptr || !signature || !key->verify(token.substr(0, secondDot), *signature)) {
        return invalid;
    }
    auto claims = decodeObject(token.substr(firstDot + 1, secondDot - firstDot - 1));
    const std::int64_t nowSeconds =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    if (!claims || !claimsValid(*claims, nowSeconds)) {
        return invalid;
    }
    // Checked last, so Expired is only ever said of an otherwise valid token.
    if (nowSeconds >= plus(*numericDate(*claims, "exp"), policy_.leeway.count())) {
        return unexpected(JwtError::Expired);
    }
    return std::move(*claims);
}

}  // namespace sesame::server::crypto
