#include "crypto/base64url.h"
#include "crypto/sealed_box.h"

#include <catch2/catch.hpp>

#include <string>

using namespace sesame::server::crypto;

TEST_CASE("sealed box round-trips and never shows the plain text", "[sealed_box]") {
    const SealedBox box("pepper-one");
    for (const std::string& plain : {std::string(), std::string("123456"), std::string("a\0b", 3),
                                    std::string("код 654321"), std::string(70000, 'x')}) {
        const std::string sealed = box.seal(plain);
        CHECK(sealed.find_first_of("+/=") == std::string::npos);
        CHECK(base64UrlDecode(sealed)->size() == 12 + plain.size() + 16);
        if (!plain.empty()) {
            CHECK(sealed.find(plain) == std::string::npos);
        }
        const auto opened = box.open(sealed);
        REQUIRE(opened);
        CHECK(opened.value() == plain);
    }
    CHECK(box.seal("123456") != box.seal("123456"));  // a fresh nonce each time
}

TEST_CASE("sealed box refuses tampered, foreign and malformed payloads", "[sealed_box]") {
    const SealedBox box("pepper-one");
    const std::string sealed = box.seal("{\"code\":\"123456\"}");
    CHECK_FALSE(SealedBox("pepper-two").open(sealed));
    auto raw = *base64UrlDecode(sealed);
    for (std::size_t at : {std::size_t{0}, std::size_t{12}, raw.size() - 1}) {  // nonce, cipher text, tag
        auto flipped = raw;
        flipped[at] = static_cast<char>(flipped[at] ^ 0x01);
        CHECK(box.open(base64UrlEncode(flipped)).error() == "sealed payload does not authenticate");
    }
    CHECK(box.open(base64UrlEncode(raw.substr(0, 27))).error() == "sealed payload too short");
    CHECK(box.open("").error() == "sealed payload too short");
    CHECK(box.open("not base64!").error() == "sealed payload is not base64url");
    CHECK(box.open(sealed + "A").error() == "sealed payload is not base64url");
}
