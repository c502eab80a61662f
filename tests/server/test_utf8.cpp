#include "http/utf8.h"

#include <catch2/catch.hpp>

using sesame::server::http::isValidUtf8;
using namespace std::string_literals;

TEST_CASE("isValidUtf8 accepts well-formed text at every sequence length and boundary", "[utf8]") {
    const auto text = GENERATE(as<std::string>{}, "", "ascii", "\0"s, "\x7f", "\xc2\x80", "\xdf\xbf", "Қазақстан",
                               "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf", "\xf0\x90\x80\x80",
                               "\xf4\x8f\xbf\xbf", "\U0001F4DE");
    CAPTURE(text);
    CHECK(isValidUtf8(text));
}

TEST_CASE("isValidUtf8 rejects overlongs, surrogates, out-of-range and truncated sequences", "[utf8]") {
    const auto text = GENERATE(as<std::string>{}, "\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xc2", "\xc2\x41",
                               "\xe0\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf", "\xe1\x80", "\xe1\x80\x41",
                               "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\xfe",
                               "\xf1\x80\x80", "ok\xc3");
    CAPTURE(text);
    CHECK_FALSE(isValidUtf8(text));
}
