#include "app_launcher.h"

#include "ui_language.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QElapsedTimer>
#include <QtGui/QFontInfo>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickWindow>
#include <QtQuickControls2/QQuickStyle>

#include <cstdio>

namespace sesame::screens {
namespace {

constexpr auto kDefaultServer = "http://127.0.0.1:8080";
constexpr auto kServerVariable = "SESAME_SERVER_URL";
constexpr double kMinTextScale = 1.0;
constexpr double kMaxTextScale = 3.0;
constexpr int kMaxUrlLength = 2048;

QCommandLineOption serverOption() {
    return {QStringLiteral("server"), QStringLiteral("The Sesame server (default: $SESAME_SERVER_URL, else %1).")
                                          .arg(QLatin1String(kDefaultServer)),
            QStringLiteral("url")};
}
QCommandLineOption languageOption() {
    return {QStringLiteral("lang"), QStringLiteral("The language of the app: en or ru (default: as last chosen, else the system's)."),
            QStringLiteral("code")};
}
QCommandLineOption textScaleOption() {
    return {QStringLiteral("text-scale"), QStringLiteral("Text size as a multiple of the normal size, 1 to 3."),
            QStringLiteral("factor")};
}

void addOptions(QCommandLineParser& parser) {
    parser.setApplicationDescription(QStringLiteral("Sign in to your shop with your phone number."));
    parser.addHelpOption();
    parser.addOptions({serverOption(), languageOption(), textScaleOption()});
}

contract::Expected<QUrl, QString> serverUrlFrom(const QString& text) {
    const QUrl url(text, QUrl::StrictMode);
    const bool http = url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
    if (text.size() > kMaxUrlLength || !url.isValid() || !http || url.host().isEmpty()) {
        return contract::unexpected(QStringLiteral("the server must be an http:// or https:// URL with a host"));
    }
    return url;
}

// Every control inherits the window's font, so one pixel size scales them all.
void scaleText(QQuickWindow& window, double scale) {
    QFont font = window.property("font").value<QFont>();
    font.setPixelSize(qRound(QFontInfo(font).pixelSize() * scale));
    window.setProperty("font", font);
}

void reportFirstFrame(QQuickWindow& window, const QElapsedTimer& sinceStart) {
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = QObject::connect(&window, &QQuickWindow::frameSwapped, &window, [connection, sinceStart] {
        QObject::disconnect(*connection);
        std::printf("sesame-startup first-frame-ms=%lld\n", static_cast<long long>(sinceStart.elapsed()));
        std::fflush(stdout);
    });
}

}  // namespace

contract::Expected<LaunchOptions, QString> parseLaunchOptions(const QStringList& arguments,
                                                              const QProcessEnvironment& environment) {
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(arguments)) {
        return contract::unexpected(parser.errorText());
    }
    LaunchOptions options;
    options.help = parser.isSet(QStringLiteral("help"));
    if (!parser.positionalArguments().isEmpty()) {
        return contract::unexpected(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    }
    QString server = environment.value(QLatin1String(kServerVariable), QLatin1String(kDefaultServer));
    if (parser.isSet(serverOption())) {
        server = parser.value(serverOption());
    }
    auto url = serverUrlFrom(server);
    if (!url) {
        return contract::unexpected(url.error());
    }
    options.serverUrl = url.value();
    if (parser.isSet(languageOption())) {
        options.language = parser.value(languageOption());
        if (options.language != QLatin1String("en") && options.language != QLatin1String("ru")) {
            return contract::unexpected(QStringLiteral("--lang must be en or ru"));
        }
    }
    if (parser.isSet(textScaleOption())) {
        bool ok = false;
        options.textScale = parser.value(textScaleOption()).toDouble(&ok);
        if (!ok || !(options.textScale >= kMinTextScale && options.textScale <= kMaxTextScale)) {
            return contract::unexpected(QStringLiteral("--text-scale must be a number from 1 to 3"));
        }
    }
    return options;
}

QString launchUsage() {
    QCommandLineParser parser;
    addOptions(parser);
    return parser.helpText();
}

std::unique_ptr<QQmlApplicationEngine> loadApp(const AppSpec& spec, const LaunchOptions& options) {
    // Qt refuses a second style once Qt Quick Controls are loaded.
    static const bool styled = [&] {
        QQuickStyle::setStyle(spec.style);
        return true;
    }();
    Q_UNUSED(styled)
    UiLanguage::install(options.language.isEmpty() ? UiLanguage::preferred() : options.language, spec.catalogs);
    auto engine = std::make_unique<QQmlApplicationEngine>();
    engine->setInitialProperties({{QStringLiteral("serverUrl"), options.serverUrl}});
    engine->load(spec.mainQml);
    const QList<QObject*> roots = engine->rootObjects();
    auto* window = roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow*>(roots.constFirst());
    if (window == nullptr) {
        return nullptr;
    }
    if (options.textScale != 1) {
        scaleText(*window, options.textScale);
    }
    return engine;
}

int runApp(int argc, char** argv, const AppSpec& spec) {
    QElapsedTimer sinceStart;
    sinceStart.start();
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("Sesame"));
    QGuiApplication::setApplicationName(spec.name);
    const auto options = parseLaunchOptions(QGuiApplication::arguments(), QProcessEnvironment::systemEnvironment());
    if (!options) {
        std::fprintf(stderr, "%s\n\n%s", qPrintable(options.error()), qPrintable(launchUsage()));
        return 2;
    }
    if (options->help) {
        std::printf("%s", qPrintable(launchUsage()));
        return 0;
    }
    const auto engine = loadApp(spec, *options);
    if (!engine) {
        return 1;
    }
    if (qEnvironmentVariableIntValue("SESAME_STARTUP_PROBE") == 1) {
        reportFirstFrame(*qobject_cast<QQuickWindow*>(engine->rootObjects().constFirst()), sinceStart);
    }
    return QGuiApplication::exec();
}

}  // namespace sesame::screens
