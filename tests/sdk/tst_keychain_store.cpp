// KeychainTokenStore against a real keychain, never the developer's own:
// ctest runs this binary twice, through run_with_keyring.sh (a private D-Bus
// session with an unlocked gnome-keyring, SESAME_KEYRING=unlocked) and
// through run_without_bus.sh (no D-Bus at all, SESAME_KEYRING=none). Each
// test skips itself in the other environment; run bare, everything skips.

#include <sesame/auth_client.h>
#include <sesame/keychain_token_store.h>

#include "net/transport_rules.h"
#include "session/account_lock.h"
#include "support/mock_server.h"

#include <QtCore/QDirIterator>
#include <QtCore/QCryptographicHash>
#include <QtCore/QFile>
#include <QtCore/QLockFile>
#include <QtCore/QProcess>
#include <QtCore/QUuid>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <qt6keychain/keychain.h>

using sesame::AuthClient;
using sesame::KeychainTokenStore;
using sesame::StoredSession;
using sesame::StoreError;
using sesame::StoreReadResult;

namespace {

constexpr int kWaitMs = 10'000;
const QString kService = QStringLiteral("sesame-sdk-tests");

StoredSession sampleSession(const std::string& refreshToken) {
    StoredSession session;
    session.accessToken = "access-" + refreshToken;
    session.refreshToken = refreshToken;
    session.sessionId = "ses_1";
    // Stored times keep milliseconds.
    session.issuedAt = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    session.accessExpiresAt = session.issuedAt + std::chrono::hours{1};
    session.refreshExpiresAt = session.issuedAt + std::chrono::hours{24 * 30};
    session.user = {"usr_1", "+77001234567", std::nullopt, "2024-06-01T10:00:00Z"};
    session.shop = {"shp_1", "Дүкен", "kk", "KZT", "free"};
    return session;
}

std::string uniqueToken() { return "tok-" + QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString(); }

// Synchronous wrappers: run the event loop until the store answers.
StoreReadResult readNow(KeychainTokenStore& store, const QString& key) {
    std::optional<StoreReadResult> result;
    store.read(key, [&](StoreReadResult r) { result = std::move(r); });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), kWaitMs); }();
    return result ? std::move(*result) : StoreReadResult{sesame::contract::unexpected(StoreError{})};
}

std::optional<StoreError> writeNow(KeychainTokenStore& store, const QString& key, const StoredSession& session) {
    bool done = false;
    std::optional<StoreError> error;
    store.write(key, session, [&](std::optional<StoreError> e) {
        error = std::move(e);
        done = true;
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, kWaitMs); }();
    return error;
}

std::optional<StoreError> removeNow(KeychainTokenStore& store, const QString& key) {
    bool done = false;
    std::optional<StoreError> error;
    store.remove(key, [&](std::optional<StoreError> e) {
        error = std::move(e);
        done = true;
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, kWaitMs); }();
    return error;
}

// Files under HOME that contain `secret` in plain bytes.
QStringList filesContaining(const std::string& secret) {
    QStringList found;
    QDirIterator it(QDir::homePath(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(QByteArray::fromStdString(secret))) {
            found << file.fileName();
        }
    }
    return found;
}

// Signs in with a client storing in the keychain, as an application that then
// quits; returns the user's id ("" on failure).
QString signInThroughKeychain(sesame::test::MockServer& server, const QString& phone) {
    AuthClient client;
    client.setTokenStore(std::make_shared<KeychainTokenStore>(kService));
    client.setServerUrl(server.url());
    QSignalSpy sent(&client, &AuthClient::codeSent);
    client.requestCode(phone, {}, AuthClient::Channel::Auto);
    if (!sent.wait(kWaitMs)) {
        return {};
    }
    QSignalSpy signedIn(&client, &AuthClient::signedIn);
    client.verifyCode(server.latestCode(phone));
    if (!signedIn.wait(kWaitMs) || client.storageStatus() != AuthClient::StorageStatus::Available) {
        return {};
    }
    return client.user()[QStringLiteral("id")].toString();
}

}  // namespace

class TestKeychainStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    // SESAME_KEYRING=unlocked
    void roundTrip();
    void missingEntryIsNoSession();
    void removeForgetsAndToleratesMissing();
    void entriesAreKeyedByServer();
    void damagedEntryIsNoSession();
    void clientRestoresAndSignsOutThroughKeychain();
    void restartedProcessRestoresTheSession();
    void twoProcessesRefreshOnce();
    // SESAME_KEYRING=none
    void noBusIsStorageErrorNotNoSession();
    void clientReportsUnavailableStorage();

};

void TestKeychainStore::init() {
    const QString mode = qEnvironmentVariable("SESAME_KEYRING");
    if (mode.isEmpty()) {
        QSKIP("needs run_with_keyring.sh or run_without_bus.sh: never touches the user's keychain");
    }
    // The wrappers give a throwaway HOME; refuse to run against a real one.
    QVERIFY2(QDir::homePath().startsWith(QDir::tempPath()), qPrintable(QDir::homePath()));
    const QByteArray test = QTest::currentTestFunction();
    const bool needsNoBus = test == "noBusIsStorageErrorNotNoSession" || test == "clientReportsUnavailableStorage";
    if (needsNoBus != (mode == QLatin1String("none"))) {
        QSKIP("runs in the other keyring environment");
    }
}

void TestKeychainStore::roundTrip() {
    KeychainTokenStore store(kService);
    QVERIFY(!store.insecureFallback());
    const auto token = uniqueToken();
    const StoredSession session = sampleSession(token);
    QVERIFY(!writeNow(store, QStringLiteral("https://a.example"), session));
    const auto read = readNow(store, QStringLiteral("https://a.example"));
    QVERIFY(read.hasValue());
    QVERIFY(read.value().has_value());
    QVERIFY(*read.value() == session);
    QVERIFY2(filesContaining(token).isEmpty(), qPrintable(filesContaining(token).join(u',')));
}

void TestKeychainStore::missingEntryIsNoSession() {
    KeychainTokenStore store(kService);
    const auto read = readNow(store, QStringLiteral("https://never-written.example"));
    QVERIFY(read.hasValue());
    QVERIFY(!read.value().has_value());
}

void TestKeychainStore::removeForgetsAndToleratesMissing() {
    KeychainTokenStore store(kService);
    QVERIFY(!writeNow(store, QStringLiteral("https://b.example"), sampleSession(uniqueToken())));
    QVERIFY(!removeNow(store, QStringLiteral("https://b.example")));
    const auto read = readNow(store, QStringLiteral("https://b.example"));
    QVERIFY(read.hasValue() && !read.value().has_value());
    QVERIFY(!removeNow(store, QStringLiteral("https://b.example")));
}

void TestKeychainStore::entriesAreKeyedByServer() {
    KeychainTokenStore store(kService);
    const auto first = sampleSession(uniqueToken());
    const auto second = sampleSession(uniqueToken());
    QVERIFY(!writeNow(store, QStringLiteral("https://c.example"), first));
    QVERIFY(!writeNow(store, QStringLiteral("https://c.example:8443"), second));
    QVERIFY(*readNow(store, QStringLiteral("https://c.example")).value() == first);
    QVERIFY(*readNow(store, QStringLiteral("https://c.example:8443")).value() == second);
    // Another service (another application) does not see them.
    KeychainTokenStore other(QStringLiteral("another-app"));
    QVERIFY(!readNow(other, QStringLiteral("https://c.example")).value().has_value());
}

void TestKeychainStore::damagedEntryIsNoSession() {
    auto* job = new QKeychain::WritePasswordJob(kService);
    job->setKey(QStringLiteral("https://d.example"));
    job->setBinaryData(QByteArrayLiteral("{\"version\":1,\"access_token\":"));
    QSignalSpy written(job, &QKeychain::Job::finished);
    job->start();
    QVERIFY(written.wait(kWaitMs));
    KeychainTokenStore store(kService);
    const auto read = readNow(store, QStringLiteral("https://d.example"));
    QVERIFY(read.hasValue());
    QVERIFY(!read.value().has_value());
}

void TestKeychainStore::clientRestoresAndSignsOutThroughKeychain() {
    const QUrl server(QStringLiteral("http://127.0.0.1:1"));  // nothing listens: the token is fresh anyway
    auto store = std::make_shared<KeychainTokenStore>(kService);
    const auto session = sampleSession(uniqueToken());
    QVERIFY(!writeNow(*store, sesame::accountKey(server), session));

    AuthClient client;
    client.setTokenStore(store);
    client.setServerUrl(server);
    QSignalSpy statuses(&client, &AuthClient::statusChanged);
    client.restore();
    QTRY_COMPARE_WITH_TIMEOUT(client.status(), AuthClient::Status::SignedIn, kWaitMs);
    QCOMPARE(client.user()[QStringLiteral("phone")].toString(), QStringLiteral("+77001234567"));
    QCOMPARE(client.storageStatus(), AuthClient::StorageStatus::Available);

    QSignalSpy signedOut(&client, &AuthClient::signedOut);
    client.signOut(AuthClient::SignOutScope::Local);
    QVERIFY(signedOut.wait(kWaitMs));
    QVERIFY(!readNow(*store, sesame::accountKey(server)).value().has_value());
}

void TestKeychainStore::restartedProcessRestoresTheSession() {
    sesame::test::MockServer server;
    QVERIFY(server.start());
    const QString userId = signInThroughKeychain(server, QStringLiteral("+77001234593"));
    QVERIFY(!userId.isEmpty());
    // The application quit above; started again, it is signed in at once.
    QProcess restarted;
    restarted.start(QStringLiteral(SESAME_RESTORE_HELPER), {server.url().toString()});
    QVERIFY(restarted.waitForFinished(kWaitMs));
    QCOMPARE(restarted.exitCode(), 0);
    QCOMPARE(restarted.readLine().trimmed(), QByteArray("restored SignedIn"));
    QCOMPARE(restarted.readLine().trimmed(), "me 200 " + userId.toUtf8());
    QCOMPARE(server.refreshes(), 0);  // the stored access token was still fresh
    QCOMPARE(server.requests(QStringLiteral("/v1/otp/verify"), QStringLiteral("POST"), 200), 1);
}

void TestKeychainStore::twoProcessesRefreshOnce() {
    sesame::test::MockServer server;
    QVERIFY(server.start());
    auto store = std::make_shared<KeychainTokenStore>(kService);
    QVERIFY(!signInThroughKeychain(server, QStringLiteral("+77001234590")).isEmpty());
    // Hold the account lock so that both processes are surely refreshing at
    // the same time, then let them race.
    QLockFile lock(sesame::AccountLock::pathFor(sesame::accountKey(server.url())));
    QVERIFY(lock.tryLock(0));
    QProcess first;
    QProcess second;
    for (QProcess* process : {&first, &second}) {
        process->start(QStringLiteral(SESAME_REFRESH_HELPER), {server.url().toString()});
        QVERIFY(process->waitForReadyRead(kWaitMs));
        QCOMPARE(process->readLine().trimmed(), QByteArray("refreshing"));
    }
    lock.unlock();
    for (QProcess* process : {&first, &second}) {
        QVERIFY(process->waitForFinished(kWaitMs));
        QCOMPARE(process->exitCode(), 0);
    }
    const QByteArray firstToken = first.readAll().trimmed();
    QVERIFY2(firstToken.startsWith("token "), firstToken);
    QCOMPARE(second.readAll().trimmed(), firstToken);
    QCOMPARE(server.refreshes(), 1);

    const auto stored = readNow(*store, sesame::accountKey(server.url()));
    QVERIFY(stored.hasValue() && stored.value().has_value());
    const QByteArray access = QByteArray::fromStdString(stored.value()->accessToken);
    QCOMPARE("token " + QCryptographicHash::hash(access, QCryptographicHash::Sha256).toHex(), firstToken);
    QCOMPARE(server.call("GET", QStringLiteral("/v1/me"), {}, access).status, 200);
}

void TestKeychainStore::noBusIsStorageErrorNotNoSession() {
    KeychainTokenStore store(kService);
    const auto token = uniqueToken();
    const auto written = writeNow(store, QStringLiteral("https://e.example"), sampleSession(token));
    QVERIFY(written.has_value());
    QCOMPARE(written->kind, StoreError::Kind::Unavailable);
    const auto read = readNow(store, QStringLiteral("https://e.example"));
    QVERIFY2(!read.hasValue(), "an unavailable keychain must not look like an empty one");
    QCOMPARE(read.error().kind, StoreError::Kind::Unavailable);
    QVERIFY(removeNow(store, QStringLiteral("https://e.example")).has_value());
    QVERIFY2(filesContaining(token).isEmpty(), qPrintable(filesContaining(token).join(u',')));
}

void TestKeychainStore::clientReportsUnavailableStorage() {
    AuthClient client;
    client.setTokenStore(std::make_shared<KeychainTokenStore>(kService));
    client.setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:1")));
    QSignalSpy errors(&client, &AuthClient::errorOccurred);
    client.restore();
    QVERIFY(errors.wait(kWaitMs));
    QCOMPARE(client.status(), AuthClient::Status::SignedOut);
    QCOMPARE(client.storageStatus(), AuthClient::StorageStatus::Unavailable);
    QCOMPARE(client.lastError(), sesame::Error::Storage);
}

QTEST_GUILESS_MAIN(TestKeychainStore)
#include "tst_keychain_store.moc"
