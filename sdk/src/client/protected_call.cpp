#include "client/protected_call_p.h"

#include "client/auth_client_p.h"
#include "net/transport_rules.h"

#include <QtNetwork/QNetworkReply>

#include <nlohmann/json.hpp>

namespace sesame {

ProtectedCallPrivate::ProtectedCallPrivate(AuthClientPrivate& client, QNetworkRequest request, Sender sender)
    : client(client), request(std::move(request)), sender(std::move(sender)) {}

void ProtectedCallPrivate::start() {
    client.whenTokenUsable(q_func(), [this](Error ready) {
        if (ready == Error::None) {
            sendNow();
        } else {
            finish(ready);
        }
    });
}

void ProtectedCallPrivate::sendNow() {
    Q_Q(ProtectedCall);
    if (!client.session) {
        finish(Error::NotSignedIn);
        return;
    }
    QNetworkRequest authorized = request;
    if (!client.q_ptr->authorize(authorized)) {
        finish(Error::InsecureTransport);  // a session exists, so only the URL can be at fault
        return;
    }
    usedToken = client.session->accessToken;
    QNetworkReply* next = sender(authorized);
    if (!next) {
        finish(Error::InsecureTransport);
        return;
    }
    if (reply) {
        reply->deleteLater();  // the answer that rejected the token
    }
    reply = next;
    reply->setParent(q);
    QObject::connect(reply, &QNetworkReply::finished, q, [this] { onReply(); });
}

void ProtectedCallPrivate::onReply() {
    Q_Q(ProtectedCall);
    if (!replayed && isTokenRejection(*reply)) {
        replayed = true;
        client.afterRejection(usedToken, q, [this](Error renewed) {
            if (renewed == Error::None) {
                sendNow();
            } else {
                finish(renewed);
            }
        });
        return;
    }
    finish(Error::None);
}

void ProtectedCallPrivate::finish(Error failure) {
    finished = true;
    error = failure;
    Q_EMIT q_func()->finished();
}

bool ProtectedCallPrivate::isTokenRejection(QNetworkReply& reply) {
    if (reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 401) {
        return false;
    }
    // RFC 6750 says it in the header; Sesame also says it in the problem code.
    if (reply.rawHeader("WWW-Authenticate").contains("invalid_token")) {
        return true;
    }
    const QByteArray body = reply.peek(reply.bytesAvailable());
    const auto json = nlohmann::json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (!json.is_object() || !json.contains("code") || !json["code"].is_string()) {
        return false;
    }
    const auto& code = json["code"].get_ref<const std::string&>();
    return code == "token_expired" || code == "invalid_token";
}

ProtectedCall::ProtectedCall(std::unique_ptr<ProtectedCallPrivate> d, AuthClient* client)
    : QObject(client), d_ptr(std::move(d)) {
    d_ptr->q_ptr = this;
}

ProtectedCall::~ProtectedCall() = default;

QNetworkReply* ProtectedCall::reply() const { return d_func()->reply; }
Error ProtectedCall::error() const { return d_func()->error; }
bool ProtectedCall::replayed() const { return d_func()->replayed; }
bool ProtectedCall::isFinished() const { return d_func()->finished; }

}  // namespace sesame
