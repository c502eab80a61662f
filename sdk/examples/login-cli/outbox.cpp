#include "outbox.h"

#include <sesame/contract/json.h>

#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>

namespace sesame::examples {

namespace {

constexpr int kTimeoutMs = 15'000;

OutboxResult newestCode(QNetworkReply& reply) {
    const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 404) {
        return contract::unexpected(QStringLiteral("the server has no outbox: --outbox needs `sesame-server --mode mock`"));
    }
    if (reply.error() != QNetworkReply::NoError || status != 200) {
        return contract::unexpected(QStringLiteral("the outbox could not be read: ") + reply.errorString());
    }
    const QByteArray body = reply.readAll();
    const auto document = nlohmann::json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    const auto outbox = contract::parse<contract::Outbox>(document);
    if (!outbox) {
        return contract::unexpected(QStringLiteral("the outbox answer is not what the contract says"));
    }
    if (outbox->messages.empty()) {
        return contract::unexpected(QStringLiteral("the outbox holds no code for this phone"));
    }
    return QString::fromStdString(outbox->messages.back().code);
}

}  // namespace

void fetchNewestCode(QNetworkAccessManager& network, const QUrl& server, const QString& phone, QObject* context,
                     std::function<void(OutboxResult)> done) {
    QUrl url(server.toString(QUrl::StripTrailingSlash) + QStringLiteral("/mock/outbox"));
    url.setQuery(QStringLiteral("phone=") + QString::fromLatin1(QUrl::toPercentEncoding(phone)));
    QNetworkRequest request(url);
    request.setTransferTimeout(kTimeoutMs);
    QNetworkReply* reply = network.get(request);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        reply->deleteLater();
        done(newestCode(*reply));
    });
}

}  // namespace sesame::examples
