#include "support/telegram_user.h"

#include "support/app_driver.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QRegularExpression>
#include <QtCore/QUrlQuery>
#include <QtNetwork/QNetworkReply>
#include <QtTest/QSignalSpy>

#include <memory>

namespace sesame::apptest {

TelegramUser::TelegramUser(QUrl control) : control_(std::move(control)) {}

QJsonObject TelegramUser::call(const QByteArray& verb, const QString& path, const QJsonObject& body) {
    QNetworkRequest request(QUrl(control_.toString() + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QByteArray payload = verb == "GET" ? QByteArray{} : QJsonDocument(body).toJson(QJsonDocument::Compact);
    std::unique_ptr<QNetworkReply> reply(network_.sendCustomRequest(request, verb, payload));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(kWaitMs)) {
        ok_ = false;
        return {};
    }
    ok_ = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() / 100 == 2;
    return QJsonDocument::fromJson(reply->readAll()).object();
}

bool TelegramUser::join(const QString& phone) {
    id_ = call("POST", QStringLiteral("/users"), {{"phone", phone}, {"first_name", "Aigerim"}})[u"id"].toInteger();
    return ok_ && id_ != 0;
}

bool TelegramUser::opens(const QUrl& link) {
    const QString nonce = QUrlQuery(link).queryItemValue(QStringLiteral("start"));
    call("POST", QStringLiteral("/users/%1/start").arg(id_), {{"nonce", nonce}});
    return ok_ && !nonce.isEmpty();
}

bool TelegramUser::sharesContact() {
    call("POST", QStringLiteral("/users/%1/contact").arg(id_));
    return ok_;
}

QJsonArray TelegramUser::botMessages() {
    QJsonArray fromBot;
    for (const auto& message : call("GET", QStringLiteral("/chats/%1/messages").arg(id_))[u"messages"].toArray()) {
        if (message[u"direction"].toString() == u"bot") {
            fromBot.append(message);
        }
    }
    return fromBot;
}

QString TelegramUser::latestCode(int length) {
    const QRegularExpression digits(QStringLiteral("\\b(\\d{%1})\\b").arg(length));
    const QJsonArray messages = botMessages();
    for (auto it = messages.end(); it != messages.begin();) {
        --it;
        const auto match = digits.match(it->toObject()[u"text"].toString());
        if (match.hasMatch()) {
            return match.captured(1);
        }
    }
    return {};
}

bool TelegramUser::codeMessageDeleted(const QString& code) {
    for (const auto& message : botMessages()) {
        if (message[u"text"].toString().contains(code)) {
            return message[u"deleted"].toBool();
        }
    }
    return false;
}

}  // namespace sesame::apptest
