#pragma once
// The wire contract's paths and bodies, as the client speaks them.

#include "net/http_result.h"

#include <sesame/contract/json.h>

#include <QtCore/QByteArray>
#include <QtCore/QUrl>
#include <QtNetwork/QNetworkRequest>

namespace sesame::endpoints {

inline constexpr const char* kOtp = "/v1/otp";
inline constexpr const char* kVerify = "/v1/otp/verify";
inline constexpr const char* kRefresh = "/v1/token/refresh";
inline constexpr const char* kLogout = "/v1/logout";
inline constexpr const char* kMe = "/v1/me";
inline constexpr const char* kSessions = "/v1/sessions";

// `path` under the server URL, which may itself have a path prefix.
QNetworkRequest request(const QUrl& server, const QString& path);

template <class T>
QByteArray body(const T& value) {
    return QByteArray::fromStdString(contract::toJson(value).dump());
}

// The typed body of a successful answer; an answer the contract does not
// allow is InvalidResponse, an error answer keeps its error.
template <class T>
contract::Expected<T, Error> parse(const HttpResult& result) {
    if (result.error != Error::None) {
        return contract::unexpected(result.error);
    }
    auto parsed = contract::parse<T>(result.body);
    if (!parsed) {
        return contract::unexpected(Error::InvalidResponse);
    }
    return std::move(parsed).value();
}

}  // namespace sesame::endpoints
