#include "policy/error_classifier.h"

#include <catch2/catch.hpp>

using sesame::classify;
using sesame::Error;
using sesame::ErrorClass;

TEST_CASE("only a dead refresh token ends the session", "[error_classifier]") {
    for (int i = 0; i <= static_cast<int>(Error::Cancelled); ++i) {
        const auto error = static_cast<Error>(i);
        INFO(i);
        const bool ends = error == Error::InvalidRefreshToken || error == Error::RefreshTokenReused;
        CHECK((classify(error) == ErrorClass::SessionEnded) == ends);
    }
}

TEST_CASE("network trouble, timeouts, 5xx and 429 are transient", "[error_classifier]") {
    for (Error error : {Error::Network, Error::Timeout, Error::RateLimited, Error::RequestTimeout,
                        Error::ServiceUnavailable, Error::InternalError, Error::DeliveryUnavailable}) {
        CHECK(classify(error) == ErrorClass::Transient);
    }
}

TEST_CASE("failures a retry cannot cure are permanent but keep the session", "[error_classifier]") {
    for (Error error : {Error::Tls, Error::InvalidResponse, Error::InvalidRequest, Error::InsecureTransport,
                        Error::Storage, Error::TokenExpired, Error::InvalidToken, Error::Forbidden}) {
        CHECK(classify(error) == ErrorClass::Permanent);
    }
    CHECK(classify(Error::None) == ErrorClass::None);
}
