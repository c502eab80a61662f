#include "crypto/random.h"

#include "crypto/base64url.h"

#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>

namespace sesame::server::crypto {

std::string randomBytes(std::size_t count) {
    std::string out(count, '\0');
    if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1) {
        std::fputs("sesame-server: the CSPRNG failed; refusing to continue\n", stderr);
        std::abort();
    }
    return out;
}

std::string randomDigits(std::size_t length) {
    // 250 = 25 * 10: the largest multiple of 10 a byte can hold.
    constexpr unsigned kLimit = 250;
    std::string digits;
    digits.reserve(length);
    while (digits.size() < length) {
        for (char byte : randomBytes(length - digits.size() + 4)) {
            const auto value = static_cast<unsigned char>(byte);
            if (value < kLimit && digits.size() < length) {
                digits.push_back(static_cast<char>('0' + value % 10));
            }
        }
    }
    return digits;
}

std::string randomToken(std::size_t bytes) {
    return base64UrlEncode(randomBytes(bytes));
}

std::string randomUuid() {
    std::string raw = randomBytes(16);
    raw[6] = static_cast<char>((raw[6] & 0x0F) | 0x40);  // version 4
    raw[8] = static_cast<char>((raw[8] & 0x3F) | 0x80);  // RFC 9562 variant
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            text.push_back('-');
        }
        const auto byte = static_cast<unsigned char>(raw[i]);
        text.push_back(kHex[byte >> 4]);
        text.push_back(kHex[byte & 0x0F]);
    }
    return text;
}

}  // namespace sesame::server::crypto
