#pragma once
// The stable machine-readable `code` of every wire error (API.md v1).
// Codes are only ever appended; the wire string of a code never changes.

#include <optional>
#include <span>
#include <string_view>

namespace sesame::contract {

enum class ErrorCode {
    InvalidRequest,
    InvalidPhone,
    RateLimited,
    ResendTooSoon,
    DeliveryUnavailable,
    InvalidCode,
    CodeExpired,
    TooManyAttempts,
    NoPendingCode,
    InvalidRefreshToken,
    RefreshTokenReused,
    TokenExpired,
    InvalidToken,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    RequestTimeout,
    PayloadTooLarge,
    UnsupportedMediaType,
    HeadersTooLarge,
    ServiceUnavailable,
    InternalError,
};

// The wire string, e.g. "invalid_phone".
std::string_view wireName(ErrorCode code);
// The inverse of wireName; nullopt for a string no version of v1 defines.
std::optional<ErrorCode> errorCodeFromWire(std::string_view wire);
// The HTTP status every answer with this code carries.
int httpStatus(ErrorCode code);
// A short human-readable summary (the problem+json `title`).
std::string_view title(ErrorCode code);
// Every code, in declaration order (for tests and documentation).
std::span<const ErrorCode> allErrorCodes();

}  // namespace sesame::contract
