#pragma once
// The test playing other people and devices against the mock server.

#include "support/mock_server.h"

#include <QtCore/QString>
#include <QtCore/QUrl>

namespace sesame::apptest {

struct RemoteSession {
    QByteArray accessToken;
    QString sessionId;
};

// Signs `phone` in from another device over plain HTTP (code from the outbox).
RemoteSession signInElsewhere(test::MockServer& server, const QString& phone, const QString& deviceName);

// Signs `phone` in through the SDK (as the app would, through `serverUrl`),
// completes the profile and refreshes once, so that the keychain holds the
// session with the profile; then the client goes away.
bool signInWithSdk(test::MockServer& server, const QUrl& serverUrl, const QString& phone, const QString& name,
                   const QString& shop);

// The newest code in the outbox of the mock server at `server` for `phone`, or "".
QString outboxCode(const QUrl& server, const QString& phone);

}  // namespace sesame::apptest
