// sesame-login: signs in to a Sesame server from the command line with the
// SDK, prints who signed in, and calls GET /v1/me as a protected call.
//
//     sesame-login [--server URL] [--region CC] [--outbox] [--keychain] [PHONE]

#include "login_flow.h"

#include <sesame/translations.h>
#include <sesame/version.h>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QLoggingCategory>

#include <cstdio>
#include <optional>

namespace {

using sesame::examples::ExitCode;
using sesame::examples::LoginOptions;

constexpr const char* kDescription =
    "Signs in to a Sesame server with a one-time code, prints the user and the shop,\n"
    "and calls GET /v1/me through the SDK's protected-call path.\n"
    "The code is read from stdin, or with --outbox from the mock server's outbox.\n"
    "\n"
    "Exit codes: 0 signed in; 1 unexpected answer or server failure; 2 bad usage,\n"
    "no phone or code given; 3 server unreachable (network, TLS, timeout);\n"
    "4 refused by the server (invalid phone or code, too many attempts, rate limits).";

// The options, or nullopt after telling what is wrong with them.
std::optional<LoginOptions> parse(QCommandLineParser& parser, const QStringList& arguments, QTextStream& err) {
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("The Sesame server."),
                                    QStringLiteral("URL"), QStringLiteral("http://127.0.0.1:8080"));
    const QCommandLineOption region(QStringLiteral("region"),
                                    QStringLiteral("Region for a national number (ISO 3166, e.g. KZ)."),
                                    QStringLiteral("CC"));
    const QCommandLineOption outbox(QStringLiteral("outbox"),
                                    QStringLiteral("Take the code from the mock server's outbox."));
    const QCommandLineOption keychain(QStringLiteral("keychain"),
                                      QStringLiteral("Keep the session in the OS keychain and restore it next time."));
    parser.setApplicationDescription(QString::fromLatin1(kDescription));
    parser.addOptions({server, region, outbox, keychain});
    parser.addPositionalArgument(QStringLiteral("phone"), QStringLiteral("E.164 or national; asked if absent."),
                                 QStringLiteral("[PHONE]"));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    if (!parser.parse(arguments)) {
        err << "sesame-login: " << parser.errorText() << Qt::endl;
        return std::nullopt;
    }
    if (parser.isSet(help)) {
        parser.showHelp(0);
    }
    if (parser.isSet(version)) {
        parser.showVersion();
    }
    const QUrl url(parser.value(server), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()) {
        err << "sesame-login: --server needs an http:// or https:// URL" << Qt::endl;
        return std::nullopt;
    }
    if (parser.positionalArguments().size() > 1) {
        err << "sesame-login: one phone number at most" << Qt::endl;
        return std::nullopt;
    }
    return LoginOptions{url, parser.positionalArguments().value(0), parser.value(region), parser.isSet(outbox),
                        parser.isSet(keychain)};
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sesame-login"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SESAME_SDK_VERSION));
    sesame::loadTranslations(QLocale());
    // The SDK's progress notes would interleave with the prompts; its
    // warnings stay. QT_LOGGING_RULES="sesame.*=true" brings them back.
    QLoggingCategory::setFilterRules(QStringLiteral("sesame.*.info=false"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    const auto options = parse(parser, QCoreApplication::arguments(), err);
    if (!options) {
        return static_cast<int>(ExitCode::Usage);
    }
    sesame::examples::LoginFlow flow(*options, out, err);
    QObject::connect(&flow, &sesame::examples::LoginFlow::finished, &app, &QCoreApplication::exit);
    QMetaObject::invokeMethod(&flow, &sesame::examples::LoginFlow::start, Qt::QueuedConnection);
    return QCoreApplication::exec();
}
