#pragma once
// A real `sesame-server --mode mock` on a free loopback port, owned by one
// test, plus blocking helpers to look at it from outside the SDK. "Blocking"
// means an event loop runs until the answer arrives (QSignalSpy::wait), never
// a sleep.

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QStringList>
#include <QtCore/QUrl>
#include <QtNetwork/QNetworkAccessManager>

namespace sesame::test {

struct Answer {
    int status = 0;  // 0: no HTTP answer
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

class MockServer {
public:
    // Extra flags, e.g. {"--access-ttl", "3"}.
    explicit MockServer(QStringList flags = {});
    ~MockServer();

    // Starts the server and waits for its "listening" log line. The first
    // start takes a free port; a start after stop() takes the same one again
    // (a new server: new signing key, no users, no sessions).
    bool start();
    void stop();
    quint16 port() const { return port_; }
    QUrl url() const;

    // One HTTP exchange; `bearer` becomes an Authorization header.
    Answer call(const QByteArray& verb, const QString& path, const QByteArray& body = {},
                const QByteArray& bearer = {});
    // The newest code the mock outbox holds for `phone` (E.164), or "".
    QString latestCode(const QString& phone);
    // The value of one Prometheus sample, e.g. counter("sesame_http_requests_total",
    // R"(route="/v1/token/refresh",method="POST",status="200")"); 0 when absent.
    double counter(const QString& name, const QString& labels);
    // Answers given on `route` for `method` with `status`, per /metrics.
    int requests(const QString& route, const QString& method, int status);
    // Successful refreshes so far.
    int refreshes();

private:
    QStringList flags_;
    QProcess process_;
    quint16 port_ = 0;
    QNetworkAccessManager network_;
};

}  // namespace sesame::test
