#pragma once
// A person in the fake Telegram (tests/fakes/telegram.mjs), played through
// the fake's control API: they open the bot's link, share their contact and
// read the code the bot sent them. Every call waits on the event loop for the
// answer (QSignalSpy), never sleeps.

#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtNetwork/QNetworkAccessManager>

namespace sesame::apptest {

class TelegramUser {
public:
    // `control`: the fake's /__control URL (SESAME_E2E_TELEGRAM_URL).
    explicit TelegramUser(QUrl control);

    // Joins Telegram with `phone` (E.164); false when the fake refused.
    bool join(const QString& phone);
    // Opens https://t.me/<bot>?start=<nonce>: the bot gets "/start <nonce>".
    bool opens(const QUrl& link);
    // Taps the bot's "share my phone number" button: their own contact.
    bool sharesContact();
    // The bot's messages in their chat, oldest first.
    QJsonArray botMessages();
    // The newest bot message holding a code of `length` digits, or "".
    QString latestCode(int length = 6);
    // Whether the bot's message that carried `code` has been deleted.
    bool codeMessageDeleted(const QString& code);

private:
    QJsonObject call(const QByteArray& verb, const QString& path, const QJsonObject& body = {});

    QUrl control_;
    QNetworkAccessManager network_;
    qint64 id_ = 0;
    bool ok_ = false;
};

}  // namespace sesame::apptest
