// parseRedisUrl: the forms operators write, and everything else refused
// with a message that never repeats the password.

#include "store/redis/redis_url.h"

#include <catch2/catch.hpp>

using sesame::server::store::parseRedisUrl;
using sesame::server::store::RedisEndpoint;

namespace {

RedisEndpoint parsed(const std::string& url) {
    const auto endpoint = parseRedisUrl(url);
    INFO(url);
    if (!endpoint) {
        FAIL(endpoint.error());
    }
    return endpoint.value();
}

}  // namespace

TEST_CASE("parseRedisUrl reads host, port and database", "[redis][url]") {
    CHECK(parsed("redis://127.0.0.1:6379/0") == RedisEndpoint{"127.0.0.1", 6379, "", "", 0});
    CHECK(parsed("redis://cache.internal:7000/15") == RedisEndpoint{"cache.internal", 7000, "", "", 15});
    CHECK(parsed("redis://my_redis-1") == RedisEndpoint{"my_redis-1", 6379, "", "", 0});
    CHECK(parsed("redis://localhost/") == RedisEndpoint{"localhost", 6379, "", "", 0});
    CHECK(parsed("REDIS://h:1/3") == RedisEndpoint{"h", 1, "", "", 3});
    CHECK(parsed("redis://h:65535/007").db == 7);
}

TEST_CASE("parseRedisUrl reads credentials, percent-decoded", "[redis][url]") {
    CHECK(parsed("redis://:s3cret@h:6380/1") == RedisEndpoint{"h", 6380, "", "s3cret", 1});
    CHECK(parsed("redis://app:s3cret@h") == RedisEndpoint{"h", 6379, "app", "s3cret", 0});
    CHECK(parsed("redis://app:@h").user == "app");
    CHECK(parsed("redis://:p%40ss%3Aw%2Fo%25rd@h").password == "p@ss:w/o%rd");
    CHECK(parsed("redis://:p@ss@h").password == "p@ss");  // the last '@' ends the credentials
    CHECK(parsed("redis://u%C3%A9:x@h").user == "u\xC3\xA9");
}

TEST_CASE("parseRedisUrl reads IPv6 addresses in brackets", "[redis][url]") {
    CHECK(parsed("redis://[::1]:6390/2") == RedisEndpoint{"::1", 6390, "", "", 2});
    CHECK(parsed("redis://[fe80::1:2]") == RedisEndpoint{"fe80::1:2", 6379, "", "", 0});
    CHECK(parsed("redis://:pw@[::1]").password == "pw");
}

TEST_CASE("parseRedisUrl refuses what it cannot honour", "[redis][url]") {
    const char* bad[] = {
        "",
        "redis:/",
        "redis://",
        "http://h:6379",
        "h:6379",
        "rediss://h:6379",
        "unix:///tmp/redis.sock",
        "redis://:6379",
        "redis://h:",
        "redis://h:0",
        "redis://h:65536",
        "redis://h:-1",
        "redis://h:99999999999999999999",
        "redis://h:63 79",
        "redis://h:6379/x",
        "redis://h:6379/-1",
        "redis://h:6379/1/2",
        "redis://h:6379/99999999999",
        "redis://h:6379/0?timeout=1",
        "redis://h:6379/0#frag",
        "redis://h ost",
        "redis://h\r\nost",
        "redis://хост",
        "redis://[::1",
        "redis://[]:6379",
        "redis://[::1]x",
        "redis://[zz::1]",
        "redis://user@h",
        "redis://:%zz@h",
        "redis://:%4@h",
        "redis://a:b@",
    };
    for (const char* url : bad) {
        INFO(url);
        CHECK_FALSE(parseRedisUrl(url));
    }
    CHECK_FALSE(parseRedisUrl(std::string("redis://h\0st", 12)));
    CHECK_FALSE(parseRedisUrl("redis://" + std::string(100'000, 'h') + ":x"));
}

TEST_CASE("parseRedisUrl errors name the problem and never the password", "[redis][url]") {
    const auto tls = parseRedisUrl("rediss://:topsecret@h");
    REQUIRE_FALSE(tls);
    CHECK(tls.error().find("TLS") != std::string::npos);
    for (const char* url : {"redis://:topsecret@h:port", "redis://user:topsecret@", "redis://:topsecret@h/db",
                            "redis://:top%ZZsecret@h", "rediss://:topsecret@h", "redis://:topsecret@h?x"}) {
        const auto endpoint = parseRedisUrl(url);
        REQUIRE_FALSE(endpoint);
        CHECK(endpoint.error().find("topsecret") == std::string::npos);
        CHECK(endpoint.error().find("secret") == std::string::npos);
        CHECK(endpoint.error().starts_with("invalid Redis URL: "));
    }
    CHECK(parseRedisUrl("redis://h:70000").error().find("port") != std::string::npos);
    CHECK(parseRedisUrl("redis://h/x").error().find("database") != std::string::npos);
}
