#pragma once
// The mock server's outbox (GET /mock/outbox, mock mode only): where
// `sesame-server --mode mock` puts the codes it would have sent.

#include <sesame/contract/expected.h>

#include <QtCore/QString>
#include <QtCore/QUrl>

#include <functional>

class QNetworkAccessManager;
class QObject;

namespace sesame::examples {

// The newest code, or a sentence saying why there is none.
using OutboxResult = contract::Expected<QString, QString>;

// Asks `server` for the newest code sent to `phone` (E.164); `done` runs
// later, unless `context` died first.
void fetchNewestCode(QNetworkAccessManager& network, const QUrl& server, const QString& phone, QObject* context,
                     std::function<void(OutboxResult)> done);

}  // namespace sesame::examples
