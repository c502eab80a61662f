#include "http/message.h"

#include <catch2/catch.hpp>

using namespace sesame::server::http;
using sesame::contract::ErrorCode;
using sesame::contract::Problem;

namespace {

std::optional<std::string> headerOf(const Response& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("Request::header is case-insensitive and returns the first value", "[message]") {
    Request request;
    request.headers = {{"content-type", "application/json"}, {"x-forwarded-for", "1"}, {"x-forwarded-for", "2"}};
    CHECK(request.header("Content-Type") == "application/json");
    CHECK(request.header("X-FORWARDED-FOR") == "1");
    CHECK_FALSE(request.header("authorization").has_value());
    CHECK_FALSE(request.header("").has_value());
}

TEST_CASE("Response::json serialises without throwing on invalid UTF-8", "[message]") {
    const Response response = Response::json(202, {{"name", std::string("a\xff")}});
    CHECK(response.status == 202);
    CHECK(response.contentType == "application/json");
    CHECK(nlohmann::json::parse(response.body)["name"] == "a\xef\xbf\xbd");
}

TEST_CASE("Response::problem is application/problem+json with the code's status", "[message]") {
    const Response response = Response::problem({ErrorCode::InvalidPhone, "bad number", {{"field", "phone"}}});
    CHECK(response.status == 400);
    CHECK(response.contentType == "application/problem+json");
    const auto body = nlohmann::json::parse(response.body);
    CHECK(body["code"] == "invalid_phone");
    CHECK(body["status"] == 400);
    CHECK(body["detail"] == "bad number");
    CHECK(body["field"] == "phone");
    CHECK(response.headers.empty());
}

TEST_CASE("Response::problem gives every 429 Retry-After and retry_after", "[message]") {
    const Response given = Response::problem({ErrorCode::RateLimited, "slow down", {{"retry_after", 42}}});
    CHECK(given.status == 429);
    CHECK(headerOf(given, "Retry-After") == "42");
    CHECK(nlohmann::json::parse(given.body)["retry_after"] == 42);

    const Response fractional = Response::problem({ErrorCode::ResendTooSoon, "wait", {{"retry_after", 1.2}}});
    CHECK(headerOf(fractional, "Retry-After") == "2");

    const auto missing = GENERATE(as<nlohmann::json>{}, nlohmann::json::object(), nlohmann::json{{"retry_after", -3}},
                                  nlohmann::json{{"retry_after", "soon"}});
    const Response fallback = Response::problem({ErrorCode::TooManyAttempts, "dead code", missing});
    CHECK(headerOf(fallback, "Retry-After") == "1");
    CHECK(nlohmann::json::parse(fallback.body)["retry_after"] == 1);
}

TEST_CASE("Response::problem gives every 401 WWW-Authenticate", "[message]") {
    for (const ErrorCode code : {ErrorCode::InvalidToken, ErrorCode::TokenExpired, ErrorCode::InvalidRefreshToken}) {
        const Response response = Response::problem({code, "no", nlohmann::json::object()});
        CHECK(response.status == 401);
        CHECK(headerOf(response, "WWW-Authenticate") == "Bearer error=\"invalid_token\"");
    }
}

TEST_CASE("Response::noContent is an empty 204", "[message]") {
    const Response response = Response::noContent();
    CHECK(response.status == 204);
    CHECK(response.body.empty());
    CHECK(response.contentType.empty());
}
