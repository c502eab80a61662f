#include "support/telegram_link_stub.h"

#include <QtNetwork/QTcpSocket>

namespace sesame::apptest {
namespace {

QByteArray response(int status, const QByteArray& reason, const QByteArray& type, const QByteArray& body) {
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\nContent-Type: " + type +
           "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace

TelegramLinkStub::TelegramLinkStub() {
    connect(&server_, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = server_.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { answer(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool TelegramLinkStub::listen() { return server_.listen(QHostAddress::LocalHost); }

QUrl TelegramLinkStub::url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server_.serverPort())); }

QUrl TelegramLinkStub::link() { return QUrl(QStringLiteral("https://t.me/sesame_demo_bot?start=4f9c2a71")); }

void TelegramLinkStub::answer(QTcpSocket* socket) {
    // Requests are small: the headers and the body arrive before an answer is due.
    const QByteArray request = socket->peek(socket->bytesAvailable());
    const qsizetype headersEnd = request.indexOf("\r\n\r\n");
    if (headersEnd < 0) {
        return;
    }
    socket->readAll();
    if (request.startsWith("POST /v1/otp ")) {
        const QByteArray body = R"({"request_id":"5e0b6a7c-1d2e-4f60-9a8b-7c6d5e4f3a21","phone":"+77001230701",)"
                                R"("channel":"telegram_link","link_url":")" + link().toEncoded() +
                                R"(","expires_in":300,"resend_in":60,"code_length":6})";
        socket->write(response(202, "Accepted", "application/json", body));
    } else {
        const QByteArray body = R"({"type":"about:blank","title":"Not Found","status":404,"detail":"no such route","code":"not_found"})";
        socket->write(response(404, "Not Found", "application/problem+json", body));
    }
    socket->disconnectFromHost();
}

}  // namespace sesame::apptest
