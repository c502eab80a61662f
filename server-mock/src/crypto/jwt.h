#pragma once
// Compact JWS tokens signed with EdDSA (Ed25519), as the access token of API.md.
// The verifier pins the algorithm: only "EdDSA" with a kid it knows passes, so
// "none", HS256 with the public key as secret and unknown keys all fail.

#include "crypto/ed25519_key.h"

#include <nlohmann/json.hpp>
#include <sesame/contract/expected.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace sesame::server::crypto {

// Why a token was refused. Expired means "valid in every other respect", so the
// client should refresh; Invalid covers everything else.
enum class JwtError { Invalid, Expired };

// What a verifier demands of the claims besides the signature.
struct JwtPolicy {
    std::string issuer;               // required `iss`
    std::string audience;             // required in `aud` (a string or an array)
    std::chrono::seconds leeway{60};  // clock skew tolerated on exp, nbf and iat
};

class JwtSigner {
public:
    // `key` must be able to sign.
    explicit JwtSigner(Ed25519Key key);
    // The compact token for `claims` (a JSON object), header
    // {"alg":"EdDSA","typ":"JWT","kid":...}. The same claims give the same token.
    std::string sign(const nlohmann::json& claims) const;
    const Ed25519Key& key() const { return key_; }

private:
    Ed25519Key key_;
    std::string encodedHeader_;
};

class JwtVerifier {
public:
    // Accepts tokens signed by any of `keys` (the current and retired signers).
    JwtVerifier(std::vector<Ed25519Key> keys, JwtPolicy policy);
    // The claims of a well-formed token signed by a known key whose iss, aud,
    // iat, nbf and exp hold at `now` (exp is required: now >= exp + leeway is
    // Expired; iat or nbf later than now + leeway is Invalid).
    contract::Expected<nlohmann::json, JwtError> verify(std::string_view token,
                                                        std::chrono::system_clock::time_point now) const;
    const std::vector<Ed25519Key>& keys() const { return keys_; }

private:
    const Ed25519Key* keyFor(const nlohmann::json& header) const;
    bool claimsValid(const nlohmann::json& claims, std::int64_t now) const;

    std::vector<Ed25519Key> keys_;
    JwtPolicy policy_;
};

}  // namespace sesame::server::crypto
