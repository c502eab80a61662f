#include "crypto/ed25519_key.h"

#include "crypto/base64url.h"
#include "crypto/hmac.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace sesame::server::crypto {
namespace {

using contract::unexpected;
using KeyResult = contract::Expected<Ed25519Key, std::string>;

constexpr std::size_t kPublicKeyBytes = 32;
constexpr std::size_t kSignatureBytes = 64;
constexpr std::size_t kMaxPemBytes = 64 * 1024;

std::shared_ptr<EVP_PKEY> own(EVP_PKEY* key) {
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

[[noreturn]] void signFailed() {
    // A loaded Ed25519 key only fails to sign when OpenSSL cannot allocate.
    std::fputs("sesame-server: Ed25519 signing failed\n", stderr);
    std::abort();
}

}  // namespace

Ed25519Key::Ed25519Key(std::shared_ptr<EVP_PKEY> key, bool hasPrivate)
    : key_(std::move(key)), hasPrivate_(hasPrivate) {
    std::size_t length = kPublicKeyBytes;
    publicRaw_.assign(kPublicKeyBytes, '\0');
    EVP_PKEY_get_raw_public_key(key_.get(), reinterpret_cast<unsigned char*>(publicRaw_.data()), &length);
    publicRaw_.resize(length);
    kid_ = base64UrlEncode(sha256(publicRaw_)).substr(0, 16);
}

KeyResult Ed25519Key::loadPrivatePem(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return unexpected("cannot open signing key file " + path);
    }
    std::ostringstream text;
    text << file.rdbuf();
    auto key = fromPrivatePem(text.str());
    if (!key) {
        return unexpected("signing key file " + path + ": " + key.error());
    }
    return key;
}

KeyResult Ed25519Key::fromPrivatePem(std::string_view pem) {
    if (pem.size() > kMaxPemBytes) {
        return unexpected(std::string("not a PEM private key (too large)"));
    }
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                  BIO_free);
    if (!bio) {
        return unexpected(std::string("out of memory"));
    }
    auto key = own(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key) {
        return unexpected(std::string("not a PEM private key"));
    }
    if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
        return unexpected(std::string("the key is not an Ed25519 key"));
    }
    return Ed25519Key(std::move(key), true);
}

KeyResult Ed25519Key::generate() {
    EVP_PKEY* raw = nullptr;
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr), EVP_PKEY_CTX_free);
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
        return unexpected(std::string("cannot generate an Ed25519 key"));
    }
    return Ed25519Key(own(raw), true);
}

KeyResult Ed25519Key::fromPublicRaw(std::string_view raw) {
    if (raw.size() != kPublicKeyBytes) {
        return unexpected(std::string("an Ed25519 public key has 32 bytes"));
    }
    auto key = own(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                               reinterpret_cast<const unsigned char*>(raw.data()), raw.size()));
    if (!key) {
        return unexpected(std::string("not an Ed25519 public key"));
    }
    return Ed25519Key(std::move(key), false);
}

std::string Ed25519Key::sign(std::string_view data) const {
    MdCtx ctx(EVP_MD_CTX_new());
    std::string signature(kSignatureBytes, '\0');
    std::size_t length = signature.size();
    if (!hasPrivate_ || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
        EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                       reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
        signFailed();
    }
    signature.resize(length);
    return signature;
}

bool Ed25519Key::verify(std::string_view data, std::string_view signature) const {
    if (signature.size() != kSignatureBytes) {
        return false;
    }
    MdCtx ctx(EVP_MD_CTX_new());
    return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) == 1 &&
           EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                            reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
}

}  // namespace sesame::server::crypto
