#include "support/server_helpers.h"

#include "support/app_driver.h"

#include <sesame/auth_client.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtTest/QSignalSpy>

namespace sesame::apptest {
namespace {

bool waitFor(QSignalSpy& spy) { return spy.count() > 0 || spy.wait(kWaitMs); }

QByteArray json(const QJsonObject& object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

}  // namespace

RemoteSession signInElsewhere(test::MockServer& server, const QString& phone, const QString& deviceName) {
    if (server.call("POST", QStringLiteral("/v1/otp"), json({{"phone", phone}})).status != 202) {
        return {};
    }
    const QJsonObject device{{"name", deviceName}, {"platform", "android"}};
    const auto answer = server.call("POST", QStringLiteral("/v1/otp/verify"),
                                    json({{"phone", phone}, {"code", server.latestCode(phone)}, {"device", device}}));
    const QJsonObject session = answer.json();
    return {session[u"access_token"].toString().toLatin1(), session[u"session_id"].toString()};
}

bool signInWithSdk(test::MockServer& server, const QUrl& serverUrl, const QString& phone, const QString& name,
                   const QString& shop) {
    AuthClient client;
    client.setServerUrl(serverUrl);
    QSignalSpy sent(&client, &AuthClient::codeSent);
    client.requestCode(phone, {}, AuthClient::Channel::Auto);
    if (!waitFor(sent)) {
        return false;
    }
    QSignalSpy signedIn(&client, &AuthClient::signedIn);
    client.verifyCode(server.latestCode(phone));
    if (!waitFor(signedIn)) {
        return false;
    }
    QSignalSpy updated(&client, &AuthClient::profileUpdated);
    client.updateProfile({{"name", name},
                          {"shop", QVariantMap{{"name", shop}}},
                          {"consent", QVariantMap{{"termsVersion", "2024-06-01"}, {"marketing", false}}}});
    if (!waitFor(updated)) {
        return false;
    }
    // The SDK stores a profile change with the next tokens only.
    QSignalSpy refreshed(&client, &AuthClient::tokenRefreshed);
    client.refreshNow();
    return waitFor(refreshed) && client.storageStatus() == AuthClient::StorageStatus::Available;
}

QString outboxCode(const QUrl& server, const QString& phone) {
    QNetworkAccessManager network;
    QUrl url = server.resolved(QUrl(QStringLiteral("/mock/outbox")));
    url.setQuery(QStringLiteral("phone=") + QString::fromLatin1(QUrl::toPercentEncoding(phone)));
    QNetworkReply* reply = network.get(QNetworkRequest(url));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(kWaitMs)) {
        delete reply;
        return {};
    }
    const QJsonArray messages = QJsonDocument::fromJson(reply->readAll()).object()[u"messages"].toArray();
    delete reply;
    return messages.isEmpty() ? QString{} : messages.last()[u"code"].toString();
}

}  // namespace sesame::apptest
