#pragma once
// ProtectedCall's private half: wait for a usable token, send, and replay
// once after the token was rejected.

#include <sesame/protected_call.h>

#include <QtNetwork/QNetworkRequest>

#include <functional>
#include <string>

namespace sesame {

class AuthClientPrivate;

class ProtectedCallPrivate {
    Q_DECLARE_PUBLIC(ProtectedCall)

public:
    using Sender = std::function<QNetworkReply*(const QNetworkRequest&)>;

    ProtectedCallPrivate(AuthClientPrivate& client, QNetworkRequest request, Sender sender);

    void start();
    void sendNow();
    void onReply();
    void finish(Error error);

    // Whether an answer says the bearer token is expired or invalid.
    static bool isTokenRejection(QNetworkReply& reply);

    ProtectedCall* q_ptr = nullptr;
    AuthClientPrivate& client;  // the call is the client's child: the client outlives it
    QNetworkRequest request;
    Sender sender;
    QNetworkReply* reply = nullptr;
    std::string usedToken;
    Error error = Error::None;
    bool replayed = false;
    bool finished = false;
};

}  // namespace sesame
