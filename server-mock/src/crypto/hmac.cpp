#include "crypto/hmac.h"

#include "crypto/base64url.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <cstdio>
#include <cstdlib>

namespace sesame::server::crypto {
namespace {

[[noreturn]] void digestFailed() {
    // Only an allocation failure inside OpenSSL gets here; no caller could recover.
    std::fputs("sesame-server: OpenSSL digest failed\n", stderr);
    std::abort();
}

const unsigned char* bytesOf(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

std::string hmacWith(const EVP_MD* digest, std::string_view key, std::string_view data) {
    std::string out(static_cast<std::size_t>(EVP_MD_size(digest)), '\0');
    unsigned int length = 0;
    // HMAC() reads a null key as "no key", so an empty key gets a valid pointer.
    static const unsigned char kEmpty = 0;
    const unsigned char* keyBytes = key.empty() ? &kEmpty : bytesOf(key);
    if (HMAC(digest, keyBytes, static_cast<int>(key.size()), bytesOf(data), data.size(),
             reinterpret_cast<unsigned char*>(out.data()), &length) == nullptr ||
        length != out.size()) {
        digestFailed();
    }
    return out;
}

}  // namespace

std::string sha256(std::string_view data) {
    std::string out(SHA256_DIGEST_LENGTH, '\0');
    if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), nullptr,
                   EVP_sha256(), nullptr) != 1) {
        digestFailed();
    }
    return out;
}

std::string hmacSha256(std::string_view key, std::string_view data) { return hmacWith(EVP_sha256(), key, data); }

std::string hmacSha1(std::string_view key, std::string_view data) { return hmacWith(EVP_sha1(), key, data); }

std::string hmacSha256Hex(std::string_view key, std::string_view data) {
    return toHex(hmacSha256(key, data));
}

std::string hmacSha256Base64Url(std::string_view key, std::string_view data) {
    return base64UrlEncode(hmacSha256(key, data));
}

std::string toHex(std::string_view bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        out.push_back(kHex[byte >> 4]);
        out.push_back(kHex[byte & 0x0F]);
    }
    return out;
}

}  // namespace sesame::server::crypto
