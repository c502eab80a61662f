#pragma once
// Phone numbers on the wire (API.md "Phones"): normalisation to E.164,
// masking for logs and locale-to-region hints. Backed by libphonenumber,
// which never appears in this header.

#include <sesame/contract/expected.h>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace sesame::contract {

// Why normalizePhone refused an input; sent as the `reason` extension of a
// 400 invalid_phone problem (see wireName).
enum class PhoneError {
    Empty,              // no digits at all (empty, blank, a lone "+")
    TooLong,            // raw input over kMaxPhoneInputBytes
    InvalidCharacters,  // anything but ASCII digits, ' ', '(', ')', '-', '.', one leading '+'
    MissingRegion,      // national form without a region hint
    UnknownRegion,      // region hint not a two-letter region libphonenumber knows
    InvalidCountryCode, // no country uses that calling code
    TooShort,           // fewer digits than any number of that country
    TooLongNumber,      // more digits than any number of that country
    InvalidNumber,      // right length range, but not a number of that country
    NotMobile,          // valid, but cannot receive a code (landline, toll-free, VoIP, pager...)
};

// Longest raw phone input looked at; longer is PhoneError::TooLong.
inline constexpr std::size_t kMaxPhoneInputBytes = 64;

// A fixed English sentence explaining the error (for `detail` and logs).
std::string_view describe(PhoneError error);
// The snake_case wire string, e.g. "not_mobile"; stable once published.
std::string_view wireName(PhoneError error);
// Every PhoneError, in declaration order (for tests and documentation).
std::span<const PhoneError> allPhoneErrors();

// Normalises `input` to E.164 ("+77001234567"). Accepts E.164 or a national
// form with an ISO 3166 alpha-2 `region` hint (case-insensitive; ignored for
// input starting with '+', but still validated). Only numbers that can receive
// a code by SMS or Telegram pass: libphonenumber type MOBILE or
// FIXED_LINE_OR_MOBILE. An international call prefix ("00", "810") is
// understood only as the region hint's own prefix.
Expected<std::string, PhoneError> normalizePhone(std::string_view input, std::string_view region = {});

// "+77001234567" -> "+7700***4567": the country code, up to 3 more digits and
// the last 4, at least 3 digits always hidden. Anything that is not a
// plausible E.164 number becomes "+***" (or "***" without a leading '+');
// "" stays "". Safe for any input in any log line.
std::string maskPhone(std::string_view e164);

// The upper-case region a libphonenumber knows ("kz" -> "KZ"), or "" for
// anything else ("ZZ", "001", "K", non-ASCII).
std::string canonicalRegion(std::string_view region);

// The upper-case region of an E.164 number ("+77001234567" -> "KZ"), or ""
// when it is not a valid number (policies that restrict a channel by country).
std::string phoneRegion(std::string_view e164);

// The region of a POSIX or BCP 47 locale name ("ru_KZ", "en-US",
// "sr_RS@latin", "zh-Hant-TW" -> "TW"); "" if it names none or an unknown one.
std::string regionForLocale(std::string_view localeName);

}  // namespace sesame::contract
