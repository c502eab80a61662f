#include "crypto/sealed_box.h"

#include "crypto/base64url.h"
#include "crypto/hmac.h"
#include "crypto/random.h"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace sesame::server::crypto {
namespace {

constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

[[noreturn]] void cipherFailed() {
    // Only an allocation failure inside OpenSSL gets here when sealing.
    std::fputs("sesame-server: OpenSSL AES-GCM failed\n", stderr);
    std::abort();
}

unsigned char* bytes(std::string& text) { return reinterpret_cast<unsigned char*>(text.data()); }
const unsigned char* bytes(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

CipherContext newContext() {
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!context) {
        cipherFailed();
    }
    return context;
}

contract::Unexpected<std::string> refused(std::string why) { return contract::unexpected(std::move(why)); }

}  // namespace

SealedBox::SealedBox(std::string_view pepper) : key_(hmacSha256(pepper, "sesame delivery payload v1")) {}

std::string SealedBox::seal(std::string_view plain) const {
    std::string out = randomBytes(kNonceBytes);
    out.resize(kNonceBytes + plain.size() + kTagBytes);
    auto context = newContext();
    int length = 0;
    if (EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, bytes(std::string_view(key_)),
                           bytes(out)) != 1 ||
        EVP_EncryptUpdate(context.get(), bytes(out) + kNonceBytes, &length, bytes(plain),
                          static_cast<int>(plain.size())) != 1 ||
        EVP_EncryptFinal_ex(context.get(), bytes(out) + kNonceBytes + length, &length) != 1 ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes),
                            bytes(out) + kNonceBytes + plain.size()) != 1) {
        cipherFailed();
    }
    return base64UrlEncode(out);
}

contract::Expected<std::string, std::string> SealedBox::open(std::string_view sealed) const {
    auto raw = base64UrlDecode(sealed);
    if (!raw) {
        return refused("sealed payload is not base64url");
    }
    if (raw->size() < kNonceBytes + kTagBytes) {
        return refused("sealed payload too short");
    }
    const std::string_view all(*raw);
    const auto cipher = all.substr(kNonceBytes, all.size() - kNonceBytes - kTagBytes);
    std::string tag(all.substr(all.size() - kTagBytes));
    std::string plain(cipher.size(), '\0');
    auto context = newContext();
    int length = 0;
    const bool opened =
        EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, bytes(std::string_view(key_)),
                           bytes(all)) == 1 &&
        EVP_DecryptUpdate(context.get(), bytes(plain), &length, bytes(cipher), static_cast<int>(cipher.size())) ==
            1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagBytes), bytes(tag)) == 1 &&
        EVP_DecryptFinal_ex(context.get(), bytes(plain) + length, &length) == 1;
    if (!opened) {
        return refused("sealed payload does not authenticate");
    }
    return plain;
}

}  // namespace sesame::server::crypto
