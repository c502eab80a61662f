#pragma once
// The byte form of a StoredSession inside a keychain entry: versioned JSON.

#include <sesame/token_store.h>

#include <QtCore/QByteArray>

#include <optional>

namespace sesame {

QByteArray encodeSession(const StoredSession& session);
// nullopt for anything encodeSession did not write (another version, a
// damaged entry): such an entry is treated as no session at all.
std::optional<StoredSession> decodeSession(const QByteArray& bytes);

}  // namespace sesame
