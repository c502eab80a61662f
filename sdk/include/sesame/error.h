#pragma once
// Every way an SDK call can fail: one value per wire `code` of API.md v1, in
// the same order as sesame::contract::ErrorCode, then the failures that happen
// on this side of the wire. Values are only ever appended.

#include <sesame/contract/error_code.h>
#include <sesame/sdk_export.h>

#include <QtCore/qobjectdefs.h>
#include <QtCore/QString>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace sesame {
Q_NAMESPACE_EXPORT(SESAME_SDK_EXPORT)
QML_NAMED_ELEMENT(SesameError)

enum class Error {
    None,
    // One-to-one with the wire codes (contract::ErrorCode).
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
    // Client side.
    Network,            // no connection, DNS failure, connection reset
    Tls,                // handshake failed or the server key is not pinned
    Timeout,            // no complete answer within the client's timeout
    Storage,            // the token store (keychain) is unavailable or denied access
    InsecureTransport,  // plain http:// to a host that is not loopback, not allowed
    InvalidResponse,    // the server answered something the contract does not allow
    InvalidState,       // the call makes no sense in the current status
    NotSignedIn,        // a protected call without a session
    Cancelled,          // the call was abandoned (cancel, sign-out, shutdown)
};
Q_ENUM_NS(Error)

// The SDK error of a wire code; every code has its own value.
SESAME_SDK_EXPORT Error errorFromWire(contract::ErrorCode code);
// The wire code an error stands for, or nullopt for a client-side error.
SESAME_SDK_EXPORT std::optional<contract::ErrorCode> wireCode(Error error);
// A short sentence for the user in the current UI language (see loadTranslations).
SESAME_SDK_EXPORT QString errorText(Error error);

}  // namespace sesame
