#include <sesame/contract/phone.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <regex>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <unistd.h>

using namespace sesame::contract;
using namespace std::string_literals;

namespace {

struct Accepted {
    std::string input;
    std::string region;
    std::string e164;
};

struct Rejected {
    std::string input;
    std::string region;
    PhoneError error;
};

std::string errorOf(std::string_view input, std::string_view region)
{
    const auto result = normalizePhone(input, region);
    return result ? "accepted as " + result.value() : std::string(wireName(result.error()));
}

}  // namespace

TEST_CASE("normalizePhone accepts mobile numbers in E.164 and national form", "[phone]")
{
    const auto c = GENERATE(values<Accepted>({
        {"+77001234567", "", "+77001234567"},
        {"8 (700) 123-45-67", "KZ", "+77001234567"},
        {"87471234567", "KZ", "+77471234567"},
        {"+7 (700) 123-45-67", "", "+77001234567"},
        {"  +7.700.123.45.67", "", "+77001234567"},
        {"+77001234567", "RU", "+77001234567"},  // the hint never overrides a '+'
        {"8 916 123-45-67", "RU", "+79161234567"},
        {"+79161234567", "", "+79161234567"},
        {"(415) 555-2671", "US", "+14155552671"},  // FIXED_LINE_OR_MOBILE
        {"+1 201 555 0123", "", "+12015550123"},
        {"098765 43210", "IN", "+919876543210"},
        {"9876543210", "IN", "+919876543210"},
        {"+91 98765 43210", "", "+919876543210"},
        {"07911 123456", "GB", "+447911123456"},
        {"+44 7911 123456", "", "+447911123456"},
        {"87001234567", "kz", "+77001234567"},  // region is case-insensitive
        {"00 7 700 123 45 67", "GB", "+77001234567"},  // GB's international prefix
        {"8 10 7 700 123 45 67", "KZ", "+77001234567"},  // KZ's international prefix
        {"+7 700 000 00 01", "", "+77000000001"},  // API.md's test number is a valid KZ mobile
    }));
    CAPTURE(c.input, c.region);
    const auto result = normalizePhone(c.input, c.region);
    REQUIRE(result.hasValue());
    CHECK(result.value() == c.e164);
}

TEST_CASE("normalizePhone rejects numbers that are invalid or cannot receive a code", "[phone]")
{
    const auto c = GENERATE(values<Rejected>({
        {"+442071838750", "", PhoneError::NotMobile},  // GB landline
        {"020 7183 8750", "GB", PhoneError::NotMobile},
        {"+74951234567", "", PhoneError::NotMobile},  // RU landline
        {"8 (8412) 12-34-56", "RU", PhoneError::NotMobile},
        {"+77172123456", "", PhoneError::NotMobile},  // KZ landline
        {"+912223456789", "", PhoneError::NotMobile},  // IN landline
        {"+18005550123", "", PhoneError::NotMobile},  // toll free
        {"8 800 555 35 35", "RU", PhoneError::NotMobile},
        {"+447640123456", "", PhoneError::NotMobile},  // pager
        {"+445612345678", "", PhoneError::NotMobile},  // VoIP
        {"+447012345678", "", PhoneError::NotMobile},  // personal number
        {"+999 123456789", "", PhoneError::InvalidCountryCode},
        {"+0 700 123 4567", "", PhoneError::InvalidCountryCode},
        {"+7700123", "", PhoneError::TooShort},
        {"12", "KZ", PhoneError::TooShort},
        {"1", "KZ", PhoneError::TooShort},
        {"+77", "", PhoneError::TooShort},
        {"+7700123456789012", "", PhoneError::TooLongNumber},
        {"+77001234567890123456", "", PhoneError::TooLongNumber},
        {"+7 100 123 45 67", "", PhoneError::InvalidNumber},  // no such range
        {"+1 555 555 5555", "", PhoneError::InvalidNumber},
        {"+77001234567890", "", PhoneError::InvalidNumber},  // a length no KZ number has
        {"00 7 700 123 45 67", "KZ", PhoneError::InvalidNumber},  // 00 is not KZ's prefix
    }));
    CAPTURE(c.input, c.region);
    CHECK(errorOf(c.input, c.region) == wireName(c.error));
}

TEST_CASE("normalizePhone rejects hostile input before libphonenumber reads it", "[phone]")
{
    const auto c = GENERATE(values<Rejected>({
        {"", "KZ", PhoneError::Empty},
        {"   ", "KZ", PhoneError::Empty},
        {"+", "", PhoneError::Empty},
        {"()-. ", "KZ", PhoneError::Empty},
        {std::string(1 << 20, '7'), "KZ", PhoneError::TooLong},
        {"+77001234567" + std::string(53, ' '), "", PhoneError::TooLong},  // 65 bytes
        {"+7 700 ABC 45 67", "", PhoneError::InvalidCharacters},
        {"1-800-FLOWERS", "US", PhoneError::InvalidCharacters},  // vanity letters
        {"+77001234567 ext 5", "", PhoneError::InvalidCharacters},
        {"+77001234567;ext=5", "", PhoneError::InvalidCharacters},
        {"tel:+77001234567", "", PhoneError::InvalidCharacters},
        {"+7700\0" "1234567"s, "", PhoneError::InvalidCharacters},
        {"+77001234567\n", "", PhoneError::InvalidCharacters},
        {"\x1b[31m+77001234567", "", PhoneError::InvalidCharacters},
        {"+7700\t1234567", "", PhoneError::InvalidCharacters},
        {"+\u0667\u0667\u0660\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667", "", PhoneError::InvalidCharacters},  // Arabic-Indic
        {"\uff0b\uff17\uff17\uff10\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17", "", PhoneError::InvalidCharacters},  // fullwidth
        {"+\u096d\u096d\u0966\u0966\u0967\u0968\u0969\u096a\u096b\u096c\u096d", "", PhoneError::InvalidCharacters},  // Devanagari
        {"+7\u00a0700\u00a01234567", "", PhoneError::InvalidCharacters},  // no-break space
        {"\U0001F4DE +77001234567", "", PhoneError::InvalidCharacters},  // emoji
        {"+7700\xff\xfe" "1234567", "", PhoneError::InvalidCharacters},  // not UTF-8
        {"++77001234567", "", PhoneError::InvalidCharacters},
        {"+7 700 123 45 67 +", "", PhoneError::InvalidCharacters},
        {"(+7) 700 123 45 67", "", PhoneError::InvalidCharacters},
        {"8 (700) 123-45-67", "", PhoneError::MissingRegion},
        {"00 7 700 123 45 67", "", PhoneError::MissingRegion},
        {"87001234567", "XX", PhoneError::UnknownRegion},
        {"87001234567", "ZZ", PhoneError::UnknownRegion},  // libphonenumber's "unknown"
        {"87001234567", "001", PhoneError::UnknownRegion},  // its non-geographic marker
        {"87001234567", "KAZ", PhoneError::UnknownRegion},
        {"87001234567", "K", PhoneError::UnknownRegion},
        {"87001234567", "\u041a\u0417", PhoneError::UnknownRegion},  // Cyrillic "КЗ"
        {"87001234567", "K\0"s, PhoneError::UnknownRegion},
        {"+77001234567", "XX", PhoneError::UnknownRegion},  // validated even when unused
    }));
    CAPTURE(c.input.substr(0, 80), c.region);
    CHECK(errorOf(c.input, c.region) == wireName(c.error));
}

TEST_CASE("normalizePhone accepts exactly kMaxPhoneInputBytes", "[phone]")
{
    const std::string padded = "+77001234567" + std::string(kMaxPhoneInputBytes - 12, ' ');
    REQUIRE(padded.size() == kMaxPhoneInputBytes);
    CHECK(errorOf(padded, "") == "accepted as +77001234567");
}

TEST_CASE("libphonenumber never writes the input to stdout or stderr", "[phone]")
{
    std::FILE* sink = std::tmpfile();
    REQUIRE(sink != nullptr);
    std::fflush(stdout);
    std::fflush(stderr);
    const int savedOut = dup(1);
    const int savedErr = dup(2);
    dup2(fileno(sink), 1);
    dup2(fileno(sink), 2);
    const std::pair<const char*, const char*> inputs[] = {
        {"+77001234567", "ZZ"}, {"87001234567", "XX"}, {"+999123456789", ""}, {"+77", ""}, {"8 800 555 35 35", "RU"},
    };
    for (const auto& [input, region] : inputs) {
        std::ignore = normalizePhone(input, region);
    }
    std::ignore = maskPhone("+999123456789");
    std::ignore = regionForLocale("xx_ZZ");
    std::fflush(stdout);
    std::fflush(stderr);
    dup2(savedOut, 1);
    dup2(savedErr, 2);
    close(savedOut);
    close(savedErr);
    CHECK(lseek(fileno(sink), 0, SEEK_END) == 0);
    std::fclose(sink);
}

TEST_CASE("every PhoneError has a distinct snake_case wire name and a description", "[phone]")
{
    std::set<std::string_view> names;
    std::set<std::string_view> descriptions;
    for (const PhoneError error : allPhoneErrors()) {
        const std::string name(wireName(error));
        CAPTURE(name);
        CHECK(std::regex_match(name, std::regex("[a-z]+(_[a-z]+)*")));
        CHECK(names.insert(wireName(error)).second);
        CHECK(descriptions.insert(describe(error)).second);
        CHECK(describe(error).size() > 10);
    }
    CHECK(names.size() == 10);
    CHECK(wireName(PhoneError::NotMobile) == "not_mobile");
}

TEST_CASE("maskPhone keeps the country code, up to 3 digits and the last 4", "[phone]")
{
    const auto [input, masked] = GENERATE(table<std::string, std::string>({
        {"+77001234567", "+7700***4567"},
        {"+77000000001", "+7700***0001"},
        {"+12015550123", "+1201***0123"},
        {"+447911123456", "+44791***3456"},
        {"+919876543210", "+91987***3210"},
        {"+8613812345678", "+86138***5678"},
        {"+37251234567", "+3725***4567"},  // 8 national digits: 1 lead shown
        {"+3546111234", "+354***1234"},  // 7 national digits: none
        {"+2904123", "+***"},  // too short to hide 3 digits
        {"+", "+***"},
        {"+7", "+***"},
        {"+9991234567890", "+***"},  // no such calling code
        {"+7700123456789012", "+***"},  // 16 digits: not E.164
        {"+7700 123 4567", "+***"},
        {"+7700\n1234567", "+***"},
        {"+7700\u0661\u0662\u0663\u0664567", "+***"},
        {"87001234567", "***"},
        {"\x1b[31m", "***"},
        {std::string(1 << 20, '7'), "***"},
        {"", ""},
    }));
    CAPTURE(input.substr(0, 40));
    CHECK(maskPhone(input) == masked);
}

TEST_CASE("canonicalRegion upper-cases known regions and refuses the rest", "[phone]")
{
    const auto [input, region] = GENERATE(table<std::string, std::string>({
        {"KZ", "KZ"}, {"kz", "KZ"}, {"uS", "US"}, {"GB", "GB"},
        {"UK", ""}, {"ZZ", ""}, {"001", ""}, {"", ""}, {"K", ""}, {"KZ ", ""},
        {"\u041a\u0417", ""}, {"K\0"s, ""}, {std::string(1 << 20, 'K'), ""},
    }));
    CAPTURE(input.substr(0, 10));
    CHECK(canonicalRegion(input) == region);
}

TEST_CASE("regionForLocale finds the region of POSIX and BCP 47 names", "[phone]")
{
    const auto [locale, region] = GENERATE(table<std::string, std::string>({
        {"ru_KZ", "KZ"}, {"en-US", "US"}, {"kk_KZ.UTF-8", "KZ"}, {"sr_RS@latin", "RS"},
        {"zh-Hant-TW", "TW"}, {"en_gb", "GB"}, {"ru-RU-x-kz", "RU"}, {"en-x-us", ""},
        {"en", ""}, {"C", ""}, {"POSIX", ""}, {"", ""}, {"es-419", ""}, {"en-ZZ", ""},
        {"en_", ""}, {"-", ""}, {"ru_K\u0417", ""}, {"en-\x1b[", ""},
        {std::string(1 << 20, '-'), ""},
    }));
    CAPTURE(locale.substr(0, 20));
    CHECK(regionForLocale(locale) == region);
}

TEST_CASE("phoneRegion names the country of an E.164 number", "[phone]")
{
    const auto [phone, region] = GENERATE(table<std::string, std::string>({
        {"+77001234567", "KZ"}, {"+79161234567", "RU"}, {"+919876543210", "IN"}, {"+447400123456", "GB"},
        {"+12025550123", "US"}, {"77001234567", ""}, {"+7", ""}, {"", ""}, {"+80012345678", ""},
        {"+7700123456\u0437", ""}, {std::string(1000, '9'), ""},
    }));
    CAPTURE(phone.substr(0, 20));
    CHECK(phoneRegion(phone) == region);
}
