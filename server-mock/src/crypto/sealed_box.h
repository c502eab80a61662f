#pragma once
// Seals delivery payloads that hold a code before they are queued (Redis in
// full mode), so a dump of the queue reveals no code. AES-256-GCM under
// key = HMAC-SHA256(pepper, "sesame delivery payload v1"), a random 96-bit
// nonce per seal; the sealed text is base64url(nonce ‖ ciphertext ‖ tag).

#include <sesame/contract/expected.h>

#include <string>
#include <string_view>

namespace sesame::server::crypto {

class SealedBox {
public:
    explicit SealedBox(std::string_view pepper);

    // `plain` sealed; two seals of the same text differ (fresh nonce).
    std::string seal(std::string_view plain) const;
    // The plain text back, or why not: not base64url, too short, or the tag
    // does not match (tampered, or sealed under another pepper).
    contract::Expected<std::string, std::string> open(std::string_view sealed) const;

private:
    std::string key_;  // 32 bytes
};

}  // namespace sesame::server::crypto
