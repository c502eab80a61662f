#pragma once
// Rules every request of the SDK follows, kept free of networking so they are
// tested directly.

#include <sesame/error.h>

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

namespace sesame {

// True for "localhost", 127.0.0.0/8 and ::1: traffic that never leaves the
// machine, where plain http is acceptable for development.
bool isLoopbackHost(const QString& host);

// Error::None when the SDK may talk to `url`: https, or http to a loopback
// host, or any http when `allowInsecure` (an explicit development opt-out).
// Anything else, including a URL without a host, is InsecureTransport.
Error checkTransport(const QUrl& url, bool allowInsecure);

// The account a server URL stands for: scheme, host, port and path, without
// credentials, query, fragment or a trailing slash. Tokens are stored under it.
QString accountKey(const QUrl& serverUrl);

// "Sesame-SDK/0.1.0 (Qt 6.4.2; linux)".
QByteArray userAgent();

// The SHA-256 digests of the base64 "pin-sha256" strings (as in RFC 7469).
// Returns nullopt if any entry is not base64 of 32 bytes.
std::optional<QList<QByteArray>> decodePins(const QStringList& pins);

// Whether one of `spkiDigests` (SHA-256 of each certificate's
// SubjectPublicKeyInfo in the chain) is pinned; an empty pin list pins nothing.
bool matchesPins(const QList<QByteArray>& pins, const QList<QByteArray>& spkiDigests);

}  // namespace sesame
