// Benchmark of Sesame::Sdk (issue 5, "Benchmark"), against a
// `sesame-server --mode mock` it starts on a free port:
//   1. GET /v1/me through AuthClient::send() against the same request with a
//      bare QNetworkAccessManager: this process's wall and CPU time per call,
//      in alternating batches over one keep-alive connection;
//   2. initialisation: constructing an AuthClient and restoring until the
//      status settles, the first one in the process and later ones;
//   3. resident memory added by the SDK.
// `--only bare|sdk` runs one warm-up and one measured batch of that kind, for
// valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*runBatch*'.

#include <sesame/auth_client.h>
#include <sesame/memory_token_store.h>
#include <sesame/protected_call.h>

#include "support/mock_server.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtNetwork/QNetworkReply>
#include <QtTest/QSignalSpy>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

namespace {

using sesame::AuthClient;
using sesame::test::MockServer;
using Done = std::function<void()>;
// Starts one call; `done` runs when its answer was read.
using Sender = std::function<void(Done done)>;

constexpr int kWaitMs = 10'000;
const QString kPhone = QStringLiteral("+77001234567");

struct PerCall {
    double wallUs = 0;
    double cpuUs = 0;
};

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

long rssKiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLong();
        }
    }
    return -1;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

MockServer* runningServer = nullptr;  // fail() exits without unwinding: it stops the server itself

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "sesame-sdk-bench: %s\n", what);
    if (runningServer) {
        runningServer->stop();
    }
    std::exit(1);
}

// `calls` calls one after another, each started when the previous answered.
void driveCalls(int calls, const Sender& send) {
    QEventLoop loop;
    int left = calls;
    Done next = [&] {
        if (left-- == 0) {
            loop.quit();
        } else {
            send(next);
        }
    };
    QMetaObject::invokeMethod(&loop, next, Qt::QueuedConnection);
    loop.exec();
}

// The measured batch (callgrind's toggle point).
Q_NEVER_INLINE PerCall runBatch(int calls, const Sender& send) {
    QElapsedTimer wall;
    const double cpu = cpuSeconds();
    wall.start();
    driveCalls(calls, send);
    return {static_cast<double>(wall.nsecsElapsed()) / 1e3 / calls, (cpuSeconds() - cpu) * 1e6 / calls};
}

void expectProfile(QNetworkReply* reply) {
    if (!reply || reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200 ||
        reply->readAll().isEmpty()) {
        fail("GET /v1/me did not answer 200");
    }
}

// A login without the SDK, for the bare calls: the access token.
QByteArray rawLogin(MockServer& server) {
    const QByteArray otp = "{\"phone\":\"" + kPhone.toUtf8() + "\"}";
    if (server.call("POST", QStringLiteral("/v1/otp"), otp).status != 202) {
        fail("POST /v1/otp failed");
    }
    const QByteArray verify = "{\"phone\":\"" + kPhone.toUtf8() + "\",\"code\":\"" +
                              server.latestCode(kPhone).toUtf8() + "\"}";
    const auto session = server.call("POST", QStringLiteral("/v1/otp/verify"), verify);
    if (session.status != 200) {
        fail("POST /v1/otp/verify failed");
    }
    return session.json()[u"access_token"].toString().toUtf8();
}

void signIn(AuthClient& client, MockServer& server) {
    QSignalSpy sent(&client, &AuthClient::codeSent);
    client.requestCode(kPhone, {}, AuthClient::Channel::Auto);
    if (!sent.wait(kWaitMs)) {
        fail("the SDK got no code");
    }
    QSignalSpy signedIn(&client, &AuthClient::signedIn);
    client.verifyCode(server.latestCode(kPhone));
    if (!signedIn.wait(kWaitMs)) {
        fail("the SDK did not sign in");
    }
}

// A new client on `store`, restored until its status is `settled`; the
// microseconds its construction and its restore took.
std::pair<double, double> timeRestore(std::shared_ptr<sesame::MemoryTokenStore> store, const QUrl& url,
                                      AuthClient::Status settled, std::unique_ptr<AuthClient>& client) {
    QElapsedTimer timer;
    timer.start();
    client = std::make_unique<AuthClient>();
    const double constructed = static_cast<double>(timer.nsecsElapsed()) / 1e3;
    client->setTokenStore(std::move(store));
    client->setServerUrl(url);
    QSignalSpy changed(client.get(), &AuthClient::statusChanged);
    client->restore();
    while (client->status() != settled) {
        if (!changed.wait(kWaitMs)) {
            fail("a restore did not settle");
        }
    }
    return {constructed, static_cast<double>(timer.nsecsElapsed()) / 1e3 - constructed};
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption callsOption(QStringLiteral("calls"), QStringLiteral("Calls per batch."),
                                         QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Batches of each kind."),
                                          QStringLiteral("N"), QStringLiteral("30"));
    const QCommandLineOption onlyOption(QStringLiteral("only"), QStringLiteral("One batch of one kind."),
                                        QStringLiteral("bare|sdk"));
    parser.addOptions({callsOption, roundsOption, onlyOption});
    parser.addHelpOption();
    parser.process(app);
    const int calls = std::max(1, parser.value(callsOption).toInt());
    const int rounds = std::max(1, parser.value(roundsOption).toInt());
    const QString only = parser.value(onlyOption);

    MockServer server({QStringLiteral("--access-ttl"), QStringLiteral("86400")});
    runningServer = &server;
    if (!server.start()) {
        fail("sesame-server did not start");
    }
    const QUrl me(server.url().toString() + QStringLiteral("/v1/me"));
    QNetworkAccessManager network;

    const QByteArray bearer = "Bearer " + rawLogin(server);
    const Sender bare = [&](Done done) {
        QNetworkRequest request(me);
        request.setRawHeader("Authorization", bearer);
        QNetworkReply* reply = network.get(request);
        QObject::connect(reply, &QNetworkReply::finished, [reply, done] {
            expectProfile(reply);
            reply->deleteLater();
            done();
        });
    };
    driveCalls(200, bare);  // warm: the connection is open, Qt Network is loaded
    if (only.isEmpty()) {
        runBatch(calls, bare);  // and the allocator has seen as many calls as the SDK will make
    }
    const long rssBefore = rssKiB();

    // Initialisation: the first client of the process (nothing stored yet).
    auto store = std::make_shared<sesame::MemoryTokenStore>();
    std::unique_ptr<AuthClient> client;
    const auto [firstConstructUs, firstRestoreUs] =
        timeRestore(store, server.url(), AuthClient::Status::SignedOut, client);
    const long rssFirstClient = rssKiB();
    signIn(*client, server);
    const Sender sdk = [&](Done done) {
        sesame::ProtectedCall* call = client->send(network, QNetworkRequest(me), "GET", {});
        QObject::connect(call, &sesame::ProtectedCall::finished, [call, done] {
            if (call->error() != sesame::Error::None) {
                fail("a protected call failed");
            }
            expectProfile(call->reply());
            call->deleteLater();
            done();
        });
    };
    driveCalls(200, sdk);
    if (!only.isEmpty()) {
        const PerCall batch = runBatch(calls, only == u"sdk" ? sdk : bare);
        std::printf("%s: %.1f us wall, %.1f us CPU per call\n", qPrintable(only), batch.wallUs, batch.cpuUs);
        return 0;
    }
    runBatch(calls, sdk);
    const long rssSignedIn = rssKiB();

    // Pairs of batches back to back, alternating which goes first; the
    // overhead is the median of the pairs' differences, so load that comes
    // and goes on a shared machine hits both sides of a pair alike.
    std::vector<double> bareWall, bareCpu, sdkWall, sdkCpu, extraWall, extraCpu;
    for (int round = 0; round < rounds; ++round) {
        PerCall pair[2];
        for (const bool sdkFirst : {round % 2 == 1, round % 2 == 0}) {
            pair[sdkFirst ? 1 : 0] = runBatch(calls, sdkFirst ? sdk : bare);
        }
        bareWall.push_back(pair[0].wallUs);
        bareCpu.push_back(pair[0].cpuUs);
        sdkWall.push_back(pair[1].wallUs);
        sdkCpu.push_back(pair[1].cpuUs);
        extraWall.push_back(pair[1].wallUs - pair[0].wallUs);
        extraCpu.push_back(pair[1].cpuUs - pair[0].cpuUs);
    }

    // Later clients restoring the signed-in session, as at application start.
    std::vector<double> restores;
    std::vector<std::unique_ptr<AuthClient>> clients(1000);
    const long rssBeforeClients = rssKiB();
    for (auto& restored : clients) {
        const auto [constructUs, restoreUs] = timeRestore(store, server.url(), AuthClient::Status::SignedIn, restored);
        restores.push_back(constructUs + restoreUs);
    }
    const long rssAfterClients = rssKiB();

    std::printf("| measure | value |\n| --- | --- |\n");
    std::printf("| GET /v1/me, bare QNetworkAccessManager: wall / CPU per call | %.1f us / %.1f us |\n",
                median(bareWall), median(bareCpu));
    std::printf("| GET /v1/me through AuthClient::send(): wall / CPU per call | %.1f us / %.1f us |\n",
                median(sdkWall), median(sdkCpu));
    std::printf("| SDK overhead per call: wall / CPU (median of %d paired batches of %d) | %.1f us / %.1f us |\n",
                rounds, calls, median(extraWall), median(extraCpu));
    std::printf("| first AuthClient: constructor / restore() until SignedOut (empty store) | %.0f us / %.0f us |\n",
                firstConstructUs, firstRestoreUs);
    std::printf("| later AuthClient: constructor + restore() until SignedIn (median of %zu) | %.0f us |\n",
                restores.size(), median(restores));
    std::printf("| RSS added by the first AuthClient / after signing in and %d protected calls | %ld KiB / %ld KiB |\n",
                calls, rssFirstClient - rssBefore, rssSignedIn - rssBefore);
    std::printf("| RSS added per further signed-in client (%zu clients) | %.1f KiB |\n", clients.size(),
                static_cast<double>(rssAfterClients - rssBeforeClients) / static_cast<double>(clients.size()));
    return 0;
}
