#pragma once
// What both login apps' main() does: read the options, pick the style and the
// language, load the app's Main.qml. The end-to-end tests load the apps through
// the same loadApp(), so they test exactly what a user starts.
//
//     sesame-desktop [--server URL] [--lang en|ru] [--text-scale 1..3]
//
// The server URL comes from --server, else SESAME_SERVER_URL, else
// http://127.0.0.1:8080 (scripts/demo's server). With SESAME_STARTUP_PROBE=1
// the app prints "sesame-startup first-frame-ms=<n>" once its first frame is
// on screen (bench/apps reads it).

#include <sesame/contract/expected.h>

#include <QtCore/QProcessEnvironment>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

#include <memory>

class QQmlApplicationEngine;

namespace sesame::screens {

// What makes an app itself.
struct AppSpec {
    QString name;          // application name: window title, settings
    QString style;         // Qt Quick Controls style, e.g. "Fusion", "Material"
    QUrl mainQml;          // e.g. qrc:/SesameDesktop/Main.qml
    QStringList catalogs;  // translation catalogs besides the SDK's
};

// Each app defines it, next to its Main.qml.
const AppSpec& thisApp();

struct LaunchOptions {
    QUrl serverUrl;
    QString language;     // "" : UiLanguage::preferred()
    double textScale = 1;  // 2: every text twice its size (accessibility)
    bool help = false;
};

// Reads the command line (arguments[0] is the program) and the environment;
// an error sentence for anything it cannot use.
contract::Expected<LaunchOptions, QString> parseLaunchOptions(const QStringList& arguments,
                                                              const QProcessEnvironment& environment);
// The --help text.
QString launchUsage();

// Sets the style (the first call in a process wins), installs the language
// and loads spec.mainQml with `serverUrl` as its initial property; null, with
// the engine's warnings printed, when it does not load. Needs a QGuiApplication.
std::unique_ptr<QQmlApplicationEngine> loadApp(const AppSpec& spec, const LaunchOptions& options);

// The whole main(): application, options, loadApp, event loop.
int runApp(int argc, char** argv, const AppSpec& spec);

}  // namespace sesame::screens
