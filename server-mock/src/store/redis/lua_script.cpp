#include "store/redis/lua_script.h"

#include "crypto/hmac.h"

#include <openssl/evp.h>

namespace sesame::server::store {
namespace {

std::string sha1Hex(const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // SHA-1 only because it is the name Redis gives a script, not for security.
    EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha1(), nullptr);
    return crypto::toHex(std::string_view(reinterpret_cast<const char*>(digest), length));
}

}  // namespace

LuaScript::LuaScript(std::string source) : source_(std::move(source)), sha1_(sha1Hex(source_)) {}

}  // namespace sesame::server::store
