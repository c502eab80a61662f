// The apps' command line and environment (sesame::screens::parseLaunchOptions).

#include "app_launcher.h"

#include <catch2/catch.hpp>

using sesame::screens::parseLaunchOptions;

namespace {

QProcessEnvironment environment(const QString& server = {}) {
    QProcessEnvironment env;
    if (!server.isNull()) {
        env.insert(QStringLiteral("SESAME_SERVER_URL"), server);
    }
    return env;
}

QStringList args(std::initializer_list<const char*> list) {
    QStringList out{QStringLiteral("sesame-desktop")};
    for (const char* arg : list) {
        out << QString::fromUtf8(arg);
    }
    return out;
}

}  // namespace

TEST_CASE("the demo server is the default") {
    const auto options = parseLaunchOptions(args({}), environment());
    REQUIRE(options);
    CHECK(options->serverUrl == QUrl(QStringLiteral("http://127.0.0.1:8080")));
    CHECK(options->language.isEmpty());
    CHECK(options->textScale == 1);
    CHECK_FALSE(options->help);
}

TEST_CASE("the server comes from --server, else SESAME_SERVER_URL, else the default") {
    const auto fromEnvironment = parseLaunchOptions(args({}), environment(QStringLiteral("https://auth.example.kz")));
    REQUIRE(fromEnvironment);
    CHECK(fromEnvironment->serverUrl == QUrl(QStringLiteral("https://auth.example.kz")));
    const auto fromFlag = parseLaunchOptions(args({"--server", "http://127.0.0.1:9000"}),
                                             environment(QStringLiteral("https://auth.example.kz")));
    REQUIRE(fromFlag);
    CHECK(fromFlag->serverUrl == QUrl(QStringLiteral("http://127.0.0.1:9000")));
}

TEST_CASE("language and text scale") {
    const auto options = parseLaunchOptions(args({"--lang", "ru", "--text-scale", "2"}), environment());
    REQUIRE(options);
    CHECK(options->language == QStringLiteral("ru"));
    CHECK(options->textScale == 2);
    CHECK(parseLaunchOptions(args({"--help"}), environment())->help);
}

TEST_CASE("unusable input is an error sentence, never a crash") {
    const auto [label, argv, env] = GENERATE(table<const char*, std::vector<const char*>, const char*>({
        {"empty server", {"--server", ""}, nullptr},
        {"no scheme", {"--server", "127.0.0.1:8080"}, nullptr},
        {"ftp", {"--server", "ftp://127.0.0.1"}, nullptr},
        {"no host", {"--server", "http://"}, nullptr},
        {"javascript", {"--server", "javascript:alert(1)"}, nullptr},
        {"control characters", {"--server", "http://127.0.0.1\n:80\x07"}, nullptr},
        {"non-ASCII garbage", {"--server", "http://\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 \xe2\x98\x83"}, nullptr},
        {"bad variable", {}, "not a url"},
        {"unknown language", {"--lang", "kk"}, nullptr},
        {"empty language", {"--lang", ""}, nullptr},
        {"scale too small", {"--text-scale", "0.5"}, nullptr},
        {"scale too large", {"--text-scale", "30"}, nullptr},
        {"scale not a number", {"--text-scale", "big"}, nullptr},
        {"scale NaN", {"--text-scale", "nan"}, nullptr},
        {"missing value", {"--server"}, nullptr},
        {"unknown flag", {"--mode", "full"}, nullptr},
        {"stray argument", {"extra"}, nullptr},
    }));
    INFO(label);
    QStringList arguments{QStringLiteral("sesame-desktop")};
    for (const char* arg : argv) {
        arguments << QString::fromUtf8(arg);
    }
    const auto options = parseLaunchOptions(arguments, env ? environment(QString::fromUtf8(env)) : environment());
    REQUIRE_FALSE(options);
    CHECK_FALSE(options.error().isEmpty());
}

TEST_CASE("an oversized server URL is refused") {
    const std::string huge = "http://127.0.0.1/" + std::string(100'000, 'a');
    CHECK_FALSE(parseLaunchOptions(args({"--server", huge.c_str()}), environment()));
}
