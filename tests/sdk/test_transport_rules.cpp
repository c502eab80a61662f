#include "net/transport_rules.h"

#include <sesame/version.h>

#include <catch2/catch.hpp>

#include <QtCore/QCryptographicHash>

using sesame::checkTransport;
using sesame::Error;

TEST_CASE("https is always allowed, http only to loopback", "[transport]") {
    CHECK(checkTransport(QUrl("https://api.sesame.dev"), false) == Error::None);
    CHECK(checkTransport(QUrl("HTTPS://api.sesame.dev:8443/base"), false) == Error::None);
    for (const char* url : {"http://127.0.0.1:8080", "http://127.9.9.9", "http://localhost:1", "http://LOCALHOST",
                            "http://[::1]:8080"}) {
        INFO(url);
        CHECK(checkTransport(QUrl(url), false) == Error::None);
    }
    for (const char* url : {"http://api.sesame.dev", "http://10.0.0.1", "http://192.168.1.1", "http://localhost.evil.com",
                            "http://127.0.0.1.evil.com", "http://[::2]", "http://0.0.0.0", "ftp://127.0.0.1",
                            "file:///etc/passwd", "ws://127.0.0.1", "", "https://", "//127.0.0.1", "http://кремль.рф"}) {
        INFO(url);
        CHECK(checkTransport(QUrl(url), false) == Error::InsecureTransport);
    }
}

TEST_CASE("the development opt-out allows http anywhere, but nothing else", "[transport]") {
    CHECK(checkTransport(QUrl("http://api.sesame.dev"), true) == Error::None);
    CHECK(checkTransport(QUrl("ftp://api.sesame.dev"), true) == Error::InsecureTransport);
    CHECK(checkTransport(QUrl(""), true) == Error::InsecureTransport);
}

TEST_CASE("an account key ignores what does not name the server", "[transport]") {
    const QString key = sesame::accountKey(QUrl("https://api.sesame.dev/base"));
    CHECK(key == "https://api.sesame.dev/base");
    CHECK(sesame::accountKey(QUrl("HTTPS://user:pw@API.sesame.dev:443/base/?q=1#f")) == key);
    CHECK(sesame::accountKey(QUrl("https://api.sesame.dev/base/")) == key);
    CHECK(sesame::accountKey(QUrl("https://api.sesame.dev:8443/base")) != key);
    CHECK(sesame::accountKey(QUrl("http://api.sesame.dev/base")) != key);
    CHECK(sesame::accountKey(QUrl("https://api.sesame.dev/other")) != key);
}

TEST_CASE("the user agent names the SDK version", "[transport]") {
    CHECK(sesame::userAgent().startsWith("Sesame-SDK/" SESAME_SDK_VERSION " (Qt "));
}

TEST_CASE("pins are base64 SHA-256 digests", "[transport]") {
    const QByteArray digest = QCryptographicHash::hash("spki", QCryptographicHash::Sha256);
    const auto pins = sesame::decodePins({QString::fromLatin1(digest.toBase64())});
    REQUIRE(pins);
    CHECK(pins->value(0) == digest);
    CHECK(sesame::decodePins({})->isEmpty());
    for (const char* bad : {"", "not base64!", "c2hvcnQ=", "AAAA", "ÿÿÿÿ"}) {
        INFO(bad);
        CHECK_FALSE(sesame::decodePins({QString::fromUtf8(bad)}));
    }
    CHECK_FALSE(sesame::decodePins({QString::fromLatin1(digest.toBase64()), QStringLiteral("x")}));
    CHECK_FALSE(sesame::decodePins({QString::fromLatin1(QByteArray(1000, 'A'))}));
}

TEST_CASE("a chain passes when any certificate's key is pinned", "[transport]") {
    const QByteArray leaf = QCryptographicHash::hash("leaf", QCryptographicHash::Sha256);
    const QByteArray root = QCryptographicHash::hash("root", QCryptographicHash::Sha256);
    const QByteArray other = QCryptographicHash::hash("other", QCryptographicHash::Sha256);
    CHECK(sesame::matchesPins({root}, {leaf, root}));
    CHECK(sesame::matchesPins({other, leaf}, {leaf}));
    CHECK_FALSE(sesame::matchesPins({other}, {leaf, root}));
    CHECK_FALSE(sesame::matchesPins({other}, {}));
}
