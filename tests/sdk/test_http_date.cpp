#include "policy/http_date.h"

#include <catch2/catch.hpp>

#include <string>

using namespace std::chrono;
using sesame::parseHttpDate;

TEST_CASE("an IMF-fixdate parses to its UTC instant", "[http_date]") {
    const auto parsed = parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT");
    REQUIRE(parsed);
    CHECK(duration_cast<seconds>(parsed->time_since_epoch()).count() == 784111777);
}

TEST_CASE("dates around leap days and the epoch parse", "[http_date]") {
    CHECK(parseHttpDate("Thu, 01 Jan 1970 00:00:00 GMT") == system_clock::time_point{});
    const auto leap = parseHttpDate("Thu, 29 Feb 2024 23:59:59 GMT");
    REQUIRE(leap);
    CHECK(duration_cast<seconds>(leap->time_since_epoch()).count() == 1709251199);
}

TEST_CASE("anything but a well-formed IMF-fixdate is refused", "[http_date]") {
    const char* const inputs[] = {
        "",
        "Sun, 06 Nov 1994 08:49:37",            // no zone
        "Sun, 06 Nov 1994 08:49:37 UTC",        // another zone name
        "Sunday, 06-Nov-94 08:49:37 GMT",       // RFC 850
        "Sun Nov  6 08:49:37 1994",             // asctime
        "Sun, 6 Nov 1994 08:49:37 GMT",         // one-digit day
        "Mon, 06 Nov 1994 08:49:37 GMT",        // wrong weekday
        "Sun, 31 Nov 1994 08:49:37 GMT",        // no such day
        "Thu, 29 Feb 2023 00:00:00 GMT",        // not a leap year
        "Sun, 06 Nov 1994 24:00:00 GMT",        // hour out of range
        "Sun, 06 Nov 1994 08:60:00 GMT",        // minute out of range
        "Sun, 06 Nov 1994 08:49:60 GMT",        // leap second
        "Sun, 06 nov 1994 08:49:37 GMT",        // month name case
        "Wed, 31 Dec 1969 23:59:59 GMT",        // before the epoch
        "Sun, 06 Nov 1994 08:49:37 GMT ",       // trailing space
        "Sun, 0\x01 Nov 1994 08:49:37 GMT",     // control character
        "Sun, ٠٦ Nov 1994 08:49:37 GMT",        // non-ASCII digits
        "Sun, +6 Nov 1994 08:49:37 GMT",
    };
    for (const char* input : inputs) {
        INFO(input);
        CHECK_FALSE(parseHttpDate(input));
    }
    CHECK_FALSE(parseHttpDate(std::string(100000, 'x')));
    CHECK_FALSE(parseHttpDate(std::string_view("Sun, 06 Nov 1994 08:49:37 GM\0", 29)));
}
