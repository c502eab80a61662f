#include "crypto/base64url.h"
#include "crypto/hmac.h"
#include "crypto/jwks.h"
#include "crypto/jwt.h"

#include <catch2/catch.hpp>
#include <sesame/contract/json.h>

using namespace sesame::server::crypto;
using Clock = std::chrono::system_clock;

namespace {

const Clock::time_point kNow{std::chrono::seconds(1717200000)};
const std::int64_t kNowSeconds = 1717200000;

JwtPolicy policy() { return JwtPolicy{"sesame", "sesame-api", std::chrono::seconds(60)}; }

nlohmann::json claims(std::int64_t exp = kNowSeconds + 900) {
    return {{"iss", "sesame"}, {"aud", "sesame-api"}, {"sub", "u1"},     {"sid", "s1"},
            {"shop_id", "p1"}, {"iat", kNowSeconds},  {"exp", exp},      {"jti", "j1"}};
}

std::string part(const nlohmann::json& json) { return base64UrlEncode(json.dump()); }

struct Keys {
    Ed25519Key key = Ed25519Key::generate().value();
    JwtSigner signer{key};
    JwtVerifier verifier{{key}, policy()};
};

// A token with any header and claims, signed by `key` (Ed25519).
std::string forge(const Ed25519Key& key, const nlohmann::json& header, const nlohmann::json& body) {
    const std::string input = part(header) + "." + part(body);
    return input + "." + base64UrlEncode(key.sign(input));
}

}  // namespace

TEST_CASE("a signed token verifies and carries its claims", "[jwt]") {
    Keys keys;
    const std::string token = keys.signer.sign(claims());
    CHECK(token == keys.signer.sign(claims()));  // deterministic: a replay re-signs the same token
    const auto header = nlohmann::json::parse(*base64UrlDecode(token.substr(0, token.find('.'))));
    CHECK(header == nlohmann::json{{"alg", "EdDSA"}, {"typ", "JWT"}, {"kid", keys.key.kid()}});
    const auto verified = keys.verifier.verify(token, kNow);
    REQUIRE(verified);
    CHECK(verified.value() == claims());
}

TEST_CASE("the algorithm is pinned to EdDSA", "[jwt]") {
    Keys keys;
    const nlohmann::json body = claims();
    SECTION("alg none without a signature") {
        const std::string token = part({{"alg", "none"}, {"typ", "JWT"}}) + "." + part(body) + ".";
        CHECK(keys.verifier.verify(token, kNow).error() == JwtError::Invalid);
    }
    SECTION("alg none with our kid") {
        const std::string token = part({{"alg", "none"}, {"kid", keys.key.kid()}}) + "." + part(body) + ".";
        CHECK(keys.verifier.verify(token, kNow).error() == JwtError::Invalid);
    }
    SECTION("HS256 keyed with the public key") {
        const std::string input = part({{"alg", "HS256"}, {"kid", keys.key.kid()}}) + "." + part(body);
        const std::string token = input + "." + hmacSha256Base64Url(keys.key.publicRaw(), input);
        CHECK(keys.verifier.verify(token, kNow).error() == JwtError::Invalid);
    }
    SECTION("a valid Ed25519 signature under another alg name") {
        const std::string token = forge(keys.key, {{"alg", "ES256"}, {"kid", keys.key.kid()}}, body);
        CHECK(keys.verifier.verify(token, kNow).error() == JwtError::Invalid);
    }
    SECTION("a critical extension we do not understand") {
        const std::string token =
            forge(keys.key, {{"alg", "EdDSA"}, {"kid", keys.key.kid()}, {"crit", {"b64"}}, {"b64", false}}, body);
        CHECK(keys.verifier.verify(token, kNow).error() == JwtError::Invalid);
    }
    SECTION("the right header, forged by hand, passes (the checks above are not vacuous)") {
        const std::string token = forge(keys.key, {{"alg", "EdDSA"}, {"kid", keys.key.kid()}}, body);
        CHECK(keys.verifier.verify(token, kNow));
    }
}

TEST_CASE("keys the verifier does not know are refused", "[jwt]") {
    Keys keys;
    Keys other;
    CHECK(keys.verifier.verify(other.signer.sign(claims()), kNow).error() == JwtError::Invalid);
    // Our kid on another key's signature.
    const std::string token = forge(other.key, {{"alg", "EdDSA"}, {"kid", keys.key.kid()}}, claims());
    CHECK(keys.verifier.verify(token, kNow).error() == JwtError::Invalid);
    // No kid at all.
    CHECK(keys.verifier.verify(forge(keys.key, {{"alg", "EdDSA"}}, claims()), kNow).error() == JwtError::Invalid);
    // A verifier that knows both keys (rotation) accepts both.
    const JwtVerifier both({keys.key, other.key}, policy());
    CHECK(both.verify(keys.signer.sign(claims()), kNow));
    CHECK(both.verify(other.signer.sign(claims()), kNow));
}

TEST_CASE("iss and aud are required and must match", "[jwt]") {
    Keys keys;
    auto withClaim = [&](const char* name, const nlohmann::json& value) {
        nlohmann::json body = claims();
        body[name] = value;
        return keys.verifier.verify(keys.signer.sign(body), kNow);
    };
    auto without = [&](const char* name) {
        nlohmann::json body = claims();
        body.erase(name);
        return keys.verifier.verify(keys.signer.sign(body), kNow);
    };
    CHECK(withClaim("aud", "other-api").error() == JwtError::Invalid);
    CHECK(withClaim("aud", nlohmann::json::array({"other-api", "x"})).error() == JwtError::Invalid);
    CHECK(withClaim("aud", nlohmann::json::array({"other-api", "sesame-api"})));
    CHECK(withClaim("aud", 5).error() == JwtError::Invalid);
    CHECK(withClaim("iss", "evil").error() == JwtError::Invalid);
    CHECK(withClaim("iss", nlohmann::json::array({"sesame"})).error() == JwtError::Invalid);
    CHECK(without("aud").error() == JwtError::Invalid);
    CHECK(without("iss").error() == JwtError::Invalid);
    CHECK(without("exp").error() == JwtError::Invalid);
    CHECK(withClaim("exp", "1717200900").error() == JwtError::Invalid);
    CHECK(withClaim("exp", 1717200900.5).error() == JwtError::Invalid);
    CHECK(withClaim("iat", "now").error() == JwtError::Invalid);
}

TEST_CASE("expiry is told apart from invalidity, with the configured leeway", "[jwt]") {
    Keys keys;
    const std::string token = keys.signer.sign(claims(kNowSeconds + 900));
    CHECK(keys.verifier.verify(token, kNow + std::chrono::seconds(959)));
    CHECK(keys.verifier.verify(token, kNow + std::chrono::seconds(960)).error() == JwtError::Expired);
    const JwtVerifier strict({keys.key}, JwtPolicy{"sesame", "sesame-api", std::chrono::seconds(0)});
    CHECK(strict.verify(token, kNow + std::chrono::seconds(899)));
    CHECK(strict.verify(token, kNow + std::chrono::seconds(900)).error() == JwtError::Expired);
    // An expired token with a wrong audience is invalid, not merely expired.
    nlohmann::json body = claims(kNowSeconds - 1000);
    body["aud"] = "other";
    CHECK(keys.verifier.verify(keys.signer.sign(body), kNow).error() == JwtError::Invalid);
    // A token from the future (iat or nbf beyond the leeway) is invalid.
    nlohmann::json future = claims();
    future["iat"] = kNowSeconds + 61;
    CHECK(keys.verifier.verify(keys.signer.sign(future), kNow).error() == JwtError::Invalid);
    future["iat"] = kNowSeconds + 60;
    CHECK(keys.verifier.verify(keys.signer.sign(future), kNow));
    future["nbf"] = kNowSeconds + 61;
    CHECK(keys.verifier.verify(keys.signer.sign(future), kNow).error() == JwtError::Invalid);
    // exp near the integer limit does not overflow into the past.
    CHECK(keys.verifier.verify(keys.signer.sign(claims(INT64_MAX)), kNow));
}

TEST_CASE("tampered or malformed tokens are invalid", "[jwt]") {
    Keys keys;
    const std::string token = keys.signer.sign(claims());
    const auto firstDot = token.find('.');
    const auto secondDot = token.find('.', firstDot + 1);

    nlohmann::json elevated = claims();
    elevated["sub"] = "admin";
    const std::string swapped = token.substr(0, firstDot + 1) + part(elevated) + token.substr(secondDot);
    CHECK(keys.verifier.verify(swapped, kNow).error() == JwtError::Invalid);

    std::string flipped = token;
    flipped[secondDot + 5] = flipped[secondDot + 5] == 'A' ? 'B' : 'A';
    CHECK(keys.verifier.verify(flipped, kNow).error() == JwtError::Invalid);

    for (const std::string& bad : std::vector<std::string>{std::string(), std::string("."), std::string(".."), std::string("a.b.c"),
                                  token + ".", token.substr(0, secondDot), "x" + token, token + "x",
                                  std::string(9000, 'a'), std::string("\xff\xfe.\x00.", 5)}) {
        CHECK(keys.verifier.verify(bad, kNow).error() == JwtError::Invalid);
    }
    // Header or payload that is valid base64url but not a JSON object.
    const std::string input = base64UrlEncode("[1]") + "." + part(claims());
    CHECK(keys.verifier.verify(input + "." + base64UrlEncode(keys.key.sign(input)), kNow).error() ==
          JwtError::Invalid);
}

TEST_CASE("the JWKS publishes each key as an OKP Ed25519 JWK", "[jwt]") {
    Keys keys;
    const auto jwks = toJwks({keys.key});
    REQUIRE(jwks.keys.size() == 1);
    CHECK(jwks.keys[0].kid == keys.key.kid());
    CHECK(base64UrlDecode(jwks.keys[0].x) == std::optional<std::string>(keys.key.publicRaw()));
    const nlohmann::json json = sesame::contract::toJson(jwks);
    CHECK(json["keys"][0]["kty"] == "OKP");
    CHECK(json["keys"][0]["crv"] == "Ed25519");
    CHECK(json["keys"][0]["alg"] == "EdDSA");
    CHECK(json["keys"][0]["use"] == "sig");
    CHECK(sesame::contract::parse<sesame::contract::Jwks>(json));
}
