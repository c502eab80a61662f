#include "net/transport_rules.h"

#include <sesame/version.h>

#include <QtCore/QSysInfo>
#include <QtNetwork/QHostAddress>

namespace sesame {

bool isLoopbackHost(const QString& host) {
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QHostAddress address{host};
    return !address.isNull() && address.isLoopback();
}

Error checkTransport(const QUrl& url, bool allowInsecure) {
    if (!url.isValid() || url.host().isEmpty()) {
        return Error::InsecureTransport;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https")) {
        return Error::None;
    }
    if (scheme == QLatin1String("http") && (allowInsecure || isLoopbackHost(url.host()))) {
        return Error::None;
    }
    return Error::InsecureTransport;
}

QString accountKey(const QUrl& serverUrl) {
    QUrl key = serverUrl.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment |
                                  QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    key.setScheme(key.scheme().toLower());
    key.setHost(key.host().toLower());
    const int defaultPort = key.scheme() == QLatin1String("https") ? 443 : key.scheme() == QLatin1String("http") ? 80 : -1;
    if (key.port() == defaultPort) {
        key.setPort(-1);
    }
    return key.toString(QUrl::FullyEncoded);
}

QByteArray userAgent() {
    return QByteArrayLiteral("Sesame-SDK/" SESAME_SDK_VERSION " (Qt ") + qVersion() + "; " +
           QSysInfo::kernelType().toLatin1() + ')';
}

std::optional<QList<QByteArray>> decodePins(const QStringList& pins) {
    QList<QByteArray> digests;
    for (const QString& pin : pins) {
        const auto decoded = QByteArray::fromBase64Encoding(pin.trimmed().toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.size() != 32) {
            return std::nullopt;
        }
        digests.append(decoded.decoded);
    }
    return digests;
}

bool matchesPins(const QList<QByteArray>& pins, const QList<QByteArray>& spkiDigests) {
    for (const QByteArray& digest : spkiDigests) {
        if (pins.contains(digest)) {
            return true;
        }
    }
    return false;
}

}  // namespace sesame
