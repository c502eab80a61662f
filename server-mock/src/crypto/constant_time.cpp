#include "crypto/constant_time.h"

#include <openssl/crypto.h>

namespace sesame::server::crypto {

bool constantTimeEquals(std::string_view a, std::string_view b) {
    // Hash lengths are public (fixed by the algorithm), so an early return on
    // a length mismatch reveals nothing secret.
    if (a.size() != b.size()) {
        return false;
    }
    return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace sesame::server::crypto
