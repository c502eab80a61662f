// Uses the installed SDK the way an application would: AuthClient from C++,
// phone formatting (the contract and libphonenumber), the Russian texts
// (resources of a static library), and both QML modules (static plugins).
// Prints what failed and exits 1, or exits 0.

#include <sesame/auth_client.h>
#include <sesame/memory_token_store.h>
#include <sesame/phone_input.h>
#include <sesame/translations.h>
#include <sesame/version.h>

#include <QtGui/QGuiApplication>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <memory>

Q_IMPORT_QML_PLUGIN(SesamePlugin)
Q_IMPORT_QML_PLUGIN(SesameControlsPlugin)

namespace {

int failed(const char* what) {
    std::fprintf(stderr, "consumer: %s\n", what);
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    QGuiApplication app(argc, argv);

    sesame::AuthClient client;
    client.setTokenStore(std::make_shared<sesame::MemoryTokenStore>());
    client.setServerUrl(QUrl(QStringLiteral("http://sesame.example")));
    client.requestCode(QStringLiteral("+77001234567"), {}, sesame::AuthClient::Channel::Auto);
    if (client.lastError() != sesame::Error::InsecureTransport) {
        return failed("plain http to a remote host was not refused");
    }

    sesame::PhoneInput phone;
    phone.setRegion(QStringLiteral("KZ"));
    phone.edit(QStringLiteral("87001234567"), 11);
    if (phone.e164() != QStringLiteral("+77001234567")) {
        return failed("the national number was not normalised");
    }

    const QString english = sesame::errorText(sesame::Error::Network);
    if (!sesame::loadTranslations(QLocale(QLocale::Russian)) || sesame::errorText(sesame::Error::Network) == english) {
        return failed("the Russian translation is missing");
    }

    QQmlEngine engine;
    QQmlComponent component(&engine);
    component.setData("import QtQuick\nimport Sesame\nimport Sesame.Controls\n"
                      "Item { AuthClient {} PhoneField { region: \"KZ\" } CodeField {} }",
                      QUrl(QStringLiteral("qrc:/consumer.qml")));
    const std::unique_ptr<QObject> root(component.create());
    if (!root) {
        std::fprintf(stderr, "%s\n", qPrintable(component.errorString()));
        return failed("the QML modules did not load");
    }
    std::printf("Sesame %s: C++ API, translations and QML modules work\n", SESAME_SDK_VERSION);
    return 0;
}
