#include "support/tcp_relay.h"

namespace sesame::test {

TcpRelay::TcpRelay(quint16 backendPort) : backendPort_(backendPort) {
    connect(&server_, &QTcpServer::newConnection, this, &TcpRelay::relay);
}

TcpRelay::~TcpRelay() { setDown(true); }

bool TcpRelay::listen() {
    if (!server_.listen(QHostAddress::LocalHost, port_)) {
        return false;
    }
    port_ = server_.serverPort();
    return true;
}

QUrl TcpRelay::url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port_)); }

void TcpRelay::setDown(bool down) {
    if (!down) {
        listen();
        return;
    }
    server_.close();
    for (const QPointer<QTcpSocket>& socket : std::as_const(sockets_)) {
        if (socket) {
            socket->abort();
            socket->deleteLater();
        }
    }
    sockets_.clear();
}

void TcpRelay::relay() {
    while (QTcpSocket* client = server_.nextPendingConnection()) {
        if (silent_) {
            client->setParent(this);
            sockets_ << client;
            continue;
        }
        auto* backend = new QTcpSocket(this);
        client->setParent(this);
        sockets_ << client << backend;
        connect(client, &QTcpSocket::readyRead, backend, [client, backend] { backend->write(client->readAll()); });
        connect(backend, &QTcpSocket::readyRead, client, [client, backend] { client->write(backend->readAll()); });
        connect(client, &QTcpSocket::disconnected, backend, &QTcpSocket::disconnectFromHost);
        connect(backend, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        backend->connectToHost(QHostAddress::LocalHost, backendPort_);
    }
}

}  // namespace sesame::test
