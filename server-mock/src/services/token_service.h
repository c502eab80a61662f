#pragma once
// Access and refresh tokens (API.md "Tokens"), without storage: minting and
// checking access JWTs, and the refresh token's hash and successor.
//
// Refresh tokens are 256 random bits, base64url. The store only ever sees
// hashOf(token). Rotation derives the successor deterministically,
// successorOf(token) = base64url(HMAC-SHA256(pepper, "rotate" ‖ token)), so a
// replay inside the reuse grace recomputes the very same new token without
// any plaintext being kept.

#include "config/settings.h"
#include "crypto/jwt.h"
#include "services/clock.h"
#include "store/account_store.h"

#include <sesame/contract/error_code.h>
#include <sesame/contract/expected.h>
#include <sesame/contract/messages.h>

#include <string>
#include <string_view>

namespace sesame::server {

// The claims of a verified access token that the server acts on.
struct AccessClaims {
    std::string userId;     // sub
    std::string sessionId;  // sid
    std::string shopId;     // shop_id
    std::string jti;
    TimePoint issuedAt;
    TimePoint expiresAt;
};

class TokenService {
public:
    // `pepper` keys every token hash; `signer` signs, `verifier` pins iss, aud,
    // EdDSA and the known kids.
    TokenService(const TokenSettings& settings, std::string pepper, crypto::JwtSigner signer,
                 crypto::JwtVerifier verifier);

    // A new access grant: random jti, iat = now (whole seconds), exp = iat + access lifetime.
    store::AccessGrant newAccessGrant(TimePoint now) const;
    // The access JWT of `grant` for this user, session and shop; the same
    // inputs always give the same token.
    std::string accessToken(const store::AccessGrant& grant, const std::string& userId,
                            const std::string& sessionId, const std::string& shopId) const;
    // The claims of a valid access token; TokenExpired when only exp fails,
    // InvalidToken for anything else.
    contract::Expected<AccessClaims, contract::ErrorCode> verifyAccess(std::string_view token, TimePoint now) const;

    // A fresh refresh token (32 random bytes, base64url).
    std::string newRefreshToken() const;
    // What the store keeps of a refresh token: hex HMAC-SHA256(pepper, token).
    std::string hashOf(std::string_view refreshToken) const;
    // The token that replaces `refreshToken` on rotation.
    std::string successorOf(std::string_view refreshToken) const;
    // The record of a refresh token issued at `now` with `grant`, expiring
    // after the refresh lifetime (sessionId is left to the store).
    store::RefreshRecord refreshRecord(std::string_view refreshToken, const store::AccessGrant& grant,
                                       TimePoint now) const;

    // The public keys of the verifier, as GET /.well-known/jwks.json shows them.
    contract::Jwks jwks() const;

private:
    TokenSettings settings_;
    std::string pepper_;
    crypto::JwtSigner signer_;
    crypto::JwtVerifier verifier_;
};

}  // namespace sesame::server
