#include "crypto/base64url.h"
#include "crypto/constant_time.h"
#include "crypto/ed25519_key.h"
#include "crypto/hmac.h"
#include "crypto/random.h"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>

using namespace sesame::server::crypto;

TEST_CASE("base64url round-trips every length and uses the url-safe alphabet", "[crypto]") {
    std::string bytes;
    for (int i = 0; i < 70; ++i) {
        const std::string encoded = base64UrlEncode(bytes);
        CHECK(encoded.find_first_of("+/=") == std::string::npos);
        const auto decoded = base64UrlDecode(encoded);
        REQUIRE(decoded);
        CHECK(*decoded == bytes);
        bytes.push_back(static_cast<char>(0xFF - i * 7));
    }
    CHECK(base64UrlEncode("\xfb\xff") == "-_8");
    CHECK(base64UrlEncode("any carnal pleas") == "YW55IGNhcm5hbCBwbGVhcw");
}

TEST_CASE("base64url decoding is strict", "[crypto]") {
    CHECK_FALSE(base64UrlDecode("YW55=="));    // padding
    CHECK_FALSE(base64UrlDecode("YW5+"));      // standard alphabet
    CHECK_FALSE(base64UrlDecode("YW 5"));      // whitespace
    CHECK_FALSE(base64UrlDecode("Y"));         // impossible length
    CHECK_FALSE(base64UrlDecode("YR"));        // non-zero trailing bits ("YQ" is canonical)
    CHECK_FALSE(base64UrlDecode("\xd0\x96"));  // non-ASCII
    CHECK(base64UrlDecode("YQ") == std::optional<std::string>("a"));
    CHECK(base64UrlDecode("") == std::optional<std::string>(""));
}

TEST_CASE("HMAC-SHA256 matches RFC 4231 test case 2", "[crypto]") {
    CHECK(hmacSha256Hex("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK(hmacSha256("Jefe", "what do ya want for nothing?").size() == 32);
    CHECK(hmacSha256Base64Url("Jefe", "what do ya want for nothing?").size() == 43);
    CHECK(hmacSha256Hex("", "") == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    CHECK(toHex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("constant-time equality compares whole contents", "[crypto]") {
    CHECK(constantTimeEquals("", ""));
    CHECK(constantTimeEquals("abc", "abc"));
    CHECK_FALSE(constantTimeEquals("abc", "abd"));
    CHECK_FALSE(constantTimeEquals("abc", "ab"));
    CHECK_FALSE(constantTimeEquals("", "a"));
    CHECK_FALSE(constantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));  // past an embedded NUL
    const std::string hash = hmacSha256Hex("k", "x");
    std::string other = hash;
    other.back() = other.back() == '0' ? '1' : '0';
    CHECK_FALSE(constantTimeEquals(hash, other));
}

TEST_CASE("random digits have the asked length and a flat distribution", "[crypto]") {
    CHECK(randomDigits(0).empty());
    CHECK(randomDigits(16).size() == 16);
    std::array<int, 10> counts{};
    constexpr int kCodes = 20000;
    for (int i = 0; i < kCodes; ++i) {
        for (char digit : randomDigits(6)) {
            REQUIRE(digit >= '0');
            REQUIRE(digit <= '9');
            ++counts[static_cast<std::size_t>(digit - '0')];
        }
    }
    // 120,000 digits: each expected 12,000 times (sd about 104). A plain
    // byte % 10 would give 0-5 about +190 and 6-9 about -280: chi-square near
    // 44, which the bound below rejects; a fair source fails it once in 10,000 runs.
    double chiSquare = 0;
    for (int count : counts) {
        CHECK(count > 12000 - 620);
        CHECK(count < 12000 + 620);
        chiSquare += (count - 12000.0) * (count - 12000.0) / 12000.0;
    }
    CHECK(chiSquare < 33.7);  // p = 0.0001 with 9 degrees of freedom
}

TEST_CASE("random tokens and UUIDs do not repeat and are well-formed", "[crypto]") {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string token = randomToken(32);
        CHECK(token.size() == 43);
        CHECK(seen.insert(token).second);
        const std::string uuid = randomUuid();
        REQUIRE(uuid.size() == 36);
        CHECK(uuid[8] == '-');
        CHECK(uuid[14] == '4');
        CHECK(std::string("89ab").find(uuid[19]) != std::string::npos);
        CHECK(seen.insert(uuid).second);
    }
    CHECK(randomBytes(0).empty());
    CHECK(randomBytes(64).size() == 64);
}

TEST_CASE("Ed25519 keys sign deterministically and verify", "[crypto]") {
    const auto key = Ed25519Key::generate();
    REQUIRE(key);
    CHECK(key->canSign());
    CHECK(key->publicRaw().size() == 32);
    CHECK(key->kid() == base64UrlEncode(sha256(key->publicRaw())).substr(0, 16));
    const std::string signature = key->sign("message");
    CHECK(signature.size() == 64);
    CHECK(key->sign("message") == signature);
    CHECK(key->verify("message", signature));
    CHECK_FALSE(key->verify("messagE", signature));
    CHECK_FALSE(key->verify("message", signature.substr(1)));

    const auto publicOnly = Ed25519Key::fromPublicRaw(key->publicRaw());
    REQUIRE(publicOnly);
    CHECK_FALSE(publicOnly->canSign());
    CHECK(publicOnly->kid() == key->kid());
    CHECK(publicOnly->verify("message", signature));
    CHECK_FALSE(Ed25519Key::fromPublicRaw("short"));
}

TEST_CASE("Ed25519 private keys load from PEM, and bad files are refused", "[crypto]") {
    // RFC 8410 §10.3 example key.
    const std::string pem =
        "-----BEGIN PRIVATE KEY-----\n"
        "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
        "-----END PRIVATE KEY-----\n";
    const auto key = Ed25519Key::fromPrivatePem(pem);
    REQUIRE(key);
    CHECK(toHex(key->publicRaw()) == "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1");

    const std::string path = "server_domain_tests_key.pem";
    std::ofstream(path) << pem;
    const auto loaded = Ed25519Key::loadPrivatePem(path);
    std::remove(path.c_str());
    REQUIRE(loaded);
    CHECK(loaded->kid() == key->kid());

    CHECK_FALSE(Ed25519Key::loadPrivatePem("/nonexistent/key.pem"));
    CHECK_FALSE(Ed25519Key::fromPrivatePem(""));
    CHECK_FALSE(Ed25519Key::fromPrivatePem("-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n"));
    CHECK_FALSE(Ed25519Key::fromPrivatePem(std::string(100 * 1024, 'A')));
    // A P-256 key is a valid PEM private key, but not one we sign with.
    const std::string ec =
        "-----BEGIN PRIVATE KEY-----\n"
        "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg4lkcf1NJs3mCosGV\n"
        "44smsAPnSHXdScMRPvR+XFo1KNWhRANCAATr6BMJppP1NOXGGKiMvLh7vHuENkX5\n"
        "6b7GVVLwcJRkanJeRJchMiCSgvCZlG0olN0EgrSto8rYVd/t/ADMzQ3C\n"
        "-----END PRIVATE KEY-----\n";
    const auto wrongType = Ed25519Key::fromPrivatePem(ec);
    REQUIRE_FALSE(wrongType);
    CHECK(wrongType.error().find("Ed25519") != std::string::npos);
}
