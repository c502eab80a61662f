#include "http/json_body.h"

#include <catch2/catch.hpp>

using namespace sesame::server::http;
using namespace std::string_literals;
using sesame::contract::ErrorCode;

namespace {

Request jsonRequest(std::string body, std::string contentType = "application/json") {
    Request request;
    request.method = Method::Post;
    request.path = "/v1/otp";
    if (!contentType.empty()) {
        request.headers.emplace_back("content-type", std::move(contentType));
    }
    request.body = std::move(body);
    return request;
}

}  // namespace

TEST_CASE("parseJsonBody returns the object", "[json_body]") {
    const auto parsed = parseJsonBody(jsonRequest(R"({"phone":"+77001234567","device":{"name":"Мой ноутбук"}})"));
    REQUIRE(parsed.hasValue());
    CHECK(parsed.value()["phone"] == "+77001234567");
    CHECK(parsed.value()["device"]["name"] == "Мой ноутбук");
}

TEST_CASE("parseJsonBody accepts application/json with parameters and any case", "[json_body]") {
    const auto type = GENERATE(as<std::string>{}, "application/json", "application/json; charset=utf-8",
                               "Application/JSON;charset=UTF-8", "application/json ; charset=\"utf-8\"",
                               " application/json", "application/json; boundary=x", "application/json;");
    CAPTURE(type);
    CHECK(parseJsonBody(jsonRequest("{}", type)).hasValue());
}

TEST_CASE("parseJsonBody answers 415 for every other media type", "[json_body]") {
    const auto type = GENERATE(as<std::string>{}, "", "text/plain", "application/x-www-form-urlencoded",
                               "application/jsonp", "application/json-patch+json", "application/problem+json",
                               "application/json; charset=latin1", "application/json; charset=utf-16",
                               "multipart/form-data; boundary=x", "json", "application/ json", "*/*",
                               "application/json\x01");
    CAPTURE(type);
    const auto parsed = parseJsonBody(jsonRequest("{}", type));
    REQUIRE_FALSE(parsed.hasValue());
    CHECK(parsed.error().code == ErrorCode::UnsupportedMediaType);
    CHECK(parsed.error().status() == 415);
}

TEST_CASE("parseJsonBody rejects invalid UTF-8 before parsing", "[json_body]") {
    const auto bytes = GENERATE(as<std::string>{},
                                "\xff",              // never valid
                                "\xc0\xaf",          // overlong '/'
                                "\xe0\x80\xaf",      // overlong, 3 bytes
                                "\xf0\x80\x80\xaf",  // overlong, 4 bytes
                                "\xed\xa0\x80",      // high surrogate U+D800
                                "\xed\xbf\xbf",      // low surrogate U+DFFF
                                "\xf4\x90\x80\x80",  // above U+10FFFF
                                "\xc3",              // truncated
                                "\xe2\x82",          // truncated
                                "\x80",              // lone continuation
                                "\xf8\x88\x80\x80\x80");  // 5-byte form
    CAPTURE(bytes);
    const auto parsed = parseJsonBody(jsonRequest("{\"name\":\"a" + bytes + "b\"}"));
    REQUIRE_FALSE(parsed.hasValue());
    CHECK(parsed.error().code == ErrorCode::InvalidRequest);
    CHECK(parsed.error().detail == "the request body is not valid UTF-8");
    CHECK(parsed.error().extensions["field"] == "");
}

TEST_CASE("parseJsonBody reports malformed JSON with its byte offset", "[json_body]") {
    const auto body = GENERATE(as<std::string>{}, "", " ", "{", "{\"a\":}", "{\"a\":1,}", "{'a':1}", "{\"a\":1}x",
                               "nul", "{\"a\":\"\x01\"}", "{\"a\":NaN}", "{\"a\":\"\\uD800\"}", "\0{}"s,
                               "{\"a\":1}{\"b\":2}", "<xml/>", "{\"phone\":\"+77001234567\"");
    CAPTURE(body);
    const auto parsed = parseJsonBody(jsonRequest(body));
    REQUIRE_FALSE(parsed.hasValue());
    CHECK(parsed.error().code == ErrorCode::InvalidRequest);
    CHECK_THAT(parsed.error().detail, Catch::StartsWith("the request body is malformed JSON at byte "));
    CHECK_THAT(parsed.error().detail, !Catch::Contains("+7700"));  // the input is never quoted
}

TEST_CASE("parseJsonBody requires an object", "[json_body]") {
    const auto body = GENERATE(as<std::string>{}, "[]", "[{}]", "1", "\"{}\"", "null", "true");
    CAPTURE(body);
    const auto parsed = parseJsonBody(jsonRequest(body));
    REQUIRE_FALSE(parsed.hasValue());
    CHECK(parsed.error().detail == "the request body must be a JSON object");
}

TEST_CASE("parseJsonBody refuses nesting bombs and allows reasonable depth", "[json_body]") {
    const std::string bomb = std::string(10000, '[') + std::string(10000, ']');
    const auto parsed = parseJsonBody(jsonRequest("{\"a\":" + bomb + "}"));
    REQUIRE_FALSE(parsed.hasValue());
    CHECK_THAT(parsed.error().detail, Catch::Contains("nests deeper than 32"));

    std::string deepest = "{\"a\":" + std::string(kMaxJsonDepth - 1, '[') + std::string(kMaxJsonDepth - 1, ']') + "}";
    CHECK(parseJsonBody(jsonRequest(deepest)).hasValue());
    std::string tooDeep = "{\"a\":" + std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']') + "}";
    CHECK_FALSE(parseJsonBody(jsonRequest(tooDeep)).hasValue());
    // Brackets inside strings, escaped quotes included, are not nesting.
    CHECK(parseJsonBody(jsonRequest("{\"a\":\"\\\"" + std::string(100, '[') + "\"}")).hasValue());
}
