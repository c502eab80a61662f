// scripts/demo --headless: the desktop app, as a person would use it, against
// an already running mock server (scripts/demo's): phone, code from the
// outbox, profile, home, sign out, with a screenshot of each screen.
//   apps_demo_driver --server URL --phone E164 --out DIR [--lang en|ru]
// Exits non-zero when a step does not happen or a screen fails its checks.

#include "support/app_driver.h"
#include "support/server_helpers.h"

#include <QtCore/QCommandLineParser>
#include <QtGui/QGuiApplication>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuick/QQuickItem>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(SesamePlugin)
Q_IMPORT_QML_PLUGIN(SesameControlsPlugin)
Q_IMPORT_QML_PLUGIN(SesameScreensPlugin)
Q_IMPORT_QML_PLUGIN(SesameDesktopPlugin)

namespace {

using sesame::apptest::AppDriver;

bool step(bool done, const char* what) {
    std::printf("    %s %s\n", done ? "✓" : "✗", what);
    std::fflush(stdout);
    return done;
}

bool shot(AppDriver& app, const QString& name, const QStringList& required) {
    const QStringList problems = app.capture(name, required);
    for (const QString& problem : problems) {
        std::printf("      %s\n", qPrintable(problem));
    }
    return step(problems.isEmpty(), qPrintable(QStringLiteral("screenshot %1.png").arg(name)));
}

// The whole walk; false at the first step that does not happen.
bool walk(AppDriver& app, const QUrl& server, const QString& phone) {
    if (!step(app.start() && app.waitForScreen(QStringLiteral("phone")), "the app shows the phone screen") ||
        !shot(app, QStringLiteral("1-phone"), {"numberField", "sendCodeButton"})) {
        return false;
    }
    app.waitForFocus(QStringLiteral("numberField"));
    app.type(phone);
    app.press(Qt::Key_Return);
    if (!step(app.waitForScreen(QStringLiteral("code")), "a code was sent; the code screen asks for it") ||
        !shot(app, QStringLiteral("2-code"), {"codeField", "resendButton"})) {
        return false;
    }
    const QString code = sesame::apptest::outboxCode(server, phone);
    app.waitForFocus(QStringLiteral("codeField"));
    app.type(code);
    if (!step(!code.isEmpty() && app.waitFor([&] { return app.screen() == u"profile" || app.screen() == u"home"; }),
              "the code from the outbox signs in")) {
        return false;
    }
    if (app.waitForScreen(QStringLiteral("profile"), 1000)) {
        if (!shot(app, QStringLiteral("3-profile"), {"nameField", "shopNameField", "termsCheck"})) {
            return false;
        }
        app.waitForFocus(QStringLiteral("nameField"));
        app.retype(QStringLiteral("Aigerim Sadykova"));
        app.press(Qt::Key_Tab);
        app.retype(QStringLiteral("Flowers on Abay"));
        app.click(QStringLiteral("termsCheck"));
        app.press(Qt::Key_Return);
    }
    if (!step(app.waitForScreen(QStringLiteral("home")) && app.waitForItem(QStringLiteral("thisDeviceLabel")),
              "home: the shop, this device") ||
        !shot(app, QStringLiteral("4-home"), {"heading", "sessionsList", "signOutButton"})) {
        return false;
    }
    app.click(QStringLiteral("signOutButton"));
    return step(app.waitForScreen(QStringLiteral("phone")), "signed out: back to the phone screen") &&
           shot(app, QStringLiteral("5-signed-out"), {"numberField"});
}

}  // namespace

int main(int argc, char** argv) {
    QGuiApplication application(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("Sesame"));
    QGuiApplication::setApplicationName(QStringLiteral("Sesame demo"));
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("server"), QStringLiteral("The running mock server."), QStringLiteral("url")},
                       {QStringLiteral("phone"), QStringLiteral("The phone to sign in, E.164."), QStringLiteral("phone")},
                       {QStringLiteral("out"), QStringLiteral("Where the screenshots go."), QStringLiteral("dir")},
                       {QStringLiteral("lang"), QStringLiteral("en or ru."), QStringLiteral("code"), QStringLiteral("en")}});
    parser.process(application);
    const QUrl server(parser.value(QStringLiteral("server")));
    const QString phone = parser.value(QStringLiteral("phone"));
    if (!server.isValid() || phone.isEmpty() || parser.value(QStringLiteral("out")).isEmpty()) {
        std::fprintf(stderr, "apps_demo_driver: --server, --phone and --out are required\n");
        return 2;
    }
    AppDriver app({server, parser.value(QStringLiteral("lang")), 1, parser.value(QStringLiteral("out")), 0});
    return walk(app, server, phone) ? 0 : 1;
}
