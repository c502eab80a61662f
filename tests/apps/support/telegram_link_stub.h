#pragma once
// A stand-in for a full server whose Telegram bot has not met the phone yet:
// POST /v1/otp answers 202 with "channel": "telegram_link" and a link_url,
// exactly as API.md describes; everything else is a 404 problem. Only the
// login flow's navigation is tested with it: mock mode never answers
// telegram_link, and the real Telegram path needs the full server with the
// fake Telegram.

#include <QtCore/QObject>
#include <QtCore/QUrl>
#include <QtNetwork/QTcpServer>

namespace sesame::apptest {

class TelegramLinkStub : public QObject {
public:
    TelegramLinkStub();

    bool listen();
    QUrl url() const;
    // The link every answer carries.
    static QUrl link();

private:
    void answer(QTcpSocket* socket);

    QTcpServer server_;
};

}  // namespace sesame::apptest
