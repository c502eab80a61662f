#pragma once
// An Ed25519 key pair (or public key alone) for signing access tokens, with
// its JWK key id. Copies share the same immutable OpenSSL key, and every call
// is safe from several threads at once.

#include <sesame/contract/expected.h>

#include <memory>
#include <string>
#include <string_view>

typedef struct evp_pkey_st EVP_PKEY;

namespace sesame::server::crypto {

class Ed25519Key {
public:
    // Reads a PEM PKCS#8 Ed25519 private key (`openssl genpkey -algorithm ed25519`);
    // the error says what is wrong with the file, never its contents.
    static contract::Expected<Ed25519Key, std::string> loadPrivatePem(const std::string& path);
    // Parses a PEM private key held in memory (same rules as loadPrivatePem).
    static contract::Expected<Ed25519Key, std::string> fromPrivatePem(std::string_view pem);
    // A fresh random key pair (mock mode's ephemeral signing key).
    static contract::Expected<Ed25519Key, std::string> generate();
    // A verify-only key from the 32 raw public bytes (as in a JWK's `x`).
    static contract::Expected<Ed25519Key, std::string> fromPublicRaw(std::string_view raw);

    // True when this key can sign.
    bool canSign() const { return hasPrivate_; }
    // The 64-byte signature of `data`; only for keys that canSign(). Ed25519 is
    // deterministic: the same data always gives the same signature.
    std::string sign(std::string_view data) const;
    // True when `signature` is a valid signature of `data` under this key.
    bool verify(std::string_view data, std::string_view signature) const;

    // The 32 raw public-key bytes.
    const std::string& publicRaw() const { return publicRaw_; }
    // The first 16 characters of base64url(SHA-256(publicRaw())).
    const std::string& kid() const { return kid_; }

private:
    Ed25519Key(std::shared_ptr<EVP_PKEY> key, bool hasPrivate);

    std::shared_ptr<EVP_PKEY> key_;
    bool hasPrivate_ = false;
    std::string publicRaw_;
    std::string kid_;
};

}  // namespace sesame::server::crypto
