#include "client/profile_patch.h"

#include <QtCore/QSet>

namespace sesame {
namespace {

constexpr int kMaxSessionId = 128;

bool onlyKeys(const QVariantMap& map, const QSet<QString>& allowed) {
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        if (!allowed.contains(it.key())) {
            return false;
        }
    }
    return true;
}

// Reads `map[key]` as a string into `out`; false when present but not a string.
bool readString(const QVariantMap& map, const QString& key, std::optional<std::string>& out) {
    const auto it = map.constFind(key);
    if (it == map.cend()) {
        return true;
    }
    if (it->typeId() != QMetaType::QString) {
        return false;
    }
    out = it->toString().toStdString();
    return true;
}

std::optional<QVariantMap> readMap(const QVariantMap& map, const QString& key, bool& ok) {
    const auto it = map.constFind(key);
    if (it == map.cend()) {
        return std::nullopt;
    }
    if (it->typeId() != QMetaType::QVariantMap) {
        ok = false;
        return std::nullopt;
    }
    return it->toMap();
}

}  // namespace

std::optional<contract::ProfilePatch> profilePatchFrom(const QVariantMap& changes) {
    contract::ProfilePatch patch;
    bool ok = onlyKeys(changes, {QStringLiteral("name"), QStringLiteral("shop"), QStringLiteral("consent")}) &&
              readString(changes, QStringLiteral("name"), patch.name);
    if (const auto shop = readMap(changes, QStringLiteral("shop"), ok)) {
        contract::ShopPatch shopPatch;
        ok = ok && onlyKeys(*shop, {QStringLiteral("name"), QStringLiteral("language"), QStringLiteral("currency")}) &&
             readString(*shop, QStringLiteral("name"), shopPatch.name) &&
             readString(*shop, QStringLiteral("language"), shopPatch.language) &&
             readString(*shop, QStringLiteral("currency"), shopPatch.currency);
        patch.shop = shopPatch;
    }
    if (const auto consent = readMap(changes, QStringLiteral("consent"), ok)) {
        std::optional<std::string> terms;
        const QVariant marketing = consent->value(QStringLiteral("marketing"), false);
        ok = ok && onlyKeys(*consent, {QStringLiteral("termsVersion"), QStringLiteral("marketing")}) &&
             readString(*consent, QStringLiteral("termsVersion"), terms) && terms &&
             marketing.typeId() == QMetaType::Bool;
        if (ok) {
            patch.consent = contract::Consent{*terms, marketing.toBool()};
        }
    }
    return ok ? std::optional{patch} : std::nullopt;
}

QVariantList sessionListToVariant(const contract::SessionList& list) {
    QVariantList sessions;
    for (const contract::SessionInfo& info : list.sessions) {
        QVariant device;
        if (info.device) {
            device = QVariantMap{{QStringLiteral("name"), QString::fromStdString(info.device->name)},
                                 {QStringLiteral("platform"), QString::fromStdString(info.device->platform)}};
        }
        sessions.append(QVariantMap{
            {QStringLiteral("id"), QString::fromStdString(info.id)},
            {QStringLiteral("device"), device},
            {QStringLiteral("createdAt"), QString::fromStdString(info.createdAt)},
            {QStringLiteral("lastSeenAt"), QString::fromStdString(info.lastSeenAt.value_or(std::string{}))},
            {QStringLiteral("current"), info.current.value_or(false)},
        });
    }
    return sessions;
}

bool isSessionId(const QString& id) {
    if (id.isEmpty() || id.size() > kMaxSessionId) {
        return false;
    }
    return std::all_of(id.cbegin(), id.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-' ||
               c == u'_';
    });
}

}  // namespace sesame
