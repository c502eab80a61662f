#pragma once
// Sends the SDK's own requests: User-Agent, JSON headers, no redirects, a
// timeout per request and, when pins are set, SPKI pinning of the server's
// certificate chain. Requests to an insecure URL are never sent.

#include "net/http_result.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QObject>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace sesame {

struct TransportSettings {
    bool allowInsecure = false;
    std::chrono::milliseconds timeout{15'000};
    QList<QByteArray> pins;  // SHA-256 of pinned SubjectPublicKeyInfos; empty: no pinning
};

// Sends `verb` with `body` through `manager`. Qt gives every request that
// has a body, even an empty one, an upload device and its signal plumbing
// (about 40 % more work for a GET); a bodyless GET, HEAD, DELETE or OPTIONS
// goes without. POST, PUT and PATCH always send a body (Content-Length: 0).
QNetworkReply* sendRequest(QNetworkAccessManager& manager, const QNetworkRequest& request, const QByteArray& verb,
                           const QByteArray& body);

class Transport {
public:
    using Done = std::function<void(HttpResult)>;

    explicit Transport(QNetworkAccessManager& manager);

    TransportSettings& settings() { return settings_; }
    const TransportSettings& settings() const { return settings_; }

    // Adds the SDK's headers to `request` (the caller adds Authorization).
    QNetworkRequest prepare(QNetworkRequest request) const;

    // Starts `verb` with `body` and returns the reply, or nullptr when the URL
    // breaks the transport rules (see checkTransport). The reply belongs to
    // the manager; its `finished` is the caller's cue to call result().
    QNetworkReply* start(const QNetworkRequest& request, const QByteArray& verb, const QByteArray& body);

    // The outcome of a finished reply started here.
    static HttpResult result(QNetworkReply& reply);

    // start() and result() in one: `done` runs once, in `context`, unless the
    // context dies first. An insecure URL fails with InsecureTransport.
    void send(const QNetworkRequest& request, const QByteArray& verb, const QByteArray& body, QObject* context,
              Done done);

private:
    QNetworkAccessManager& manager_;
    TransportSettings settings_;
};

}  // namespace sesame
