#include <sesame/contract/phone.h>
#include <sesame/contract/phone_formatter.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace sesame::contract;
using namespace std::string_literals;

namespace {

struct Typing {
    std::string region;
    std::string keys;
    std::vector<std::string> shown;  // the display after each key
};

int digitsIn(std::string_view text)
{
    return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

bool onlyWireCharacters(std::string_view text)
{
    return text.find_first_not_of("0123456789 ()-.+") == std::string_view::npos
        && text.find('+', 1) == std::string_view::npos;
}

}  // namespace

TEST_CASE("PhoneFormatter formats progressively, one key at a time", "[phone][formatter]")
{
    const auto c = GENERATE(values<Typing>({
        {"KZ", "87001234567", {"8", "87", "870", "8 700", "8 700 1", "8 700 12", "8 700 123", "8 700 123 4",
                               "8 700 123 45", "8 700 123 456", "8 700 123 4567"}},
        {"KZ", "+77001234567", {"+", "+7", "+7 7", "+7 70", "+7 700", "+7 700 1", "+7 700 12", "+7 700 123",
                                "+7 700 123 4", "+7 700 123 45", "+7 700 123 456", "+7 700 123 4567"}},
        {"US", "2015550123", {"2", "20", "201", "201-5", "201-55", "201-555", "201-5550", "(201) 555-01",
                              "(201) 555-012", "(201) 555-0123"}},
        {"US", "+12015550123", {"+", "+1", "+1 2", "+1 20", "+1 201", "+1 201-5", "+1 201-55", "+1 201-555",
                                "+1 201-555-0", "+1 201-555-01", "+1 201-555-012", "+1 201-555-0123"}},
    }));
    REQUIRE(c.shown.size() == c.keys.size());
    const PhoneFormatter formatter(c.region);
    std::string field;
    for (std::size_t i = 0; i < c.keys.size(); ++i) {
        field += c.keys[i];  // the UI appends the key to the shown text
        field = formatter.format(field);
        CAPTURE(c.region, c.keys.substr(0, i + 1));
        CHECK(field == c.shown[i]);
    }
}

TEST_CASE("PhoneFormatter re-formats pasted text and drops junk", "[phone][formatter]")
{
    const auto [region, typed, shown] = GENERATE(table<std::string, std::string, std::string>({
        {"KZ", "8 (700) 123-45-67", "8 700 123 4567"},
        {"kz", "+7 (700) 123-45-67", "+7 700 123 4567"},
        {"US", "(201) 555-0123", "(201) 555-0123"},
        {"US", "+1 201 555 0123", "+1 201-555-0123"},
        {"GB", "07911 123456", "07911 123456"},
        {"RU", "8-916-123-45-67", "8 916 123-45-67"},
        {"KZ", "8a7b0c0d1e2f3g4h5i6j7", "8 700 123 4567"},
        {"KZ", "\U0001F4DE +7 (700) 123-45-67 \u260E", "+7 700 123 4567"},
        {"KZ", "\0\n\x1b[K+7700\t1234567"s, "+7 700 123 4567"},
        {"KZ", "++7700", "+7 700"},
        {"KZ", "7+7001234567", "77001234567"},  // a '+' inside is dropped
        {"KZ", "+7\u0667\u0660\u0660", "+7"},  // only ASCII digits count
        {"KZ", "\uff0b\uff17", ""},
        {"KZ", "\xff\xfe\xfd", ""},
        {"KZ", "abc", ""},
        {"KZ", "+", "+"},
        {"KZ", "", ""},
        {"XX", "87001234567", "87001234567"},  // unknown region: national stays bare
        {"XX", "+77001234567", "+7 700 123 4567"},
    }));
    CAPTURE(region, typed);
    CHECK(PhoneFormatter(region).format(typed) == shown);
}

TEST_CASE("PhoneFormatter keeps the region only when libphonenumber knows it", "[phone][formatter]")
{
    CHECK(PhoneFormatter("kz").region() == "KZ");
    CHECK(PhoneFormatter("XX").region().empty());
    CHECK(PhoneFormatter("").region().empty());
    CHECK(PhoneFormatter("K\0"s).region().empty());
}

TEST_CASE("PhoneFormatter caps an oversized paste at kMaxDigits", "[phone][formatter]")
{
    const std::string shown = PhoneFormatter("KZ").format(std::string(1 << 20, '7'));
    CHECK(digitsIn(shown) == PhoneFormatter::kMaxDigits);
    CHECK(onlyWireCharacters(shown));
}

TEST_CASE("PhoneFormatter output uses only the wire alphabet in every region", "[phone][formatter]")
{
    // Every region libphonenumber knows, with national and international input.
    for (char a = 'A'; a <= 'Z'; ++a) {
        for (char b = 'A'; b <= 'Z'; ++b) {
            const std::string region = canonicalRegion(std::string{a, b});
            if (region.empty()) {
                continue;
            }
            const PhoneFormatter formatter(region);
            for (const std::string typed : {"0123456789012", "8123456789", "+77001234567", "+447911123456"}) {
                const std::string shown = formatter.format(typed);
                CAPTURE(region, typed, shown);
                CHECK(onlyWireCharacters(shown));
                CHECK(digitsIn(shown) == digitsIn(typed));
            }
        }
    }
}

TEST_CASE("PhoneFormatter output of a whole number normalises to its E.164", "[phone][formatter]")
{
    const auto [region, typed, e164] = GENERATE(table<std::string, std::string, std::string>({
        {"KZ", "87001234567", "+77001234567"},
        {"US", "2015550123", "+12015550123"},
        {"GB", "07911123456", "+447911123456"},
        {"IN", "09876543210", "+919876543210"},
        {"RU", "+79161234567", "+79161234567"},
    }));
    const auto normalized = normalizePhone(PhoneFormatter(region).format(typed), region);
    REQUIRE(normalized.hasValue());
    CHECK(normalized.value() == e164);
}

TEST_CASE("caretAfterDigits puts the caret after the same number of digits", "[phone][formatter]")
{
    const auto [formatted, digits, caret] = GENERATE(table<std::string, int, int>({
        {"8 700 123 4567", 0, 0},
        {"8 700 123 4567", 1, 1},
        {"8 700 123 4567", 2, 3},
        {"8 700 123 4567", 4, 5},
        {"8 700 123 4567", 5, 7},
        {"8 700 123 4567", 11, 14},
        {"8 700 123 4567", 99, 14},
        {"8 700 123 4567", -3, 0},
        {"+7 700 123 4567", 0, 1},  // after the '+', so the next key lands behind it
        {"+7 700 123 4567", 1, 2},
        {"+7 700 123 4567", 2, 4},
        {"(201) 555-0123", 3, 4},
        {"(201) 555-0123", 4, 7},
        {"+", 0, 1},
        {"+", 5, 1},
        {"", 3, 0},
    }));
    CAPTURE(formatted, digits);
    CHECK(PhoneFormatter::caretAfterDigits(formatted, digits) == caret);
}
