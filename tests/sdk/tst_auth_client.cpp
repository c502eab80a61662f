// AuthClient against a real `sesame-server --mode mock` started per test.
// Waiting is always for a signal or a condition (QSignalSpy::wait,
// QTRY_*), never a sleep; short lifetimes come from server flags.

#include <sesame/auth_client.h>
#include <sesame/memory_token_store.h>
#include <sesame/protected_call.h>
#include <sesame/translations.h>

#include "client/status_table.h"
#include "fake_clock.h"
#include "net/transport_rules.h"
#include "support/mock_server.h"
#include "support/tcp_relay.h"

#include <QtCore/QElapsedTimer>
#include <QtNetwork/QNetworkReply>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>
#include <set>
#include <vector>

using sesame::AuthClient;
using sesame::Error;
using sesame::MemoryTokenStore;
using sesame::ProtectedCall;
using sesame::test::FakeClock;
using sesame::test::MockServer;
using sesame::test::TcpRelay;
using Status = AuthClient::Status;

namespace {

constexpr int kWaitMs = 10'000;

// Every status transition any test made, checked against the table at the end.
std::set<std::pair<Status, Status>>& seenTransitions() {
    static std::set<std::pair<Status, Status>> seen;
    return seen;
}

// QCoreApplication plus the signal QGuiApplication has, so the client's
// resume handling can be driven without a GUI.
class ResumableApplication : public QCoreApplication {
    Q_OBJECT

public:
    using QCoreApplication::QCoreApplication;

Q_SIGNALS:
    void applicationStateChanged(Qt::ApplicationState state);
};

// One client with its own in-memory store, pointed at `url`.
struct Harness {
    explicit Harness(const QUrl& url, std::shared_ptr<MemoryTokenStore> shared = {})
        : store(shared ? std::move(shared) : std::make_shared<MemoryTokenStore>()) {
        client.setTokenStore(store);
        client.setServerUrl(url);
        auto previous = std::make_shared<Status>(client.status());
        QObject::connect(&client, &AuthClient::statusChanged, [previous](Status next) {
            seenTransitions().insert({*previous, next});
            *previous = next;
        });
    }

    std::optional<sesame::StoredSession> stored() const { return store->peek(sesame::accountKey(client.serverUrl())); }

    std::shared_ptr<MemoryTokenStore> store;
    AuthClient client;
};

QByteArray bearerOf(const AuthClient& client) {
    QNetworkRequest request(QUrl(client.serverUrl().toString() + QStringLiteral("/v1/me")));
    return client.authorize(request) ? request.rawHeader("Authorization").mid(7) : QByteArray{};
}

bool requestCode(Harness& h, const QString& phone) {
    QSignalSpy sent(&h.client, &AuthClient::codeSent);
    h.client.requestCode(phone, QStringLiteral("KZ"), AuthClient::Channel::Auto);
    return sent.wait(kWaitMs) && h.client.status() == Status::AwaitingCode;
}

bool signIn(Harness& h, MockServer& server, const QString& phone) {
    if (!requestCode(h, phone)) {
        return false;
    }
    QSignalSpy signedIn(&h.client, &AuthClient::signedIn);
    h.client.verifyCode(server.latestCode(phone));
    return signedIn.wait(kWaitMs) && h.client.status() == Status::SignedIn;
}

bool waitForStatus(AuthClient& client, Status status) {
    QSignalSpy changed(&client, &AuthClient::statusChanged);
    while (client.status() != status) {
        if (!changed.wait(kWaitMs)) {
            return false;
        }
    }
    return true;
}

QByteArray refreshBody(const QByteArray& token) { return "{\"refresh_token\":\"" + token + "\"}"; }

QNetworkRequest meRequest(const QUrl& server) { return QNetworkRequest(QUrl(server.toString() + "/v1/me")); }

}  // namespace

class TestAuthClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fullLogin();
    void nationalFormUsesRegion();
    void invalidPhoneFailsWithoutRequest();
    void wrongCodeCountsAttempts();
    void resendCountdownFollowsServer();
    void resendTooSoonKeepsAwaiting();
    void cancelAbandonsLogin();
    void unreachableServerFailsFirstRequest();
    void silentServerTimesOut();
    void restoresFromStore();
    void restoreOfDueSessionRefreshes();
    void refreshesAheadOfExpiry();
    void concurrentCallsShareOneRefresh();
    void transientFailureKeepsSession();
    void stoppedServerMeansOfflineUntilItReturns();
    void queuedCallsFollowTheRefresh();
    void resumeRetriesAtOnce();
    void reusedRefreshTokenSignsOut();
    void signOutClearsStoreFirstWhenOffline();
    void signOutRevokesServerSession();
    void twoClientsOfOneAccountRefreshOnce();
    void sessionsListedAndRevoked();
    void insecureServerRefused();
    void storageFailureIsReported();
    void errorTextsAreTranslated();
    void cleanupTestCase();
};

void TestAuthClient::initTestCase() { QVERIFY(QFile::exists(QStringLiteral(SESAME_SERVER_BINARY))); }

void TestAuthClient::fullLogin() {
    MockServer server;
    QVERIFY(server.start());
    Harness h(server.url());
    QSignalSpy errors(&h.client, &AuthClient::errorOccurred);

    QVERIFY(requestCode(h, QStringLiteral("+77001234567")));
    QCOMPARE(h.client.phone(), QStringLiteral("+77001234567"));
    QCOMPARE(h.client.channel(), AuthClient::Channel::Sms);
    QCOMPARE(h.client.codeLength(), 6);
    QCOMPARE(h.client.resendIn(), 60);
    QCOMPARE(h.client.attemptsLeft(), -1);
    const qint64 expiresIn = QDateTime::currentDateTimeUtc().secsTo(h.client.codeExpiresAt());
    QVERIFY2(expiresIn > 290 && expiresIn <= 300, QByteArray::number(expiresIn));

    QSignalSpy signedIn(&h.client, &AuthClient::signedIn);
    h.client.verifyCode(server.latestCode(QStringLiteral("+77001234567")));
    QVERIFY(signedIn.wait(kWaitMs));
    QCOMPARE(h.client.status(), Status::SignedIn);
    QVERIFY(h.client.isNewUser());
    QCOMPARE(h.client.user()[QStringLiteral("phone")].toString(), QStringLiteral("+77001234567"));
    QVERIFY(!h.client.shop()[QStringLiteral("id")].toString().isEmpty());
    QCOMPARE(h.client.storageStatus(), AuthClient::StorageStatus::Available);
    QVERIFY(h.client.sessionExpiresAt() > QDateTime::currentDateTimeUtc().addDays(29));
    QVERIFY(h.client.phone().isEmpty());  // the login is over
    QCOMPARE(h.store->writeCount(), 1);
    QCOMPARE(h.stored()->refreshToken.empty(), false);

    QSignalSpy profile(&h.client, &AuthClient::profileUpdated);
    h.client.updateProfile({{QStringLiteral("name"), QStringLiteral("Айгуль")},
                            {QStringLiteral("shop"), QVariantMap{{QStringLiteral("name"), QStringLiteral("Corner")}}}});
    QVERIFY(profile.wait(kWaitMs));
    QCOMPARE(h.client.user()[QStringLiteral("name")].toString(), QStringLiteral("Айгуль"));
    QCOMPARE(h.client.shop()[QStringLiteral("name")].toString(), QStringLiteral("Corner"));
    h.client.fetchProfile();
    QVERIFY(profile.wait(kWaitMs));
    QCOMPARE(h.client.user()[QStringLiteral("name")].toString(), QStringLiteral("Айгуль"));

    h.client.updateProfile({{QStringLiteral("nmae"), QStringLiteral("typo")}});
    QCOMPARE(h.client.lastError(), Error::InvalidRequest);
    QCOMPARE(errors.count(), 1);
}

void TestAuthClient::nationalFormUsesRegion() {
    MockServer server;
    QVERIFY(server.start());
    Harness h(server.url());
    QSignalSpy sent(&h.client, &AuthClient::codeSent);
    h.client.requestCode(QStringLiteral("8 (700) 123-45-68"), QStringLiteral("kz"), AuthClient::Channel::Sms);
    QVERIFY(sent.wait(kWaitMs));
    QCOMPARE(h.client.phone(), QStringLiteral("+77001234568"));
}

void TestAuthClient::invalidPhoneFailsWithoutRequest() {
    MockServer server;
    QVERIFY(server.start());
    Harness h(server.url());
    QSignalSpy errors(&h.client, &AuthClient::errorOccurred);
    const QString inputs[] = {QString(), QStringLiteral("12"), QStringLiteral("+7 700 abc"), QString(200, u'7'),
                              QStringLiteral("+7700\n1234567"), QStringLiteral("+٧٧٠٠١٢٣٤٥٦٧")};
    for (const QString& input : inputs) {
        h.client.requestCode(input, QStringLiteral("KZ"), AuthClient::Channel::Auto);
        QCOMPARE(h.client.status(), Status::SignedOut);
        QCOMPARE(h.client.lastError(), Error::InvalidPhone);
    }
    QCOMPARE(errors.count(), static_cast<int>(std::size(inputs)));
    QCOMPARE(server.requests(QStringLiteral("/v1/otp"), QStringLiteral("POST"), 400), 0);
    QCOMPARE(errors.first().at(1).toString(), sesame::errorText(Error::InvalidPhone));
}

void TestAuthClient::wrongCodeCountsAttempts() {
    MockServer server({QStringLiteral("--test-numbers"), QStringLiteral("+77000000001=123456")});
    QVERIFY(server.start());
    Harness h(server.url());
    QVERIFY(requestCode(h, QStringLiteral("+77000000001")));
    QSignalSpy errors(&h.client, &AuthClient::errorOccurred);

    h.client.verifyCode(QStringLiteral("12a"));  // not a code: refused before any request
    QCOMPARE(h.client.lastError(), Error::InvalidCode);
    QCOMPARE(h.client.status(), Status::AwaitingCode);
    QCOMPARE(h.client.attemptsLeft(), -1);

    for (const int left : {2, 1}) {
        h.client.verifyCode(QStringLiteral("111111"));
        QCOMPARE(h.client.status(), Status::Verifying);
        QVERIFY(waitForStatus(h.client, Status::AwaitingCode));
        QCOMPARE(h.client.lastError(), Error::InvalidCode);
        QCOMPARE(h.client.attemptsLeft(), left);
    }
    h.client.verifyCode(QStringLiteral("111111"));
    QVERIFY(waitForStatus(h.client, Status::AwaitingCode));
    QCOMPARE(h.client.lastError(), Error::TooManyAttempts);
    QCOMPARE(h.client.attemptsLeft(), 0);
    QVERIFY(h.client.retryAfter() > 0);
    QCOMPARE(errors.count(), 4);
    QVERIFY(!h.stored());
}

void TestAuthClient::resendCountdownFollowsServer() {
    MockServer server({QStringLiteral("--resend-cooldown"), QStringLiteral("2")});
    QVERIFY(server.start());
    Harness h(server.url());
    QVERIFY(requestCode(h, QStringLiteral("+77001234569")));
    QCOMPARE(h.client.resendIn(), 2);
    QSignalSpy ticks(&h.client, &AuthClient::resendInChanged);
    QTRY_COMPARE_WITH_TIMEOUT(h.client.resendIn(), 0, kWaitMs);
    QCOMPARE(ticks.count(), 2);  // 2 -> 1 -> 0: one change per second
    QCOMPARE(ticks.count(), 2);

    QSignalSpy sent(&h.client, &AuthClient::codeSent);
    h.client.resendCode(AuthClient::Channel::Sms);
    QCOMPARE(h.client.status(), Status::RequestingCode);
    QVERIFY(sent.wait(kWaitMs));
    QCOMPARE(h.client.status(), Status::AwaitingCode);
    QCOMPARE(h.client.resendIn(), 2);
}

void TestAuthClient::resendTooSoonKeepsAwaiting() {
    MockServer server;
    QVERIFY(server.start());
    Harness h(server.url());
    QVERIFY(requestCode(h, QStringLiteral("+77001234570")));
    const QString code = server.latestCode(QStringLiteral("+77001234570"));
    QSignalSpy errors(&h.client, &AuthClient::errorOccurred);
    h.client.resendCode(AuthClient::Channel::Auto);
    QVERIFY(errors.wait(kWaitMs));
    QCOMPARE(errors.first().at(0).value<Error>(), Error::ResendTooSoon);
    QCOMPARE(h.client.status(), Status::AwaitingCode);
    QVERIFY(h.client.retryAfter() > 50 && h.client.retryAfter() <= 60);
    QCOMPARE(h.client.resendIn(), h.client.retryAfter());
    // The first code still works.
    QSignalSpy signedIn(&h.client, &AuthClient::signedIn);
    h.client.verifyCode(code);
    QVERIFY(signedIn.wait(kWaitMs));
}

void TestAuthClient::cancelAbandonsLogin() {
    MockServer server;
    QVERIFY(server.start());
    Harness h(server.url());
    QVERIFY(requestCode(h, QStringLiteral("+77001234571")));
    h.client.cancel();
    QCOMPARE(h.client.status(), Status::SignedOut);
    QVERIFY(h.client.phone().isEmpty());

    QVERIFY(requestCode(h, QStringLiteral("+77001234572")));
    QSignalSpy statuses(&h.client, &AuthClient::statusChanged);
    h.client.verifyCode(server.latestCode(QStringLiteral("+77001234572")));
    QCOMPARE(h.client.status(), Status::Verifying);
    h.client.cancel();
    QCOMPARE(h.client.status(), Status::SignedOut);
    // The verify answer arrives later and must not sign anyone in.
    QTRY_COMPARE_WITH_TIMEOUT(server.requests(QStringLiteral("/v1/otp/verify"), QStringLiteral("POST"), 200), 1,
                              kWaitMs);
    QCOMPARE(h.client.status(), Status::SignedOut);
    QVERIFY(!h.stored());
    h.client.cancel();
    QCOMPARE(h.client.lastError(), Error::InvalidState);
}

void TestAuthClient::unreachableServerFailsFirstRequest() {
    MockServer server;
    QVERIFY(server.start());
    TcpRelay relay(server.port());
    QVERIFY(relay.listen());
    relay.setDown(true);
    Harness h(relay.url());
    QSignalSpy errors(&h.client, &AuthClient::errorOccurred);
    h.client.requestCode(QStringLiteral("+77001234573"), {}, AuthClient::Channel::Auto);
    QCOMPARE(h.client.status(), Status::RequestingCode);
    QVERIFY(errors.wait(kWaitMs));
    QCOMPARE(errors.first().at(0).value<Error>(), Error::Network);
    QCOMPARE(h.client.status(), Status::SignedOut);
}

void TestAuthClient::silentServerTimesOut() {
    MockServer server;
    QVERIFY(server.start());
    TcpRelay relay(server.port());
    QVERIFY(relay.listen());
    relay.setSilent(true);
    Harness h(relay.url());
    h.client.setTimeout(300);
    QSignalSpy errors(&h.client, &AuthClient::errorOccurred);
    QElapsedTimer elapsed;
    elapsed.start();
    h.client.requestCode(QStringLiteral("+77001234585"), {}, AuthClient::Channel::Auto);
    QVERIFY(errors.wait(kWaitMs));
    QCOMPARE(errors.first().at(0).value<Error>(), Error::Timeout);
    // Qt's coarse timers may fire up to 5% early.
    QVERIFY2(elapsed.elapsed() >= 280 && elapsed.elapsed() < 5'000, QByteArray::number(elapsed.elapsed()));
    QCOMPARE(h.client.status(), Status::SignedOut);
}

void TestAuthClient::restoresFromStore() {
    MockServer server;
    QVERIFY(server.start());
    auto store = std::make_shared<MemoryTokenStore>();
    QVariantMap user;
    {
        Harness first(server.url(), store);
        QVERIFY(signIn(first, server, QStringLiteral("+77001234574")));
        user = first.client.user();
    }
    Harness second(server.url(), store);
    second.client.restore();
    QCOMPARE(second.client.status(), Status::Restoring);
    QVERIFY(waitForStatus(second.client, Status::SignedIn));
    QCOMPARE(second.client.user(), user);
    QCOMPARE(server.refreshes(), 0);  // a fresh token is used as it is

    Harness empty(server.url());
    empty.client.restore();
    QVERIFY(waitForStatus(empty.client, Status::SignedOut));
    QCOMPARE(empty.client.storageStatus(), AuthClient::StorageStatus::Available);
    QCOMPARE(empty.client.lastError(), Error::None);
}

void TestAuthClient::restoreOfDueSessionRefreshes() {
    MockServer server;
    QVERIFY(server.start());
    auto store = std::make_shared<MemoryTokenStore>();
    {
        Harness first(server.url(), store);
        QVERIFY(signIn(first, server, QStringLiteral("+77001234575")));
    }
    // The device clock says a day has passed: the stored token is long due.
    auto clock = std::make_shared<FakeClock>(std::chrono::system_clock::now() + std::chrono::hours{24});
    Harness later(server.url(), store);
    later.client.setClock(clock);
    QSignalSpy refreshed(&later.client, &AuthClient::tokenRefreshed);
    later.client.restore();
    QVERIFY(waitForStatus(later.client, Status::Refreshing));
    QVERIFY(refreshed.wait(kWaitMs));
    QCOMPARE(later.client.status(), Status::SignedIn);
    QCOMPARE(server.refreshes(), 1);
}

void TestAuthClient::refreshesAheadOfExpiry() {
    MockServer server({QStringLiteral("--access-ttl"), QStringLiteral("4"), QStringLiteral("--leeway"),
                       QStringLiteral("0")});
    QVERIFY(server.start());
    Harness h(server.url());
    QVERIFY(signIn(h, server, QStringLiteral("+77001234576")));
    const QByteArray before = bearerOf(h.client);
    QElapsedTimer elapsed;
    elapsed.start();
    QSignalSpy refreshed(&h.client, &AuthClient::tokenRefreshed);
    QVERIFY(refreshed.wait(kWaitMs));
    // Half the 4 s lifetime (the lead's cap for short tokens), well before expiry.
    QVERIFY2(elapsed.elapsed() >= 1'000 && elapsed.elapsed() < 3'500, QByteArray::number(elapsed.elapsed()));
    QCOMPARE(server.refreshes(), 1);
    QVERIFY(bearerOf(h.client) != before);
    QCOMPARE(server.call("GET", QStringLiteral("/v1/me"), {}, bearerOf(h.client)).status, 200);
    QCOMPARE(h.stored()->accessToken, bearerOf(h.client).toStdString());
}

void TestAuthClient::concurrentCallsShareOneRefresh() {
    MockServer server({QStringLiteral("--access-ttl"), QStringLiteral("3"), QStringLiteral("--leeway"),
                       QStringLiteral("0")});
    QVERIFY(server.start());
    Harness h(server.url());
    // A frozen device clock: the client never sees its token age, so only
    // the server's 401s can tell it.
    h.client.setClock(std::make_shared<FakeClock>(std::chrono::system_clock::now()));
    QVERIFY(signIn(h, server, QStringLiteral("+77001234577")));
    const QByteArray expired = bearerOf(h.client);
    QTRY_COMPARE_WITH_TIMEOUT(server.call("GET", QStringLiteral("/v1/me"), {}, expired).status, 401, kWaitMs);
    QCOMPARE(bearerOf(h.client), expired);

    QSignalSpy refreshed(&h.client, &AuthClient::tokenRefreshed);
    QNetworkAccessManager network;
    std::vector<ProtectedCall*> calls;
    int finished = 0;
    for (int i = 0; i < 100; ++i) {
        ProtectedCall* call = h.client.send(network, meRequest(server.url()), "GET", {});
        connect(call, &ProtectedCall::finished, this, [&finished] { ++finished; });
        calls.push_back(call);
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished, 100, kWaitMs * 3);
    for (ProtectedCall* call : calls) {
        QCOMPARE(call->error(), Error::None);
        QVERIFY(call->replayed());
        QCOMPARE(call->reply()->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        delete call;
    }
    QCOMPARE(server.refreshes(), 1);
    QCOMPARE(refreshed.count(), 1);
    QVERIFY(bearerOf(h.client) != expired);
}

void TestAuthClient::transientFailureKeepsSession() {
    MockServer server;
    QVERIFY(server.start());
    TcpRelay relay(server.port());
    QVERIFY(relay.listen());
    Harness h(relay.url());
    QVERIFY(signIn(h, server, QStringLiteral("+77001234578")));
    const auto user = h.client.user();

    relay.setDown(true);
    QSignalSpy errors(&h.client, &AuthClient::errorOccurred);
    QSignalSpy signedOut(&h.client, &AuthClient::signedOut);
    h.client.refreshNow();
    QCOMPARE(h.client.status(), Status::Refreshing);
    QVERIFY(waitForStatus(h.client, Status::Offline));
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.first().at(0).value<Error>(), Error::Network);
    QCOMPARE(h.client.user(), user);
    QVERIFY(h.stored());
    // Backoff retries while down; each fails but none signs out.
    QVERIFY(waitForStatus(h.client, Status::Refreshing));
    QVERIFY(waitForStatus(h.client, Status::Offline));
    QCOMPARE(errors.count(), 1);  // retries are not news

    relay.setDown(false);
    QVERIFY(waitForStatus(h.client, Status::SignedIn));
    QCOMPARE(server.refreshes(), 1);
    QCOMPARE(signedOut.count(), 0);
    QCOMPARE(h.client.user(), user);
}

void TestAuthClient::stoppedServerMeansOfflineUntilItReturns() {
    const QStringList flags{QStringLiteral("--access-ttl"), QStringLiteral("4"), QStringLiteral("--leeway"),
                            QStringLiteral("0")};
    MockServer server(flags);
    QVERIFY(server.start());
    const QUrl url = server.url();
    Harness h(url);
    QVERIFY(signIn(h, server, QStringLiteral("+77001234592")));
    const auto user = h.client.user();
    const auto stored = h.stored();
    QVERIFY(stored);

    // Nobody nudges the client: its own refresh ahead of expiry finds the server gone.
    server.stop();
    QSignalSpy errors(&h.client, &AuthClient::errorOccurred);
    QSignalSpy signedOut(&h.client, &AuthClient::signedOut);
    QVERIFY(waitForStatus(h.client, Status::Offline));
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.first().at(0).value<Error>(), Error::Network);

    // It retries by itself, waiting longer each time, and keeps the session meanwhile.
    QElapsedTimer clock;
    std::vector<qint64> waits;
    for (int retry = 0; retry < 2; ++retry) {
        clock.start();
        QVERIFY(waitForStatus(h.client, Status::Refreshing));
        waits.push_back(clock.elapsed());
        QVERIFY(waitForStatus(h.client, Status::Offline));
        QCOMPARE(h.client.user(), user);
        QVERIFY(h.stored() == stored);
    }
    // Backoff from 1 s with up to half cut off (jitter), doubling; Qt's coarse timers may fire 5 % early.
    QVERIFY2(waits[0] >= 450, QByteArray::number(waits[0]));
    QVERIFY2(waits[1] >= 900, QByteArray::number(waits[1]));
    QCOMPARE(errors.count(), 1);  // retries are not news
    QCOMPARE(signedOut.count(), 0);
    QCOMPARE(h.client.lastError(), Error::Network);

    // The server returns on the same address, but as a new server: the
    // session is unknown there. The next retry (at most 8 s away by now)
    // learns it and says so.
    QVERIFY(server.start());
    QCOMPARE(server.url(), url);
    QVERIFY(signedOut.wait(2 * kWaitMs));
    QCOMPARE(signedOut.first().at(0).value<AuthClient::SignOutReason>(), AuthClient::SignOutReason::SessionExpired);
    QCOMPARE(h.client.status(), Status::SignedOut);
    QCOMPARE(h.client.lastError(), Error::InvalidRefreshToken);
    QCOMPARE(errors.last().at(0).value<Error>(), Error::InvalidRefreshToken);
    QVERIFY(!h.stored());
    QVERIFY(h.client.user().isEmpty());

    // And a new login works against it at once.
    QVERIFY(signIn(h, server, QStringLiteral("+77001234592")));
    QVERIFY(h.client.isNewUser());
    QVERIFY(h.client.user()[QStringLiteral("id")] != user[QStringLiteral("id")]);
}

void TestAuthClient::queuedCallsFollowTheRefresh() {
    MockServer server;
    QVERIFY(server.start());
    TcpRelay relay(server.port());
    QVERIFY(relay.listen());
    Harness h(relay.url());
    auto clock = std::make_shared<FakeClock>(std::chrono::system_clock::now());
    h.client.setClock(clock);
    QVERIFY(signIn(h, server, QStringLiteral("+77001234587")));
    clock->advance(std::chrono::hours{1});  // the client now knows its token expired
    QNetworkAccessManager network;

    // A call made while the refresh cannot succeed fails with the refresh's error.
    relay.setDown(true);
    std::unique_ptr<ProtectedCall> failing(h.client.send(network, meRequest(relay.url()), "GET", {}));
    QSignalSpy failed(failing.get(), &ProtectedCall::finished);
    QVERIFY(failed.wait(kWaitMs));
    QCOMPARE(failing->error(), Error::Network);
    QVERIFY(!failing->reply());
    QCOMPARE(h.client.status(), Status::Offline);

    // A call waiting for a refresh is cancelled when the session ends.
    relay.setDown(false);
    relay.setSilent(true);
    std::unique_ptr<ProtectedCall> waiting(h.client.send(network, meRequest(relay.url()), "GET", {}));
    QTRY_COMPARE_WITH_TIMEOUT(h.client.status(), Status::Refreshing, kWaitMs);
    QVERIFY(!waiting->isFinished());
    QSignalSpy signedOut(&h.client, &AuthClient::signedOut);
    h.client.signOut(AuthClient::SignOutScope::Local);
    QVERIFY(waiting->isFinished());
    QCOMPARE(waiting->error(), Error::Cancelled);
    QVERIFY(signedOut.wait(kWaitMs));
    QCOMPARE(server.refreshes(), 0);
}

void TestAuthClient::resumeRetriesAtOnce() {
    MockServer server;
    QVERIFY(server.start());
    TcpRelay relay(server.port());
    QVERIFY(relay.listen());
    Harness h(relay.url());
    QVERIFY(signIn(h, server, QStringLiteral("+77001234586")));
    relay.setDown(true);
    h.client.refreshNow();
    QVERIFY(waitForStatus(h.client, Status::Offline));
    relay.setDown(false);
    // Back in the foreground: no waiting for the backoff.
    auto* app = qobject_cast<ResumableApplication*>(QCoreApplication::instance());
    QVERIFY(app);
    Q_EMIT app->applicationStateChanged(Qt::ApplicationActive);
    QCOMPARE(h.client.status(), Status::Refreshing);
    QVERIFY(waitForStatus(h.client, Status::SignedIn));
    QCOMPARE(server.refreshes(), 1);
}

void TestAuthClient::reusedRefreshTokenSignsOut() {
    MockServer server({QStringLiteral("--reuse-grace"), QStringLiteral("0")});
    QVERIFY(server.start());
    Harness h(server.url());
    QVERIFY(signIn(h, server, QStringLiteral("+77001234579")));
    // Someone else (a thief) uses the refresh token first.
    const QByteArray stolen = QByteArray::fromStdString(h.stored()->refreshToken);
    QCOMPARE(server.call("POST", QStringLiteral("/v1/token/refresh"), refreshBody(stolen)).status,
             200);

    QSignalSpy signedOut(&h.client, &AuthClient::signedOut);
    QSignalSpy errors(&h.client, &AuthClient::errorOccurred);
    h.client.refreshNow();
    QVERIFY(signedOut.wait(kWaitMs));
    QCOMPARE(signedOut.first().at(0).value<AuthClient::SignOutReason>(), AuthClient::SignOutReason::SessionRevoked);
    QCOMPARE(h.client.status(), Status::SignedOut);
    QVERIFY(!h.stored());
    QVERIFY(h.client.user().isEmpty());
    QVERIFY(errors.count() >= 1);
    QCOMPARE(errors.last().at(0).value<Error>(), Error::RefreshTokenReused);
}

void TestAuthClient::signOutClearsStoreFirstWhenOffline() {
    MockServer server;
    QVERIFY(server.start());
    TcpRelay relay(server.port());
    QVERIFY(relay.listen());
    Harness h(relay.url());
    QVERIFY(signIn(h, server, QStringLiteral("+77001234580")));
    relay.setDown(true);
    h.client.refreshNow();
    QVERIFY(waitForStatus(h.client, Status::Offline));

    bool storeEmptyWhenSignalled = false;
    connect(&h.client, &AuthClient::signedOut, this, [&] { storeEmptyWhenSignalled = !h.stored(); });
    QSignalSpy signedOut(&h.client, &AuthClient::signedOut);
    h.client.signOut(AuthClient::SignOutScope::Local);
    QVERIFY(signedOut.wait(kWaitMs));
    QCOMPARE(signedOut.first().at(0).value<AuthClient::SignOutReason>(), AuthClient::SignOutReason::UserRequest);
    QVERIFY(storeEmptyWhenSignalled);
    QCOMPARE(h.client.status(), Status::SignedOut);
    QVERIFY(bearerOf(h.client).isEmpty());
}

void TestAuthClient::signOutRevokesServerSession() {
    MockServer server;
    QVERIFY(server.start());
    Harness h(server.url());
    QVERIFY(signIn(h, server, QStringLiteral("+77001234581")));
    const QByteArray token = bearerOf(h.client);
    const QByteArray refresh = QByteArray::fromStdString(h.stored()->refreshToken);
    QSignalSpy signedOut(&h.client, &AuthClient::signedOut);
    h.client.signOut(AuthClient::SignOutScope::Local);
    QVERIFY(signedOut.wait(kWaitMs));
    QVERIFY(!h.stored());
    QTRY_COMPARE_WITH_TIMEOUT(server.call("GET", QStringLiteral("/v1/me"), {}, token).status, 401, kWaitMs);
    QCOMPARE(server.call("POST", QStringLiteral("/v1/token/refresh"), refreshBody(refresh)).status,
             401);
    h.client.signOut(AuthClient::SignOutScope::Local);
    QCOMPARE(h.client.lastError(), Error::NotSignedIn);
}

void TestAuthClient::twoClientsOfOneAccountRefreshOnce() {
    MockServer server;
    QVERIFY(server.start());
    auto store = std::make_shared<MemoryTokenStore>();
    Harness a(server.url(), store);
    QVERIFY(signIn(a, server, QStringLiteral("+77001234582")));
    Harness b(server.url(), store);
    b.client.restore();
    QVERIFY(waitForStatus(b.client, Status::SignedIn));

    // Like two processes: separate clients, one store, one lock file.
    QSignalSpy refreshedA(&a.client, &AuthClient::tokenRefreshed);
    QSignalSpy refreshedB(&b.client, &AuthClient::tokenRefreshed);
    a.client.refreshNow();
    b.client.refreshNow();
    QVERIFY(refreshedA.count() == 1 || refreshedA.wait(kWaitMs));
    QVERIFY(refreshedB.count() == 1 || refreshedB.wait(kWaitMs));
    QCOMPARE(server.refreshes(), 1);
    QCOMPARE(bearerOf(a.client), bearerOf(b.client));
    QCOMPARE(a.stored()->accessToken, bearerOf(a.client).toStdString());
    QCOMPARE(server.call("GET", QStringLiteral("/v1/me"), {}, bearerOf(b.client)).status, 200);
}

void TestAuthClient::sessionsListedAndRevoked() {
    MockServer server;
    QVERIFY(server.start());
    Harness laptop(server.url());
    Harness phone(server.url());
    QVERIFY(signIn(laptop, server, QStringLiteral("+77001234583")));
    QVERIFY(signIn(phone, server, QStringLiteral("+77001234583")));
    QVERIFY(!phone.client.isNewUser());

    QSignalSpy listed(&laptop.client, &AuthClient::sessionsListed);
    laptop.client.listSessions();
    QVERIFY(listed.wait(kWaitMs));
    const QVariantList sessions = listed.first().at(0).toList();
    QCOMPARE(sessions.size(), 2);
    QString other;
    for (const QVariant& session : sessions) {
        if (!session.toMap()[QStringLiteral("current")].toBool()) {
            other = session.toMap()[QStringLiteral("id")].toString();
        }
    }
    QVERIFY(!other.isEmpty());

    QSignalSpy revoked(&laptop.client, &AuthClient::sessionRevoked);
    laptop.client.revokeSession(other);
    QVERIFY(revoked.wait(kWaitMs));
    QCOMPARE(revoked.first().at(0).toString(), other);

    QSignalSpy signedOut(&phone.client, &AuthClient::signedOut);
    phone.client.refreshNow();
    QVERIFY(signedOut.wait(kWaitMs));
    QCOMPARE(signedOut.first().at(0).value<AuthClient::SignOutReason>(), AuthClient::SignOutReason::SessionExpired);
    QCOMPARE(phone.client.lastError(), Error::InvalidRefreshToken);

    laptop.client.revokeSession(QStringLiteral("../me"));
    QCOMPARE(laptop.client.lastError(), Error::InvalidRequest);

    // Signing out the other devices keeps this one signed in.
    Harness tablet(server.url());
    QVERIFY(signIn(tablet, server, QStringLiteral("+77001234583")));
    QSignalSpy othersOut(&laptop.client, &AuthClient::otherSessionsSignedOut);
    laptop.client.signOut(AuthClient::SignOutScope::Others);
    QVERIFY(othersOut.wait(kWaitMs));
    QCOMPARE(laptop.client.status(), Status::SignedIn);
    QSignalSpy tabletOut(&tablet.client, &AuthClient::signedOut);
    tablet.client.refreshNow();
    QVERIFY(tabletOut.wait(kWaitMs));
    QSignalSpy profile(&laptop.client, &AuthClient::profileUpdated);
    laptop.client.fetchProfile();
    QVERIFY(profile.wait(kWaitMs));
}

void TestAuthClient::insecureServerRefused() {
    Harness h(QUrl(QStringLiteral("http://sesame.example.com")));
    h.client.requestCode(QStringLiteral("+77001234584"), {}, AuthClient::Channel::Auto);
    QCOMPARE(h.client.lastError(), Error::InsecureTransport);
    QCOMPARE(h.client.status(), Status::SignedOut);
    h.client.restore();
    QCOMPARE(h.client.lastError(), Error::InsecureTransport);
    QCOMPARE(h.client.status(), Status::SignedOut);
    QNetworkRequest request(QUrl(QStringLiteral("http://sesame.example.com/v1/me")));
    QVERIFY(!h.client.authorize(request));
    QVERIFY(!request.hasRawHeader("Authorization"));
}

void TestAuthClient::storageFailureIsReported() {
    Harness h(QUrl(QStringLiteral("http://127.0.0.1:1")));
    h.store->setFailure(sesame::StoreError{sesame::StoreError::Kind::Denied, QStringLiteral("locked")});
    QSignalSpy errors(&h.client, &AuthClient::errorOccurred);
    h.client.restore();
    QVERIFY(waitForStatus(h.client, Status::SignedOut));
    QCOMPARE(h.client.storageStatus(), AuthClient::StorageStatus::Denied);
    QCOMPARE(h.client.lastError(), Error::Storage);
    QCOMPARE(errors.count(), 1);
}

void TestAuthClient::errorTextsAreTranslated() {
    QVERIFY(sesame::loadTranslations(QLocale(QLocale::Russian, QLocale::Russia)));
    QCOMPARE(sesame::errorText(Error::InvalidCode), QStringLiteral("Неверный код."));
    QVERIFY(sesame::loadTranslations(QLocale(QLocale::English)));
    QCOMPARE(sesame::errorText(Error::InvalidCode), QStringLiteral("The code is wrong."));
    QVERIFY(!sesame::loadTranslations(QLocale(QLocale::Japanese)));
    QCOMPARE(sesame::errorText(Error::InvalidCode), QStringLiteral("The code is wrong."));
}

void TestAuthClient::cleanupTestCase() {
    const auto& seen = seenTransitions();
    for (const auto& [from, to] : sesame::kStatusTransitions) {
        QVERIFY2(seen.count({from, to}) == 1, qPrintable(QStringLiteral("never exercised: %1 -> %2")
                                                           .arg(QVariant::fromValue(from).toString(),
                                                                QVariant::fromValue(to).toString())));
    }
    for (const auto& [from, to] : seen) {
        QVERIFY(sesame::isAllowedTransition(from, to));
    }
}

int main(int argc, char** argv) {
    ResumableApplication app(argc, argv);
    TestAuthClient test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_auth_client.moc"
