// The SDK's transport over real TLS: a local QSslServer with a certificate
// made by the openssl tool for this run, trusted through the default CA list.
// Checks SPKI pinning (pass, mismatch), untrusted certificates and the
// User-Agent, which the mock server (plain http) cannot show.

#include <sesame/auth_client.h>
#include <sesame/memory_token_store.h>
#include <sesame/version.h>

#include <QtCore/QCryptographicHash>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslKey>
#include <QtNetwork/QSslServer>
#include <QtNetwork/QSslSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using sesame::AuthClient;
using sesame::Error;

namespace {

constexpr int kWaitMs = 10'000;

// Answers every request with a valid 202 of POST /v1/otp and remembers the
// request head it got.
class TlsServer : public QSslServer {
public:
    TlsServer(const QSslCertificate& certificate, const QSslKey& key) {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(certificate);
        configuration.setPrivateKey(key);
        setSslConfiguration(configuration);
        connect(this, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { serve(*socket); });
            }
        });
    }

    QUrl url() const { return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(serverPort())); }
    QByteArray lastHead;

private:
    void serve(QTcpSocket& socket) {
        received_ += socket.readAll();
        const qsizetype end = received_.indexOf("\r\n\r\n");
        if (end < 0) {
            return;
        }
        const QByteArray head = received_.left(end);
        const qsizetype lengthAt = head.toLower().indexOf("content-length:");
        const int length = lengthAt < 0 ? 0 : head.mid(lengthAt + 15).split('\r').first().trimmed().toInt();
        if (received_.size() < end + 4 + length) {
            return;
        }
        lastHead = head;
        received_.clear();
        const QByteArray body = "{\"request_id\":\"r1\",\"phone\":\"+77001234567\",\"channel\":\"sms\","
                                "\"expires_in\":300,\"resend_in\":60,\"code_length\":6}";
        socket.write("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nConnection: close\r\n"
                     "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket.disconnectFromHost();
    }

    QByteArray received_;
};

struct Credentials {
    QSslCertificate certificate;
    QSslKey key;
    QByteArray spkiDigest;  // SHA-256 of the SubjectPublicKeyInfo, as openssl writes it
};

bool run(const QStringList& arguments, const QString& directory) {
    QProcess openssl;
    openssl.setWorkingDirectory(directory);
    openssl.start(QStringLiteral("openssl"), arguments);
    return openssl.waitForFinished(kWaitMs) && openssl.exitCode() == 0;
}

std::optional<Credentials> makeCredentials(const QString& directory, const QString& name) {
    const QString key = name + QStringLiteral(".key");
    const QString cert = name + QStringLiteral(".pem");
    const QString spki = name + QStringLiteral(".spki");
    if (!run({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
              "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"},
             directory) ||
        !run({"pkey", "-in", key, "-pubout", "-outform", "DER", "-out", spki}, directory)) {
        return std::nullopt;
    }
    auto read = [&](const QString& file) {
        QFile f(directory + u'/' + file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray{};
    };
    Credentials credentials{QSslCertificate(read(cert)), QSslKey(read(key), QSsl::Ec),
                            QCryptographicHash::hash(read(spki), QCryptographicHash::Sha256)};
    if (credentials.certificate.isNull() || credentials.key.isNull()) {
        return std::nullopt;
    }
    return credentials;
}

}  // namespace

class TestTransportTls : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void trustedServerWithoutPins();
    void pinnedKeyPasses();
    void otherPinFailsAsTls();
    void untrustedCertificateFailsAsTls();
    void invalidPinsAreRefused();

private:
    Error requestCode(const QUrl& server, const QStringList& pins);

    QTemporaryDir directory_;
    std::optional<Credentials> trusted_;
    std::optional<Credentials> untrusted_;
    std::unique_ptr<TlsServer> server_;
};

void TestTransportTls::initTestCase() {
    if (!QSslSocket::supportsSsl()) {
        QSKIP("no TLS backend");
    }
    QVERIFY(directory_.isValid());
    trusted_ = makeCredentials(directory_.path(), QStringLiteral("trusted"));
    untrusted_ = makeCredentials(directory_.path(), QStringLiteral("untrusted"));
    QVERIFY(trusted_ && untrusted_);
    QSslConfiguration defaults = QSslConfiguration::defaultConfiguration();
    defaults.addCaCertificate(trusted_->certificate);
    QSslConfiguration::setDefaultConfiguration(defaults);
    server_ = std::make_unique<TlsServer>(trusted_->certificate, trusted_->key);
    QVERIFY(server_->listen(QHostAddress::LocalHost));
}

Error TestTransportTls::requestCode(const QUrl& server, const QStringList& pins) {
    AuthClient client;
    client.setTokenStore(std::make_shared<sesame::MemoryTokenStore>());
    client.setServerUrl(server);
    client.setPinnedKeys(pins);
    QSignalSpy sent(&client, &AuthClient::codeSent);
    QSignalSpy errors(&client, &AuthClient::errorOccurred);
    client.requestCode(QStringLiteral("+77001234567"), {}, AuthClient::Channel::Auto);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(sent.count() + errors.count() > 0, kWaitMs); }();
    if (!errors.isEmpty()) {
        return errors.first().at(0).value<Error>();
    }
    return sent.isEmpty() ? Error::Timeout : Error::None;
}

void TestTransportTls::trustedServerWithoutPins() {
    QCOMPARE(requestCode(server_->url(), {}), Error::None);
    QVERIFY2(server_->lastHead.contains("User-Agent: Sesame-SDK/" SESAME_SDK_VERSION " (Qt "), server_->lastHead);
    QVERIFY(server_->lastHead.startsWith("POST /v1/otp HTTP/1.1"));
}

void TestTransportTls::pinnedKeyPasses() {
    const QString pin = QString::fromLatin1(trusted_->spkiDigest.toBase64());
    const QString other = QString::fromLatin1(untrusted_->spkiDigest.toBase64());
    QCOMPARE(requestCode(server_->url(), {other, pin}), Error::None);
}

void TestTransportTls::otherPinFailsAsTls() {
    server_->lastHead.clear();
    QCOMPARE(requestCode(server_->url(), {QString::fromLatin1(untrusted_->spkiDigest.toBase64())}), Error::Tls);
    QVERIFY2(server_->lastHead.isEmpty(), "the request must not be sent to an unpinned server");
}

void TestTransportTls::untrustedCertificateFailsAsTls() {
    TlsServer impostor(untrusted_->certificate, untrusted_->key);
    QVERIFY(impostor.listen(QHostAddress::LocalHost));
    QCOMPARE(requestCode(impostor.url(), {}), Error::Tls);
    QVERIFY(impostor.lastHead.isEmpty());
}

void TestTransportTls::invalidPinsAreRefused() {
    AuthClient client;
    const QString pin = QString::fromLatin1(trusted_->spkiDigest.toBase64());
    client.setPinnedKeys({pin});
    client.setPinnedKeys({pin, QStringLiteral("not a digest")});
    QCOMPARE(client.pinnedKeys(), QStringList{pin});
}

QTEST_GUILESS_MAIN(TestTransportTls)
#include "tst_transport_tls.moc"
