#pragma once
// What a string member of the wire may contain: one rule per kind of string,
// shared by every type that has such a member.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sesame::contract::detail {

struct TextRule {
    std::size_t maxChars = 0;                    // Unicode code points
    bool (*format)(std::string_view) = nullptr;  // syntax on top of the common checks
    std::string_view formatMessage = {};         // why `format` refused, e.g. "must be ..."
    bool multiline = false;                      // '\n' allowed
    bool mayBeEmpty = false;                     // otherwise empty or blank is refused
};

// Why `text` breaks `rule` ("must be valid UTF-8", ...), or nullopt when it
// does not. Every rule refuses invalid UTF-8 and control characters.
std::optional<std::string> textViolation(std::string_view text, const TextRule& rule);

bool isE164(std::string_view text);
bool isRegionCode(std::string_view text);
bool isLanguageTag(std::string_view text);
bool isCurrencyCode(std::string_view text);
bool isDigits(std::string_view text);
bool isIdentifier(std::string_view text);
bool isBearerToken(std::string_view text);
bool isUtcTimestamp(std::string_view text);
bool isHttpsUrl(std::string_view text);
bool isEd25519Key(std::string_view text);

// Free text shown to people.
inline constexpr TextRule kName{.maxChars = 100};
inline constexpr TextRule kPlatform{.maxChars = 32};
inline constexpr TextRule kRawPhone{.maxChars = 64};
inline constexpr TextRule kMessageText{.maxChars = 4096, .multiline = true};
inline constexpr TextRule kProblemTitle{.maxChars = 200};
inline constexpr TextRule kProblemDetail{.maxChars = 4096, .multiline = true, .mayBeEmpty = true};
inline constexpr TextRule kFieldPath{.maxChars = 256, .mayBeEmpty = true};

// Machine-readable strings with a syntax.
inline constexpr TextRule kE164{16, isE164, "must be an E.164 phone number such as +77001234567"};
inline constexpr TextRule kRegion{2, isRegionCode, "must be a two-letter region code such as KZ"};
inline constexpr TextRule kLanguageTag{35, isLanguageTag, "must be a BCP 47 language tag such as ru or kk-KZ"};
inline constexpr TextRule kCurrency{3, isCurrencyCode, "must be an ISO 4217 code of three uppercase letters"};
inline constexpr TextRule kCode{16, isDigits, "must contain only the digits 0-9"};
inline constexpr TextRule kIdentifier{128, isIdentifier, "may contain only letters, digits and - . _ ~ :"};
inline constexpr TextRule kTermsVersion{32, isIdentifier, "may contain only letters, digits and - . _ ~ :"};
inline constexpr TextRule kToken{4096, isBearerToken, "must be a token of letters, digits and - . _ ~ + / ="};
// Ours are 43 characters; openapi.json allows 512.
inline constexpr TextRule kRefreshToken{512, isBearerToken, "must be a token of letters, digits and - . _ ~ + / ="};
inline constexpr TextRule kTimestamp{35, isUtcTimestamp, "must be an RFC 3339 UTC time such as 2024-05-01T12:00:00Z"};
inline constexpr TextRule kHttpsUrl{2048, isHttpsUrl, "must be an https URL"};
inline constexpr TextRule kEd25519Key{43, isEd25519Key, "must be a 32-byte key in unpadded base64url"};

}  // namespace sesame::contract::detail
