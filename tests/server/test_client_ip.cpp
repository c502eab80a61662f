#include "http/client_ip.h"

#include <catch2/catch.hpp>

using namespace sesame::server::http;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

TrustedProxies proxies(const std::vector<std::string>& entries) {
    auto parsed = TrustedProxies::parse(entries);
    REQUIRE(parsed.hasValue());
    return parsed.value();
}

Headers xff(std::initializer_list<std::string> values) {
    Headers headers{{"host", "api"}};
    for (const auto& value : values) {
        headers.emplace_back("x-forwarded-for", value);
    }
    return headers;
}

}  // namespace

TEST_CASE("client ip is the peer when no proxy is trusted", "[client_ip]") {
    CHECK(resolveClientIp("203.0.113.7", xff({"198.51.100.1"}), TrustedProxies{}) == "203.0.113.7");
    CHECK(resolveClientIp("::ffff:203.0.113.7", {}, TrustedProxies{}) == "203.0.113.7");
    CHECK(resolveClientIp("2001:db8::1", {}, TrustedProxies{}) == "2001:db8::1");
}

TEST_CASE("client ip ignores X-Forwarded-For from an untrusted peer", "[client_ip]") {
    const auto trusted = proxies({"10.0.0.1"});
    CHECK(resolveClientIp("203.0.113.7", xff({"1.2.3.4"}), trusted) == "203.0.113.7");
}

TEST_CASE("client ip takes the rightmost untrusted hop behind trusted proxies", "[client_ip]") {
    const auto trusted = proxies({"10.0.0.0/8", "192.168.1.1", "fd00::/8"});
    // The client forged "6.6.6.6"; our proxies appended the real address and themselves.
    CHECK(resolveClientIp("10.0.0.1", xff({"6.6.6.6, 198.51.100.9, 192.168.1.1"}), trusted) == "198.51.100.9");
    CHECK(resolveClientIp("10.0.0.1", xff({"6.6.6.6", "198.51.100.9,10.1.2.3"}), trusted) == "198.51.100.9");
    CHECK(resolveClientIp("::ffff:10.0.0.1", xff({"198.51.100.9"}), trusted) == "198.51.100.9");
    CHECK(resolveClientIp("fd00::5", xff({" 2001:db8::7 "}), trusted) == "2001:db8::7");
}

TEST_CASE("client ip falls back sensibly on missing or garbage hops", "[client_ip]") {
    const auto trusted = proxies({"10.0.0.0/8"});
    CHECK(resolveClientIp("10.0.0.1", {}, trusted) == "10.0.0.1");
    CHECK(resolveClientIp("10.0.0.1", xff({""}), trusted) == "10.0.0.1");
    CHECK(resolveClientIp("10.0.0.1", xff({"<script>, 10.0.0.2"}), trusted) == "10.0.0.2");
    CHECK(resolveClientIp("10.0.0.1", xff({"1.2.3.4:5678"}), trusted) == "10.0.0.1");
    CHECK(resolveClientIp("10.0.0.1", xff({"10.0.0.3, 10.0.0.2"}), trusted) == "10.0.0.3");  // all ours
    CHECK(resolveClientIp("10.0.0.1", xff({std::string(5000, ',')}), trusted) == "10.0.0.1");
}

TEST_CASE("trusted proxies parse addresses and CIDR ranges", "[client_ip]") {
    const auto trusted = proxies({"10.0.0.0/8", "192.168.1.1", "2001:db8::/32", "0.0.0.0/0"});
    CHECK(trusted.contains("10.255.0.1"));
    CHECK(trusted.contains("2001:db8:ffff::1"));
    CHECK_FALSE(trusted.contains("2001:db9::1"));
    CHECK(trusted.contains("8.8.8.8"));  // 0.0.0.0/0 covers every IPv4 address
    CHECK_FALSE(trusted.contains("::1"));
    CHECK_FALSE(trusted.contains("not an address"));

    const auto narrow = proxies({"192.168.1.0/25"});
    CHECK(narrow.contains("192.168.1.127"));
    CHECK_FALSE(narrow.contains("192.168.1.128"));
    CHECK(proxies({}).empty());
}

TEST_CASE("trusted proxies reject bad entries, naming them", "[client_ip]") {
    const auto entry = GENERATE(as<std::string>{}, "", "localhost", "10.0.0.0/33", "::/129", "10.0.0.0/-1",
                                "10.0.0.0/", "10.0.0.0/8/8", "1.2.3", "1.2.3.4.5", "10.0.0.0/ 8");
    CAPTURE(entry);
    const auto parsed = TrustedProxies::parse({entry});
    REQUIRE_FALSE(parsed.hasValue());
    CHECK_THAT(parsed.error(), Catch::Contains("\"" + entry + "\""));
}

TEST_CASE("canonicalAddress normalises address text", "[client_ip]") {
    CHECK(canonicalAddress("::FFFF:1.2.3.4") == "1.2.3.4");
    CHECK(canonicalAddress("2001:DB8:0:0::1") == "2001:db8::1");
    CHECK(canonicalAddress("1.2.3.4 ").empty());
    CHECK(canonicalAddress("").empty());
}
