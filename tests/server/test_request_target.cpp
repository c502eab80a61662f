#include "http/request_target.h"

#include <catch2/catch.hpp>

using namespace sesame::server::http;

TEST_CASE("request target splits and decodes path and query", "[request_target]") {
    const auto target = parseRequestTarget("/mock/outbox?phone=%2B77001234567&x=a+b&flag&&x=second&=v");
    REQUIRE(target.hasValue());
    CHECK(target->path == "/mock/outbox");
    CHECK(target->query.at("phone") == "+77001234567");
    CHECK(target->query.at("x") == "a b");  // the first of repeated keys wins
    CHECK(target->query.at("flag").empty());
    CHECK(target->query.at("") == "v");
    CHECK(parseRequestTarget("/a%20b+c")->path == "/a b+c");
    CHECK(parseRequestTarget("/%D0%BA")->path == "/к");
}

TEST_CASE("request target accepts absolute-form", "[request_target]") {
    CHECK(parseRequestTarget("http://api.example:8080/v1/me?x=1")->path == "/v1/me");
    CHECK(parseRequestTarget("http://api.example:8080/v1/me?x=1")->query.at("x") == "1");
    CHECK(parseRequestTarget("https://api.example")->path == "/");
}

TEST_CASE("request target rejects bad escapes, control characters and invalid UTF-8", "[request_target]") {
    const auto [target, field] = GENERATE(table<std::string, std::string>({
        {"", "path"}, {"*", "path"}, {"v1/me", "path"}, {"/%", "path"}, {"/%2", "path"}, {"/%zz", "path"},
        {"/%00", "path"}, {"/%0a", "path"}, {"/%ff", "path"}, {"/%c0%af", "path"}, {"/%ed%a0%80", "path"},
        {"/x?a=%", "query"}, {"/x?a=%0d%0a", "query"}, {"/x?%ff=1", "query"}, {"/x?a=%7F", "query"},
    }));
    CAPTURE(target);
    const auto parsed = parseRequestTarget(target);
    REQUIRE_FALSE(parsed.hasValue());
    CHECK(parsed.error().field == field);
}
