#include <sesame/contract/error_code.h>

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace sesame::contract;

namespace {

struct Expectation {
    ErrorCode code;
    std::string_view wire;
    int status;
};

// API.md v1, written out independently of the table under test.
constexpr Expectation kApi[] = {
    {ErrorCode::InvalidRequest, "invalid_request", 400},
    {ErrorCode::InvalidPhone, "invalid_phone", 400},
    {ErrorCode::RateLimited, "rate_limited", 429},
    {ErrorCode::ResendTooSoon, "resend_too_soon", 429},
    {ErrorCode::DeliveryUnavailable, "delivery_unavailable", 503},
    {ErrorCode::InvalidCode, "invalid_code", 400},
    {ErrorCode::CodeExpired, "code_expired", 400},
    {ErrorCode::TooManyAttempts, "too_many_attempts", 429},
    {ErrorCode::NoPendingCode, "no_pending_code", 400},
    {ErrorCode::InvalidRefreshToken, "invalid_refresh_token", 401},
    {ErrorCode::RefreshTokenReused, "refresh_token_reused", 401},
    {ErrorCode::TokenExpired, "token_expired", 401},
    {ErrorCode::InvalidToken, "invalid_token", 401},
    {ErrorCode::Forbidden, "forbidden", 403},
    {ErrorCode::NotFound, "not_found", 404},
    {ErrorCode::MethodNotAllowed, "method_not_allowed", 405},
    {ErrorCode::RequestTimeout, "request_timeout", 408},
    {ErrorCode::PayloadTooLarge, "payload_too_large", 413},
    {ErrorCode::UnsupportedMediaType, "unsupported_media_type", 415},
    {ErrorCode::HeadersTooLarge, "headers_too_large", 431},
    {ErrorCode::ServiceUnavailable, "service_unavailable", 503},
    {ErrorCode::InternalError, "internal_error", 500},
};

}  // namespace

TEST_CASE("every error code has the wire name and status of API.md", "[error_code]") {
    for (const Expectation& expected : kApi) {
        INFO(expected.wire);
        CHECK(wireName(expected.code) == expected.wire);
        CHECK(httpStatus(expected.code) == expected.status);
    }
}

TEST_CASE("allErrorCodes lists every code once, in declaration order", "[error_code]") {
    const auto all = allErrorCodes();
    REQUIRE(all.size() == std::size(kApi));
    for (std::size_t i = 0; i < all.size(); ++i) {
        CHECK(all[i] == kApi[i].code);
        CHECK(static_cast<std::size_t>(all[i]) == i);
    }
}

TEST_CASE("every code round-trips through its wire name", "[error_code]") {
    std::set<std::string_view> names;
    for (ErrorCode code : allErrorCodes()) {
        const std::string_view wire = wireName(code);
        INFO(wire);
        CHECK(names.insert(wire).second);
        const auto back = errorCodeFromWire(wire);
        REQUIRE(back.has_value());
        CHECK(*back == code);
    }
}

TEST_CASE("every code has a short non-empty title", "[error_code]") {
    std::set<std::string_view> titles;
    for (ErrorCode code : allErrorCodes()) {
        const std::string_view text = title(code);
        INFO(wireName(code));
        CHECK_FALSE(text.empty());
        CHECK(text.size() < 60);
        CHECK(titles.insert(text).second);
    }
}

TEST_CASE("unknown wire strings are not codes", "[error_code]") {
    for (std::string_view wire : {"", "INVALID_PHONE", "Invalid_phone", "invalid_phone ", " invalid_phone",
                                  "invalid-phone", "invalidphone", "invalid_phone\n", "unknown", "ok", "400"}) {
        INFO('"' << std::string(wire) << '"');
        CHECK_FALSE(errorCodeFromWire(wire).has_value());
    }
    const std::string withNul("invalid_phone\0", 14);
    CHECK_FALSE(errorCodeFromWire(withNul).has_value());
    CHECK_FALSE(errorCodeFromWire(std::string(100000, 'a')).has_value());
    CHECK_FALSE(errorCodeFromWire("\xD0\xBA\xD0\xBE\xD0\xB4").has_value());  // "код"
}

TEST_CASE("a value outside the enum answers as internal_error", "[error_code]") {
    const auto outside = static_cast<ErrorCode>(1000);
    CHECK(wireName(outside) == "internal_error");
    CHECK(httpStatus(outside) == 500);
    CHECK(title(outside) == title(ErrorCode::InternalError));
}
