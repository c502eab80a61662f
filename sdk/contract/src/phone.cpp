#include <sesame/contract/phone.h>

#include "phone_util.h"

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <set>

namespace sesame::contract {

namespace pn = i18n::phonenumbers;
using Util = pn::PhoneNumberUtil;

namespace detail {

const Util& phoneUtil()
{
    static const Util& util = [] () -> const Util& {
        Util* instance = Util::GetInstance();
        instance->SetLogger(new pn::NullLogger());  // the library takes ownership
        return *instance;
    }();
    return util;
}

}  // namespace detail

namespace {

constexpr std::array kAllErrors = {
    PhoneError::Empty,         PhoneError::TooLong,       PhoneError::InvalidCharacters,
    PhoneError::MissingRegion, PhoneError::UnknownRegion, PhoneError::InvalidCountryCode,
    PhoneError::TooShort,      PhoneError::TooLongNumber, PhoneError::InvalidNumber,
    PhoneError::NotMobile,
};

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
char toUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

std::string_view trimLeadingSpaces(std::string_view text)
{
    return text.substr(std::min(text.find_first_not_of(' '), text.size()));
}

// The wire alphabet: a strict whitelist so that letters (vanity numbers,
// "ext."), control characters and Unicode digits never reach libphonenumber,
// which would otherwise interpret several of them.
bool hasOnlyAllowedCharacters(std::string_view input)
{
    const std::string_view body = trimLeadingSpaces(input);
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        const bool punctuation = c == ' ' || c == '(' || c == ')' || c == '-' || c == '.';
        if (!isDigit(c) && !punctuation && !(c == '+' && i == 0)) {
            return false;
        }
    }
    return true;
}

const std::set<std::string>& supportedRegions()
{
    static const std::set<std::string> regions = [] {
        std::set<std::string> all;
        detail::phoneUtil().GetSupportedRegions(&all);
        return all;
    }();
    return regions;
}

const std::set<int>& supportedCallingCodes()
{
    static const std::set<int> codes = [] {
        std::set<int> all;
        detail::phoneUtil().GetSupportedCallingCodes(&all);
        return all;
    }();
    return codes;
}

PhoneError fromParseError(Util::ErrorType error)
{
    switch (error) {
    case Util::INVALID_COUNTRY_CODE_ERROR: return PhoneError::InvalidCountryCode;
    case Util::TOO_LONG_NSN: return PhoneError::TooLongNumber;
    // NOT_A_NUMBER here means "fewer than 3 digits": the characters are vetted already.
    default: return PhoneError::TooShort;
    }
}

PhoneError whyInvalid(const pn::PhoneNumber& number)
{
    switch (detail::phoneUtil().IsPossibleNumberWithReason(number)) {
    case Util::INVALID_COUNTRY_CODE: return PhoneError::InvalidCountryCode;
    case Util::TOO_SHORT: return PhoneError::TooShort;
    case Util::TOO_LONG: return PhoneError::TooLongNumber;
    default: return PhoneError::InvalidNumber;
    }
}

// Codes go out by SMS or Telegram (registered on an SMS-capable number), so
// only types that certainly reach a mobile handset pass. PAGER, VOIP,
// PERSONAL_NUMBER and UAN may forward to one, but not reliably.
bool canReceiveCodes(Util::PhoneNumberType type)
{
    return type == Util::MOBILE || type == Util::FIXED_LINE_OR_MOBILE;
}

Expected<std::string, PhoneError> parseVetted(const std::string& input, const std::string& region)
{
    const Util& util = detail::phoneUtil();
    pn::PhoneNumber number;
    if (const auto error = util.Parse(input, region.empty() ? "ZZ" : region, &number);
        error != Util::NO_PARSING_ERROR) {
        return unexpected(fromParseError(error));
    }
    if (!util.IsValidNumber(number)) {
        return unexpected(whyInvalid(number));
    }
    if (!canReceiveCodes(util.GetNumberType(number))) {
        return unexpected(PhoneError::NotMobile);
    }
    std::string e164;
    util.Format(number, Util::E164, &e164);
    return e164;
}

// Length of the calling code at the start of `digits`; 0 if none matches.
// Calling codes are prefix-free, so the first match is the only one.
std::size_t callingCodeLength(std::string_view digits)
{
    int code = 0;
    for (std::size_t length = 1; length <= 3 && length <= digits.size(); ++length) {
        code = code * 10 + (digits[length - 1] - '0');
        if (supportedCallingCodes().count(code) != 0) {
            return length;
        }
    }
    return 0;
}

}  // namespace

std::string_view describe(PhoneError error)
{
    switch (error) {
    case PhoneError::Empty: return "no phone number was given";
    case PhoneError::TooLong: return "the phone number input is longer than 64 characters";
    case PhoneError::InvalidCharacters:
        return "a phone number may contain only digits, spaces, '(', ')', '-', '.' and a leading '+'";
    case PhoneError::MissingRegion: return "a number without a leading '+' needs a region";
    case PhoneError::UnknownRegion: return "the region is not a known two-letter ISO 3166 code";
    case PhoneError::InvalidCountryCode: return "no country uses this calling code";
    case PhoneError::TooShort: return "the number is too short for its country";
    case PhoneError::TooLongNumber: return "the number is too long for its country";
    case PhoneError::InvalidNumber: return "the number does not exist in its country's numbering plan";
    case PhoneError::NotMobile: return "the number cannot receive text messages (it is not a mobile number)";
    }
    return "the phone number is invalid";
}

std::string_view wireName(PhoneError error)
{
    switch (error) {
    case PhoneError::Empty: return "empty";
    case PhoneError::TooLong: return "too_long";
    case PhoneError::InvalidCharacters: return "invalid_characters";
    case PhoneError::MissingRegion: return "missing_region";
    case PhoneError::UnknownRegion: return "unknown_region";
    case PhoneError::InvalidCountryCode: return "invalid_country_code";
    case PhoneError::TooShort: return "too_short";
    case PhoneError::TooLongNumber: return "too_long_number";
    case PhoneError::InvalidNumber: return "invalid_number";
    case PhoneError::NotMobile: return "not_mobile";
    }
    return "invalid_number";
}

std::span<const PhoneError> allPhoneErrors() { return kAllErrors; }

Expected<std::string, PhoneError> normalizePhone(std::string_view input, std::string_view region)
{
    if (input.size() > kMaxPhoneInputBytes) {
        return unexpected(PhoneError::TooLong);
    }
    if (!hasOnlyAllowedCharacters(input)) {
        return unexpected(PhoneError::InvalidCharacters);
    }
    if (std::none_of(input.begin(), input.end(), isDigit)) {
        return unexpected(PhoneError::Empty);
    }
    const std::string knownRegion = canonicalRegion(region);
    if (!region.empty() && knownRegion.empty()) {
        return unexpected(PhoneError::UnknownRegion);
    }
    if (knownRegion.empty() && trimLeadingSpaces(input).front() != '+') {
        return unexpected(PhoneError::MissingRegion);
    }
    return parseVetted(std::string(input), knownRegion);
}

std::string maskPhone(std::string_view e164)
{
    if (e164.empty()) {
        return {};
    }
    if (e164.front() != '+') {
        return "***";
    }
    const std::string_view digits = e164.substr(1);
    if (digits.size() > 15 || !std::all_of(digits.begin(), digits.end(), isDigit)) {
        return "+***";  // not E.164, which allows 15 digits
    }
    const std::size_t codeLength = callingCodeLength(digits);
    // 7 national digits are the fewest that leave 3 hidden beside the last 4.
    if (codeLength == 0 || digits.size() - codeLength < 7) {
        return "+***";
    }
    const std::size_t lead = std::min<std::size_t>(3, digits.size() - codeLength - 7);
    std::string masked = "+";
    masked.append(digits.substr(0, codeLength + lead));
    masked.append("***");
    masked.append(digits.substr(digits.size() - 4));
    return masked;
}

std::string canonicalRegion(std::string_view region)
{
    if (region.size() != 2 || !isAsciiLetter(region[0]) || !isAsciiLetter(region[1])) {
        return {};
    }
    std::string upper{toUpper(region[0]), toUpper(region[1])};
    return supportedRegions().count(upper) != 0 ? upper : std::string{};
}

std::string phoneRegion(std::string_view e164)
{
    const Util& util = detail::phoneUtil();
    pn::PhoneNumber number;
    if (e164.empty() || e164.front() != '+' ||
        util.Parse(std::string(e164), "ZZ", &number) != Util::NO_PARSING_ERROR || !util.IsValidNumber(number)) {
        return {};
    }
    std::string region;
    util.GetRegionCodeForNumber(number, &region);
    return region == "ZZ" || region == "001" ? std::string{} : region;
}

std::string regionForLocale(std::string_view localeName)
{
    // Drop the POSIX codeset and modifier: "sr_RS.UTF-8@latin".
    std::string_view rest = localeName.substr(0, localeName.find_first_of(".@"));
    // The first subtag is the language; a region is the first later 2-letter
    // one (scripts have 4 letters, extlangs 3, variants 5+); a 1-character
    // subtag opens extensions or private use, where no region can follow.
    bool language = true;
    while (!rest.empty()) {
        const std::size_t end = std::min(rest.find_first_of("-_"), rest.size());
        const std::string_view subtag = rest.substr(0, end);
        rest.remove_prefix(std::min(end + 1, rest.size()));
        if (language) {
            language = false;
        } else if (subtag.size() == 1) {
            break;
        } else if (subtag.size() == 2) {
            return canonicalRegion(subtag);
        }
    }
    return {};
}

}  // namespace sesame::contract
