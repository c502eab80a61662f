#include "store/session_codec.h"

#include <catch2/catch.hpp>

using namespace std::chrono;
using sesame::decodeSession;
using sesame::encodeSession;
using sesame::StoredSession;

namespace {

StoredSession sample() {
    StoredSession session;
    session.accessToken = "header.payload.signature";
    session.refreshToken = "r3fr3sh";
    session.sessionId = "ses_1";
    session.issuedAt = system_clock::time_point{milliseconds{1'700'000'000'123}};
    session.accessExpiresAt = session.issuedAt + seconds{900};
    session.refreshExpiresAt = session.issuedAt + hours{24 * 30};
    session.serverOffset = milliseconds{-4200};
    session.user = {"usr_1", "+77001234567", std::nullopt, "2024-06-01T10:00:00Z"};
    session.shop = {"shp_1", "Магазин", "ru", "KZT", "free"};
    return session;
}

}  // namespace

TEST_CASE("a session survives encoding unchanged", "[session_codec]") {
    const auto session = sample();
    const auto decoded = decodeSession(encodeSession(session));
    REQUIRE(decoded);
    CHECK(*decoded == session);
}

TEST_CASE("damaged or foreign entries are no session", "[session_codec]") {
    auto json = encodeSession(sample());
    CHECK_FALSE(decodeSession({}));
    CHECK_FALSE(decodeSession("not json"));
    CHECK_FALSE(decodeSession("[]"));
    CHECK_FALSE(decodeSession("null"));
    CHECK_FALSE(decodeSession(json.left(json.size() / 2)));
    CHECK_FALSE(decodeSession(QByteArray(json).replace("\"version\":1", "\"version\":2")));
    CHECK_FALSE(decodeSession(QByteArray(json).replace("\"version\":1", "\"version\":\"1\"")));
    CHECK_FALSE(decodeSession(QByteArray(json).replace("\"refresh_token\":\"r3fr3sh\"", "\"refresh_token\":\"\"")));
    CHECK_FALSE(decodeSession(QByteArray(json).replace("\"refresh_token\":\"r3fr3sh\"", "\"refresh_token\":7")));
    CHECK_FALSE(decodeSession(QByteArray(json).replace("\"currency\":\"KZT\"", "\"currency\":null")));
    CHECK_FALSE(decodeSession(QByteArray(json).replace("\"server_offset_ms\":-4200", "\"server_offset_ms\":1.5")));
    CHECK_FALSE(decodeSession(QByteArray(1 << 20, '\xff')));
}
