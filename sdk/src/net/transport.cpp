#include "net/transport.h"

#include "net/transport_rules.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslKey>

namespace sesame {
namespace {

// Why start() aborted a reply, kept on the reply itself.
constexpr const char* kAbortProperty = "sesame_abort";

void abortWith(QNetworkReply* reply, Abort why) {
    if (!reply->isFinished()) {
        reply->setProperty(kAbortProperty, static_cast<int>(why));
        reply->abort();
    }
}

QList<QByteArray> spkiDigests(const QNetworkReply& reply) {
    QList<QByteArray> digests;
    for (const QSslCertificate& certificate : reply.sslConfiguration().peerCertificateChain()) {
        digests.append(QCryptographicHash::hash(certificate.publicKey().toDer(), QCryptographicHash::Sha256));
    }
    return digests;
}

}  // namespace

QNetworkReply* sendRequest(QNetworkAccessManager& manager, const QNetworkRequest& request, const QByteArray& verb,
                           const QByteArray& body) {
    const bool bodyless = body.isEmpty() && verb != "POST" && verb != "PUT" && verb != "PATCH";
    return bodyless ? manager.sendCustomRequest(request, verb) : manager.sendCustomRequest(request, verb, body);
}

Transport::Transport(QNetworkAccessManager& manager) : manager_(manager) {}

QNetworkRequest Transport::prepare(QNetworkRequest request) const {
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", "application/json, application/problem+json");
    // A redirect could carry a token to another host or to plain http.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    return request;
}

QNetworkReply* Transport::start(const QNetworkRequest& request, const QByteArray& verb, const QByteArray& body) {
    if (checkTransport(request.url(), settings_.allowInsecure) != Error::None) {
        return nullptr;
    }
    QNetworkRequest prepared = prepare(request);
    if (!body.isEmpty()) {
        prepared.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    QNetworkReply* reply = sendRequest(manager_, prepared, verb, body);
    auto* timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, [reply] { abortWith(reply, Abort::TimedOut); });
    timer->start(settings_.timeout);
    if (!settings_.pins.isEmpty()) {
        QObject::connect(reply, &QNetworkReply::encrypted, reply, [reply, pins = settings_.pins] {
            if (!matchesPins(pins, spkiDigests(*reply))) {
                abortWith(reply, Abort::PinMismatch);
            }
        });
    }
    return reply;
}

HttpResult Transport::result(QNetworkReply& reply) {
    return readReply(reply, static_cast<Abort>(reply.property(kAbortProperty).toInt()));
}

void Transport::send(const QNetworkRequest& request, const QByteArray& verb, const QByteArray& body,
                     QObject* context, Done done) {
    QNetworkReply* reply = start(request, verb, body);
    if (!reply) {
        QTimer::singleShot(0, context, [done = std::move(done)] {
            HttpResult refused;
            refused.error = Error::InsecureTransport;
            done(std::move(refused));
        });
        return;
    }
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        reply->deleteLater();
        done(result(*reply));
    });
}

}  // namespace sesame
