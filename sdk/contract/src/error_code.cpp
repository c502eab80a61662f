#include <sesame/contract/error_code.h>

#include <array>
#include <cstddef>

namespace sesame::contract {
namespace {

struct CodeInfo {
    ErrorCode code;
    std::string_view wire;
    int status;
    std::string_view title;
};

// The single source of truth: row i describes the enum value i.
constexpr std::array kCodes{
    CodeInfo{ErrorCode::InvalidRequest, "invalid_request", 400, "Invalid request"},
    CodeInfo{ErrorCode::InvalidPhone, "invalid_phone", 400, "Invalid phone number"},
    CodeInfo{ErrorCode::RateLimited, "rate_limited", 429, "Too many requests"},
    CodeInfo{ErrorCode::ResendTooSoon, "resend_too_soon", 429, "Resend too soon"},
    CodeInfo{ErrorCode::DeliveryUnavailable, "delivery_unavailable", 503, "Delivery unavailable"},
    CodeInfo{ErrorCode::InvalidCode, "invalid_code", 400, "Invalid code"},
    CodeInfo{ErrorCode::CodeExpired, "code_expired", 400, "Code expired"},
    CodeInfo{ErrorCode::TooManyAttempts, "too_many_attempts", 429, "Too many attempts"},
    CodeInfo{ErrorCode::NoPendingCode, "no_pending_code", 400, "No pending code"},
    CodeInfo{ErrorCode::InvalidRefreshToken, "invalid_refresh_token", 401, "Invalid refresh token"},
    CodeInfo{ErrorCode::RefreshTokenReused, "refresh_token_reused", 401, "Refresh token reused"},
    CodeInfo{ErrorCode::TokenExpired, "token_expired", 401, "Token expired"},
    CodeInfo{ErrorCode::InvalidToken, "invalid_token", 401, "Invalid token"},
    CodeInfo{ErrorCode::Forbidden, "forbidden", 403, "Forbidden"},
    CodeInfo{ErrorCode::NotFound, "not_found", 404, "Not found"},
    CodeInfo{ErrorCode::MethodNotAllowed, "method_not_allowed", 405, "Method not allowed"},
    CodeInfo{ErrorCode::RequestTimeout, "request_timeout", 408, "Request timeout"},
    CodeInfo{ErrorCode::PayloadTooLarge, "payload_too_large", 413, "Payload too large"},
    CodeInfo{ErrorCode::UnsupportedMediaType, "unsupported_media_type", 415, "Unsupported media type"},
    CodeInfo{ErrorCode::HeadersTooLarge, "headers_too_large", 431, "Request header fields too large"},
    CodeInfo{ErrorCode::ServiceUnavailable, "service_unavailable", 503, "Service unavailable"},
    CodeInfo{ErrorCode::InternalError, "internal_error", 500, "Internal error"},
};

constexpr bool rowsFollowEnumOrder() {
    for (std::size_t i = 0; i < kCodes.size(); ++i) {
        if (static_cast<std::size_t>(kCodes[i].code) != i) {
            return false;
        }
    }
    return static_cast<std::size_t>(ErrorCode::InternalError) + 1 == kCodes.size();
}
static_assert(rowsFollowEnumOrder(), "kCodes must list every ErrorCode in declaration order");

constexpr auto kAllCodes = [] {
    std::array<ErrorCode, kCodes.size()> all{};
    for (std::size_t i = 0; i < kCodes.size(); ++i) {
        all[i] = kCodes[i].code;
    }
    return all;
}();

// A value cast from outside the enum is a programming error; answering with
// internal_error keeps the wire well-formed instead of reading out of bounds.
const CodeInfo& info(ErrorCode code) {
    const auto index = static_cast<std::size_t>(code);
    return index < kCodes.size() ? kCodes[index] : kCodes.back();
}

}  // namespace

std::string_view wireName(ErrorCode code) { return info(code).wire; }

std::optional<ErrorCode> errorCodeFromWire(std::string_view wire) {
    for (const CodeInfo& row : kCodes) {
        if (row.wire == wire) {
            return row.code;
        }
    }
    return std::nullopt;
}

int httpStatus(ErrorCode code) { return info(code).status; }

std::string_view title(ErrorCode code) { return info(code).title; }

std::span<const ErrorCode> allErrorCodes() { return kAllCodes; }

}  // namespace sesame::contract
