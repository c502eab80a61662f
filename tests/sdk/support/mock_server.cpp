#include "support/mock_server.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QRegularExpression>
#include <QtNetwork/QNetworkReply>
#include <QtTest/QSignalSpy>

namespace sesame::test {
namespace {

constexpr int kStartTimeoutMs = 10'000;
constexpr int kAnswerTimeoutMs = 10'000;

}  // namespace

MockServer::MockServer(QStringList flags) : flags_(std::move(flags)) {}

MockServer::~MockServer() { stop(); }

bool MockServer::start() {
    QStringList arguments{QStringLiteral("--mode"), QStringLiteral("mock"), QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:%1").arg(port_)};
    arguments += flags_;
    process_.setStandardOutputFile(QProcess::nullDevice());
    process_.setReadChannel(QProcess::StandardError);
    process_.start(QStringLiteral(SESAME_SERVER_BINARY), arguments);
    if (!process_.waitForStarted(kStartTimeoutMs)) {
        return false;
    }
    const QRegularExpression listening(QStringLiteral(R"("event":"listening".*"port":(\d+))"));
    QByteArray log;
    quint16 port = 0;
    while (port == 0 && process_.waitForReadyRead(kStartTimeoutMs)) {
        log += process_.readAllStandardError();
        const auto match = listening.match(QString::fromUtf8(log));
        if (match.hasMatch()) {
            port = static_cast<quint16>(match.captured(1).toUInt());
        }
    }
    // Keep the pipe drained so the server never blocks on its log.
    QObject::connect(&process_, &QProcess::readyReadStandardError, [this] { process_.readAllStandardError(); });
    port_ = port;
    return port_ != 0;
}

void MockServer::stop() {
    QObject::disconnect(&process_, &QProcess::readyReadStandardError, nullptr, nullptr);
    if (process_.state() != QProcess::NotRunning) {
        process_.terminate();
        if (!process_.waitForFinished(kStartTimeoutMs)) {
            process_.kill();
            process_.waitForFinished(kStartTimeoutMs);
        }
    }
}

QUrl MockServer::url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port_)); }

Answer MockServer::call(const QByteArray& verb, const QString& path, const QByteArray& body,
                        const QByteArray& bearer) {
    QNetworkRequest request(QUrl(url().toString() + path));
    if (!body.isEmpty()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    if (!bearer.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + bearer);
    }
    QNetworkReply* reply = network_.sendCustomRequest(request, verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished()) {
        finished.wait(kAnswerTimeoutMs);
    }
    Answer answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    reply->deleteLater();
    return answer;
}

QString MockServer::latestCode(const QString& phone) {
    const QString query = QString::fromLatin1(QUrl::toPercentEncoding(phone));
    const QJsonArray messages = call("GET", QStringLiteral("/mock/outbox?phone=") + query).json()[u"messages"].toArray();
    return messages.isEmpty() ? QString{} : messages.last()[u"code"].toString();
}

double MockServer::counter(const QString& name, const QString& labels) {
    const QString metrics = QString::fromUtf8(call("GET", QStringLiteral("/metrics")).body);
    const QString prefix = name + u'{' + labels + QStringLiteral("} ");
    for (const QString& line : metrics.split(u'\n')) {
        if (line.startsWith(prefix)) {
            return line.mid(prefix.size()).toDouble();
        }
    }
    return 0;
}

int MockServer::requests(const QString& route, const QString& method, int status) {
    const QString labels = QStringLiteral(R"(route="%1",method="%2",status="%3")").arg(route, method).arg(status);
    return static_cast<int>(counter(QStringLiteral("sesame_http_requests_total"), labels));
}

int MockServer::refreshes() { return requests(QStringLiteral("/v1/token/refresh"), QStringLiteral("POST"), 200); }

}  // namespace sesame::test
