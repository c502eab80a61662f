#pragma once
// What every store call returns: a value, or a StoreError saying the backend
// could not answer. Stores never throw; the API maps Unavailable to
// 503 service_unavailable and Internal to 500 internal_error.

#include <sesame/contract/expected.h>

#include <chrono>
#include <string>

namespace sesame::server::store {

// Stores take the time from the caller (the service's Clock), never read it
// themselves, so tests can drive expiry without sleeping.
using TimePoint = std::chrono::system_clock::time_point;

enum class StoreErrorKind {
    Unavailable,  // the backend is unreachable or timed out; retrying later may work
    Internal,     // the backend answered something impossible (bad data, a bug)
};

struct StoreError {
    StoreErrorKind kind = StoreErrorKind::Unavailable;
    std::string detail;  // for logs; never holds a phone, code or token
};

template <class T>
using StoreResult = contract::Expected<T, StoreError>;

// The value of a call that only succeeds or fails.
struct Done {};

inline contract::Unexpected<StoreError> storeUnavailable(std::string detail) {
    return contract::unexpected(StoreError{StoreErrorKind::Unavailable, std::move(detail)});
}

inline contract::Unexpected<StoreError> storeInternal(std::string detail) {
    return contract::unexpected(StoreError{StoreErrorKind::Internal, std::move(detail)});
}

}  // namespace sesame::server::store
