#include "crypto/jwks.h"

#include "crypto/base64url.h"

namespace sesame::server::crypto {

contract::Jwks toJwks(const std::vector<Ed25519Key>& keys) {
    contract::Jwks jwks;
    for (const auto& key : keys) {
        jwks.keys.push_back(contract::Jwk{base64UrlEncode(key.publicRaw()), key.kid()});
    }
    return jwks;
}

}  // namespace sesame::server::crypto
