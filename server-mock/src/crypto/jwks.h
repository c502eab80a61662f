#pragma once
// The JWKS document (GET /.well-known/jwks.json) of the access-token signer.

#include "crypto/ed25519_key.h"

#include <sesame/contract/messages.h>

#include <vector>

namespace sesame::server::crypto {

// One OKP/Ed25519 JWK per key: `x` is base64url of the raw public key, `kid`
// the key's id (kty, crv, alg and use are fixed by contract::Jwk).
contract::Jwks toJwks(const std::vector<Ed25519Key>& keys);

}  // namespace sesame::server::crypto
