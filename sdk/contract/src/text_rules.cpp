#include "text_rules.h"

#include <algorithm>

namespace sesame::contract::detail {
namespace {

constexpr char32_t kMalformed = 0xFFFFFFFF;

struct LeadByte {
    unsigned char mask;
    unsigned char value;
    int continuation;    // bytes that follow
    char32_t smallest;   // below this the form is overlong
};
constexpr LeadByte kLeadBytes[] = {{0xE0, 0xC0, 1, 0x80}, {0xF0, 0xE0, 2, 0x800}, {0xF8, 0xF0, 3, 0x10000}};

// Decodes the code point at text[pos] and moves pos past it. Overlong forms,
// surrogates and values above U+10FFFF are malformed.
char32_t decodeNext(std::string_view text, std::size_t& pos) {
    const auto lead = static_cast<unsigned char>(text[pos++]);
    if (lead < 0x80) {
        return lead;
    }
    for (const LeadByte& kind : kLeadBytes) {
        if ((lead & kind.mask) != kind.value) {
            continue;
        }
        char32_t point = lead & static_cast<unsigned char>(~kind.mask);
        for (int i = 0; i < kind.continuation; ++i) {
            if (pos >= text.size() || (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80) {
                return kMalformed;
            }
            point = (point << 6) | (static_cast<unsigned char>(text[pos++]) & 0x3F);
        }
        const bool surrogate = point >= 0xD800 && point <= 0xDFFF;
        return point < kind.smallest || point > 0x10FFFF || surrogate ? kMalformed : point;
    }
    return kMalformed;
}

// C0, DEL and C1 controls, plus the line separators and bidi overrides that
// would let a name or message display as something other than what it is.
bool isForbidden(char32_t point, bool multiline) {
    if (point == U'\n') {
        return !multiline;
    }
    return point < 0x20 || (point >= 0x7F && point <= 0x9F) || point == 0x2028 || point == 0x2029
           || (point >= 0x202A && point <= 0x202E) || (point >= 0x2066 && point <= 0x2069);
}

bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool isAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isAsciiLetter(char c) { return isAsciiUpper(c) || (c >= 'a' && c <= 'z'); }
bool isAsciiAlnum(char c) { return isAsciiLetter(c) || isAsciiDigit(c); }
bool isBase64Url(char c) { return isAsciiAlnum(c) || c == '-' || c == '_'; }

bool allOf(std::string_view text, bool (*accepts)(char)) {
    return std::all_of(text.begin(), text.end(), accepts);
}

// The number in text[pos, pos+width) when it is all digits, else -1.
int number(std::string_view text, std::size_t pos, std::size_t width) {
    if (pos + width > text.size()) {
        return -1;
    }
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (!isAsciiDigit(text[i])) {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

int daysInMonth(int year, int month) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

bool isValidDate(int year, int month, int day) {
    return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

bool isValidTime(int hour, int minute, int second) {
    // RFC 3339 allows a leap second (:60).
    return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60;
}

bool hasSeparators(std::string_view text) {
    return text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':';
}

// An optional ".digits" (1 to 9) and then exactly "Z".
bool isFractionAndZulu(std::string_view rest) {
    if (!rest.empty() && rest.front() == '.') {
        const std::size_t digits = std::min(rest.find_first_not_of("0123456789", 1), rest.size()) - 1;
        if (digits == 0 || digits > 9) {
            return false;
        }
        rest.remove_prefix(digits + 1);
    }
    return rest == "Z";
}

}  // namespace

std::optional<std::string> textViolation(std::string_view text, const TextRule& rule) {
    std::size_t chars = 0;
    bool blank = true;
    for (std::size_t pos = 0; pos < text.size(); ++chars) {
        const char32_t point = decodeNext(text, pos);
        if (point == kMalformed) {
            return "must be valid UTF-8";
        }
        if (isForbidden(point, rule.multiline)) {
            return "must not contain control characters";
        }
        blank = blank && (point == U' ' || point == U'\n');
    }
    if (blank && !rule.mayBeEmpty) {
        return "must not be empty";
    }
    if (chars > rule.maxChars) {
        return "must be at most " + std::to_string(rule.maxChars) + " characters";
    }
    if (rule.format != nullptr && !rule.format(text)) {
        return std::string(rule.formatMessage);
    }
    return std::nullopt;
}

bool isE164(std::string_view text) {
    // "+", a non-zero country code digit, at most 15 digits in all.
    return text.size() >= 3 && text.size() <= 16 && text[0] == '+' && text[1] != '0'
           && allOf(text.substr(1), isAsciiDigit);
}

bool isRegionCode(std::string_view text) { return text.size() == 2 && allOf(text, isAsciiLetter); }

bool isLanguageTag(std::string_view text) {
    // A language subtag of 2-8 letters, then subtags of 1-8 letters or digits.
    std::size_t start = 0;
    for (bool first = true;; first = false) {
        const std::size_t end = std::min(text.find('-', start), text.size());
        const std::string_view subtag = text.substr(start, end - start);
        const bool ok = first ? subtag.size() >= 2 && subtag.size() <= 8 && allOf(subtag, isAsciiLetter)
                              : !subtag.empty() && subtag.size() <= 8 && allOf(subtag, isAsciiAlnum);
        if (!ok) {
            return false;
        }
        if (end == text.size()) {
            return true;
        }
        start = end + 1;
    }
}

bool isCurrencyCode(std::string_view text) { return text.size() == 3 && allOf(text, isAsciiUpper); }

bool isDigits(std::string_view text) { return allOf(text, isAsciiDigit); }

bool isIdentifier(std::string_view text) {
    return allOf(text, [](char c) { return isAsciiAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == ':'; });
}

bool isBearerToken(std::string_view text) {
    // RFC 6750 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    std::string_view body = text;
    while (!body.empty() && body.back() == '=') {
        body.remove_suffix(1);
    }
    return !body.empty() && allOf(body, [](char c) {
        return isAsciiAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    });
}

bool isUtcTimestamp(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS[.fraction]Z
    if (text.size() < 20 || !hasSeparators(text)) {
        return false;
    }
    return isValidDate(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2))
           && isValidTime(number(text, 11, 2), number(text, 14, 2), number(text, 17, 2))
           && isFractionAndZulu(text.substr(19));
}

bool isHttpsUrl(std::string_view text) {
    constexpr std::string_view kScheme = "https://";
    const auto visible = [](char c) { return c > ' ' && c < 0x7F; };
    return text.size() > kScheme.size() && text.substr(0, kScheme.size()) == kScheme && text[kScheme.size()] != '/'
           && allOf(text, visible);
}

bool isEd25519Key(std::string_view text) {
    // 32 bytes are 43 base64url characters whose last one carries 2 zero bits,
    // so only the canonical encoding is accepted.
    constexpr std::string_view kCanonicalLast = "AEIMQUYcgkosw048";
    return text.size() == 43 && allOf(text, isBase64Url) && kCanonicalLast.find(text.back()) != std::string_view::npos;
}

}  // namespace sesame::contract::detail
