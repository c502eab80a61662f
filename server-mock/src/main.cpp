// sesame-server: parse the configuration, wire the application, serve until SIGTERM/SIGINT.

#include "api/ops_routes.h"
#include "app/application.h"
#include "config/config.h"
#include "http/router.h"
#include "http/server.h"
#include "telemetry/log.h"
#include "telemetry/metrics.h"

#include <csignal>
#include <cstdio>
#include <exception>

namespace {

using namespace sesame::server;

int serve(const Settings& settings, app::Application& application) {
    telemetry::Metrics metrics;
    http::Router router;
    application.registerRoutes(router, metrics);
    api::registerOpsRoutes(router, metrics, application.readinessChecks());

    http::Server server(settings.http, router, metrics);
    const auto port = server.listen();
    if (!port) {
        telemetry::log(telemetry::LogLevel::Error, "listen_failed", {{"error", port.error()}});
        return 1;
    }
    server.stopOnSignals();
    application.start();
    telemetry::log(telemetry::LogLevel::Info, "listening",
                   {{"host", settings.http.host},
                    {"port", port.value()},
                    {"mode", settings.mode == Mode::Full ? "full" : "mock"},
                    {"threads", settings.http.threads}});
    server.run();
    application.stop();  // the delivery lanes use `metrics`
    telemetry::log(telemetry::LogLevel::Info, "stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const auto config = parseConfig(argc, argv, processEnvironment());
    if (!config) {
        std::fprintf(stderr, "sesame-server: %s\n", config.error().c_str());
        return 2;
    }
    if (config->helpRequested) {
        std::fputs(helpText().c_str(), stdout);
        return 0;
    }
    // A client gone mid-write must cost an error code, not the process.
    std::signal(SIGPIPE, SIG_IGN);
    const Settings& settings = config->settings;
    telemetry::setLogLevel(telemetry::parseLogLevel(settings.logLevel).value_or(telemetry::LogLevel::Info));
    if (config->command == Command::Migrate) {
        return app::migrate(settings);
    }
    try {
        app::Application application(settings);
        return serve(settings, application);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "sesame-server: cannot start: %s\n", error.what());
        return 1;
    }
}
