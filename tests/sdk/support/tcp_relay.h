#pragma once
// A TCP relay between the SDK and the mock server that a test can cut and
// restore, to play "the server is unreachable" without losing the server's
// in-memory sessions.

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QUrl>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

namespace sesame::test {

class TcpRelay : public QObject {
public:
    explicit TcpRelay(quint16 backendPort);
    ~TcpRelay() override;

    bool listen();
    QUrl url() const;
    // Down: no new connections (refused) and the open ones are reset.
    void setDown(bool down);
    // Silent: connections are accepted but nothing is ever answered.
    void setSilent(bool silent) { silent_ = silent; }

private:
    void relay();

    quint16 backendPort_;
    quint16 port_ = 0;
    bool silent_ = false;
    QTcpServer server_;
    QList<QPointer<QTcpSocket>> sockets_;
};

}  // namespace sesame::test
