#include <sesame/error.h>

#include <QtCore/QMetaEnum>

#include <catch2/catch.hpp>

#include <set>
#include <string>

using sesame::Error;
using sesame::contract::ErrorCode;

TEST_CASE("every wire code maps to its own error and back", "[error]") {
    std::set<Error> seen;
    for (ErrorCode code : sesame::contract::allErrorCodes()) {
        const Error error = sesame::errorFromWire(code);
        INFO(sesame::contract::wireName(code));
        CHECK(seen.insert(error).second);
        CHECK(sesame::wireCode(error) == code);
    }
    CHECK(seen.size() == sesame::contract::allErrorCodes().size());
}

TEST_CASE("the error enum names the wire codes the same way", "[error]") {
    // QMetaEnum keys are what QML and logs show: "invalid_code" is InvalidCode.
    const auto meta = QMetaEnum::fromType<Error>();
    for (ErrorCode code : sesame::contract::allErrorCodes()) {
        std::string camel;
        bool upper = true;
        for (char c : sesame::contract::wireName(code)) {
            if (c == '_') {
                upper = true;
                continue;
            }
            camel += upper ? static_cast<char>(c - 'a' + 'A') : c;
            upper = false;
        }
        CHECK(meta.valueToKey(static_cast<int>(sesame::errorFromWire(code))) == camel);
    }
}

TEST_CASE("client-side errors have no wire code", "[error]") {
    for (Error error : {Error::None, Error::Network, Error::Tls, Error::Timeout, Error::Storage,
                        Error::InsecureTransport, Error::InvalidResponse, Error::InvalidState, Error::NotSignedIn,
                        Error::Cancelled}) {
        CHECK_FALSE(sesame::wireCode(error));
    }
    CHECK_FALSE(sesame::wireCode(static_cast<Error>(-1)));
    CHECK_FALSE(sesame::wireCode(static_cast<Error>(1000)));
}

TEST_CASE("every error has a text, also out-of-range values", "[error]") {
    for (int i = 0; i <= static_cast<int>(Error::Cancelled); ++i) {
        CHECK_FALSE(sesame::errorText(static_cast<Error>(i)).isEmpty());
    }
    CHECK_FALSE(sesame::errorText(static_cast<Error>(1000)).isEmpty());
}
