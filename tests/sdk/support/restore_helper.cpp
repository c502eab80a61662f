// A restarted application for tst_keychain_store: restores the session of
// argv[1] from the keychain and calls GET /v1/me through AuthClient::send().
// Prints "restored <status>" once the restore settled and "me <HTTP status>
// <user id>" with the answer ("error <n>" on failure). Never prints a token.

#include <sesame/auth_client.h>
#include <sesame/keychain_token_store.h>
#include <sesame/protected_call.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QMetaEnum>
#include <QtCore/QTextStream>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>

int main(int argc, char** argv) {
    using sesame::AuthClient;
    QCoreApplication app(argc, argv);
    const QUrl server(app.arguments().value(1));
    AuthClient client;
    client.setTokenStore(std::make_shared<sesame::KeychainTokenStore>(QStringLiteral("sesame-sdk-tests")));
    client.setServerUrl(server);
    QNetworkAccessManager network;
    QTextStream out(stdout);
    QObject::connect(&client, &AuthClient::statusChanged, [&](AuthClient::Status status) {
        if (status == AuthClient::Status::Restoring) {
            return;
        }
        out << "restored " << QMetaEnum::fromType<AuthClient::Status>().valueToKey(static_cast<int>(status))
            << Qt::endl;
        QObject::disconnect(&client, &AuthClient::statusChanged, nullptr, nullptr);
        sesame::ProtectedCall* call =
            client.send(network, QNetworkRequest(QUrl(server.toString() + QStringLiteral("/v1/me"))), "GET", {});
        QObject::connect(call, &sesame::ProtectedCall::finished, [&, call] {
            if (call->error() != sesame::Error::None) {
                out << "error " << static_cast<int>(call->error()) << Qt::endl;
                app.exit(1);
                return;
            }
            const int status = call->reply()->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject me = QJsonDocument::fromJson(call->reply()->readAll()).object();
            out << "me " << status << ' ' << me[u"user"][u"id"].toString() << Qt::endl;
            app.exit(0);
        });
    });
    client.restore();
    return app.exec();
}
