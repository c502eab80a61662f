// A second (and third) process for tst_keychain_store: restores the session
// of argv[1] from the keychain, refreshes it once and prints
// "refreshing" when it starts and "token <sha256 of the access token>" when
// done ("error <n>" on failure). Never prints a token itself.

#include <sesame/auth_client.h>
#include <sesame/keychain_token_store.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QCryptographicHash>
#include <QtCore/QTextStream>
#include <QtNetwork/QNetworkRequest>

int main(int argc, char** argv) {
    using sesame::AuthClient;
    QCoreApplication app(argc, argv);
    const QUrl server(app.arguments().value(1));
    AuthClient client;
    client.setTokenStore(std::make_shared<sesame::KeychainTokenStore>(QStringLiteral("sesame-sdk-tests")));
    client.setServerUrl(server);
    QTextStream out(stdout);
    bool asked = false;
    QObject::connect(&client, &AuthClient::statusChanged, [&](AuthClient::Status status) {
        if (status == AuthClient::Status::SignedIn && !asked) {
            asked = true;
            client.refreshNow();
        } else if (status == AuthClient::Status::Refreshing) {
            out << "refreshing" << Qt::endl;
        }
    });
    QObject::connect(&client, &AuthClient::tokenRefreshed, [&] {
        QNetworkRequest request(server);
        client.authorize(request);
        const QByteArray digest = QCryptographicHash::hash(request.rawHeader("Authorization").mid(7),
                                                           QCryptographicHash::Sha256);
        out << "token " << digest.toHex() << Qt::endl;
        app.exit(0);
    });
    QObject::connect(&client, &AuthClient::errorOccurred, [&](sesame::Error error) {
        out << "error " << static_cast<int>(error) << Qt::endl;
        app.exit(1);
    });
    client.restore();
    return app.exec();
}
