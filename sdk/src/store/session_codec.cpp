#include "store/session_codec.h"

#include <sesame/contract/json.h>

namespace sesame {
namespace {

constexpr int kVersion = 1;

using Json = nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::system_clock;

std::int64_t toMillis(system_clock::time_point time) {
    return std::chrono::duration_cast<milliseconds>(time.time_since_epoch()).count();
}

std::optional<std::int64_t> integer(const Json& object, const char* name) {
    const auto it = object.find(name);
    if (it == object.end() || !it->is_number_integer()) {
        return std::nullopt;
    }
    return it->get<std::int64_t>();
}

std::optional<std::string> text(const Json& object, const char* name) {
    const auto it = object.find(name);
    if (it == object.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
        return std::nullopt;
    }
    return it->get<std::string>();
}

}  // namespace

QByteArray encodeSession(const StoredSession& session) {
    const Json document{
        {"version", kVersion},
        {"access_token", session.accessToken},
        {"refresh_token", session.refreshToken},
        {"session_id", session.sessionId},
        {"issued_at_ms", toMillis(session.issuedAt)},
        {"access_expires_at_ms", toMillis(session.accessExpiresAt)},
        {"refresh_expires_at_ms", toMillis(session.refreshExpiresAt)},
        {"server_offset_ms", session.serverOffset.count()},
        {"user", contract::toJson(session.user)},
        {"shop", contract::toJson(session.shop)},
    };
    return QByteArray::fromStdString(document.dump());
}

std::optional<StoredSession> decodeSession(const QByteArray& bytes) {
    const Json document = Json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
    if (!document.is_object() || integer(document, "version") != kVersion || !document.contains("user") ||
        !document.contains("shop")) {
        return std::nullopt;
    }
    const auto access = text(document, "access_token");
    const auto refresh = text(document, "refresh_token");
    const auto sessionId = text(document, "session_id");
    const auto issued = integer(document, "issued_at_ms");
    const auto accessExpires = integer(document, "access_expires_at_ms");
    const auto refreshExpires = integer(document, "refresh_expires_at_ms");
    const auto offset = integer(document, "server_offset_ms");
    auto user = contract::parse<contract::User>(document["user"]);
    auto shop = contract::parse<contract::Shop>(document["shop"]);
    if (!access || !refresh || !sessionId || !issued || !accessExpires || !refreshExpires || !offset || !user ||
        !shop) {
        return std::nullopt;
    }
    StoredSession session;
    session.accessToken = *access;
    session.refreshToken = *refresh;
    session.sessionId = *sessionId;
    session.issuedAt = system_clock::time_point{milliseconds{*issued}};
    session.accessExpiresAt = system_clock::time_point{milliseconds{*accessExpires}};
    session.refreshExpiresAt = system_clock::time_point{milliseconds{*refreshExpires}};
    session.serverOffset = milliseconds{*offset};
    session.user = std::move(user).value();
    session.shop = std::move(shop).value();
    return session;
}

}  // namespace sesame
