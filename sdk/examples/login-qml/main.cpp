// sesame-login-qml: loads Main.qml, the smallest Qt Quick login on the SDK.
//
//     sesame-login-qml [--server URL] [--quit-after-load]

#include <sesame/translations.h>

#include <QtCore/QCommandLineParser>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlApplicationEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuick/QQuickWindow>

// The SDK's QML modules are static plugins.
Q_IMPORT_QML_PLUGIN(SesamePlugin)
Q_IMPORT_QML_PLUGIN(SesameControlsPlugin)

int main(int argc, char** argv) {
    QGuiApplication app(argc, argv);
    sesame::loadTranslations(QLocale());
    QCommandLineParser parser;
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("The Sesame server."),
                                    QStringLiteral("URL"), QStringLiteral("http://127.0.0.1:8080"));
    const QCommandLineOption quit(QStringLiteral("quit-after-load"),
                                  QStringLiteral("Exit after the first frame: 0, or 1 if QML warned (for tests)."));
    parser.addOptions({server, quit});
    parser.addHelpOption();
    parser.process(app);

    QQmlApplicationEngine engine;
    int warnings = 0;
    QObject::connect(&engine, &QQmlEngine::warnings, [&warnings](const QList<QQmlError>& list) {
        warnings += static_cast<int>(list.size());
    });
    engine.setInitialProperties({{QStringLiteral("serverUrl"), QUrl(parser.value(server))}});
    engine.load(QUrl(QStringLiteral("qrc:/SesameLoginExample/Main.qml")));
    auto* window = engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow*>(engine.rootObjects()[0]);
    if (!window) {
        return 1;
    }
    if (parser.isSet(quit)) {
        QObject::connect(window, &QQuickWindow::frameSwapped, &app, [&warnings] { QCoreApplication::exit(warnings ? 1 : 0); },
                         Qt::QueuedConnection);
    }
    return QGuiApplication::exec();
}
