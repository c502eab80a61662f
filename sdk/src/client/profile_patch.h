#pragma once
// PATCH /v1/me bodies from what QML hands over, and session lists back.

#include <sesame/contract/messages.h>

#include <QtCore/QVariantList>
#include <QtCore/QVariantMap>

#include <optional>

namespace sesame {

// {"name", "shop": {"name", "language", "currency"}, "consent":
// {"termsVersion", "marketing"}}: every member optional, strings are strings,
// marketing is a bool. Unknown members or wrong types give nullopt, so a typo
// fails loudly instead of being dropped. The server checks the values.
std::optional<contract::ProfilePatch> profilePatchFrom(const QVariantMap& changes);

// The session list as QML reads it: [{"id", "device": {"name", "platform"} or
// null, "createdAt", "lastSeenAt", "current"}].
QVariantList sessionListToVariant(const contract::SessionList& list);

// True for a plausible session id: 1..128 of [A-Za-z0-9_-] (safe in a path).
bool isSessionId(const QString& id);

}  // namespace sesame
