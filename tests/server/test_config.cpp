#include "config/config.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <unistd.h>

using namespace sesame::server;
using namespace std::chrono_literals;

namespace {

const std::string kPepper = "0123456789abcdef-pepper";

// A file that exists for the test's lifetime.
class TempFile {
public:
    explicit TempFile(const std::string& content) {
        static int counter = 0;
        path_ = std::filesystem::temp_directory_path() /
                ("sesame-config-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::ofstream(path_) << content;
    }
    ~TempFile() { std::filesystem::remove(path_); }
    std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

sesame::contract::Expected<Config, std::string> parse(std::vector<std::string> args, const Environment& env = {}) {
    args.insert(args.begin(), "sesame-server");
    std::vector<const char*> argv;
    for (const auto& arg : args) {
        argv.push_back(arg.c_str());
    }
    return parseConfig(static_cast<int>(argv.size()), argv.data(), env);
}

Settings settingsOf(std::vector<std::string> args, const Environment& env = {}) {
    const auto config = parse(std::move(args), env);
    INFO((config ? std::string() : config.error()));
    REQUIRE(config.hasValue());
    return config->settings;
}

std::string errorOf(std::vector<std::string> args, const Environment& env = {}) {
    const auto config = parse(std::move(args), env);
    REQUIRE_FALSE(config.hasValue());
    return config.error();
}

struct Case {
    std::string flag;
    std::string value;
    std::function<bool(const Settings&)> applied;
};

std::vector<Case> everyOption(const std::string& keyFile, const std::string& pepperFile) {
    return {
        {"listen", "0.0.0.0:9090", [](const Settings& s) { return s.http.host == "0.0.0.0" && s.http.port == 9090; }},
        {"mode", "full", [](const Settings& s) { return s.mode == Mode::Full; }},
        {"redis-url", "redis://10.0.0.5:6380/2", [](const Settings& s) { return s.redisUrl == "redis://10.0.0.5:6380/2"; }},
        {"postgres-url", "postgresql://db/x", [](const Settings& s) { return s.postgresUrl == "postgresql://db/x"; }},
        {"postgres-pool", "16", [](const Settings& s) { return s.postgresPoolSize == 16; }},
        {"threads", "4", [](const Settings& s) { return s.http.threads == 4; }},
        {"code-length", "8", [](const Settings& s) { return s.otp.codeLength == 8; }},
        {"code-ttl", "0", [](const Settings& s) { return s.otp.codeLifetime == 0s; }},
        {"max-attempts", "5", [](const Settings& s) { return s.otp.maxAttempts == 5; }},
        {"resend-cooldown", "0", [](const Settings& s) { return s.otp.resendCooldown == 0s; }},
        {"per-phone-per-hour", "1000000", [](const Settings& s) { return s.otp.perPhonePerHour == 1000000; }},
        {"per-ip-per-hour", "2", [](const Settings& s) { return s.otp.perIpPerHour == 2; }},
        {"rate-window", "5", [](const Settings& s) { return s.otp.rateWindow == 5s; }},
        {"test-numbers", "+77000000001=123456, +7 700 000 00 02=654321",
         [](const Settings& s) {
             return s.otp.testNumbers ==
                    std::map<std::string, std::string>{{"+77000000001", "123456"}, {"+77000000002", "654321"}};
         }},
        {"access-ttl", "0", [](const Settings& s) { return s.tokens.accessLifetime == 0s; }},
        {"refresh-ttl", "60", [](const Settings& s) { return s.tokens.refreshLifetime == 60s; }},
        {"reuse-grace", "0", [](const Settings& s) { return s.tokens.reuseGrace == 0s; }},
        {"leeway", "60", [](const Settings& s) { return s.tokens.leeway == 60s; }},
        {"issuer", "https://auth.example", [](const Settings& s) { return s.tokens.issuer == "https://auth.example"; }},
        {"audience", "shop-api", [](const Settings& s) { return s.tokens.audience == "shop-api"; }},
        {"signing-key", keyFile, [keyFile](const Settings& s) { return s.tokens.signingKeyFile == keyFile; }},
        {"pepper", kPepper, [](const Settings& s) { return s.tokens.pepper == kPepper; }},
        {"pepper-file", pepperFile, [](const Settings& s) { return s.tokens.pepper == "pepper-from-a-file-0123"; }},
        {"trusted-proxies", "10.0.0.1, 192.168.0.0/16,::1",
         [](const Settings& s) {
             return s.http.trustedProxies == std::vector<std::string>{"10.0.0.1", "192.168.0.0/16", "::1"};
         }},
        {"max-body", "1024", [](const Settings& s) { return s.http.maxBodyBytes == 1024; }},
        {"max-header", "4096", [](const Settings& s) { return s.http.maxHeaderBytes == 4096; }},
        {"read-timeout", "1", [](const Settings& s) { return s.http.readTimeout == 1s; }},
        {"idle-timeout", "2", [](const Settings& s) { return s.http.idleTimeout == 2s; }},
        {"shutdown-grace", "0", [](const Settings& s) { return s.http.shutdownGrace == 0s; }},
        {"max-connections", "3", [](const Settings& s) { return s.http.maxConnections == 3; }},
        {"default-currency", "USD", [](const Settings& s) { return s.defaultShopCurrency == "USD"; }},
        {"default-language", "kk", [](const Settings& s) { return s.defaultShopLanguage == "kk"; }},
        {"log-level", "warn", [](const Settings& s) { return s.logLevel == "warn"; }},
        {"telegram-chat-interval", "0",
         [](const Settings& s) { return s.delivery.telegramBot.perChatInterval == std::chrono::milliseconds{0}; }},
    };
}

std::string envName(const std::string& flag) {
    std::string name = "SESAME_";
    for (const char c : flag) {
        name.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return name;
}

// Full mode needs a pepper and a key; supply them whenever a case switches to it.
std::vector<std::string> withFullModeNeeds(std::vector<std::string> args, const std::string& keyFile) {
    args.insert(args.end(), {"--pepper", kPepper, "--signing-key", keyFile});
    return args;
}

}  // namespace

TEST_CASE("config without arguments keeps the API.md defaults", "[config]") {
    const auto config = parse({});
    REQUIRE(config.hasValue());
    CHECK(config->command == Command::Serve);
    CHECK_FALSE(config->helpRequested);
    const Settings& s = config->settings;
    CHECK(s.mode == Mode::Mock);
    CHECK(s.http.host == "127.0.0.1");
    CHECK(s.http.port == 8080);
    CHECK(s.otp.codeLength == 6);
    CHECK(s.otp.codeLifetime == 300s);
    CHECK(s.otp.maxAttempts == 3);
    CHECK(s.otp.resendCooldown == 60s);
    CHECK(s.otp.perPhonePerHour == 5);
    CHECK(s.otp.perIpPerHour == 30);
    CHECK(s.tokens.accessLifetime == 900s);
    CHECK(s.tokens.refreshLifetime == 30 * 24h);
    CHECK(s.tokens.reuseGrace == 10s);
    CHECK(s.http.maxBodyBytes == 16 * 1024);
    CHECK(s.http.maxHeaderBytes == 8 * 1024);
}

TEST_CASE("config sets every option by flag, --flag=value and environment variable", "[config]") {
    const TempFile key("-----BEGIN PRIVATE KEY-----\n");
    const TempFile pepper("pepper-from-a-file-0123\n");
    for (const Case& c : everyOption(key.path(), pepper.path())) {
        CAPTURE(c.flag, c.value);
        const bool full = c.flag == "mode";
        CHECK(c.applied(settingsOf(full ? withFullModeNeeds({"--" + c.flag, c.value}, key.path())
                                         : std::vector<std::string>{"--" + c.flag, c.value})));
        CHECK(c.applied(settingsOf(full ? withFullModeNeeds({"--" + c.flag + "=" + c.value}, key.path())
                                         : std::vector<std::string>{"--" + c.flag + "=" + c.value})));
        const Environment env{{envName(c.flag), c.value}};
        CHECK(c.applied(settingsOf(full ? withFullModeNeeds({}, key.path()) : std::vector<std::string>{}, env)));
    }
}

TEST_CASE("config: a flag wins over its variable and the last flag wins", "[config]") {
    CHECK(settingsOf({"--code-length", "8"}, {{"SESAME_CODE_LENGTH", "4"}}).otp.codeLength == 8);
    CHECK(settingsOf({}, {{"SESAME_CODE_LENGTH", "4"}}).otp.codeLength == 4);
    CHECK(settingsOf({"--threads", "3", "--threads=5"}).http.threads == 5);
    CHECK(settingsOf({"--listen", "127.0.0.1:1"}, {{"SESAME_LISTEN", "0.0.0.0:2"}}).http.port == 1);
    // Variables that are not ours are ignored.
    CHECK(settingsOf({}, {{"SESAME_UNKNOWN", "x"}, {"PATH", "/bin"}}).http.port == 8080);
}

TEST_CASE("config parses the subcommand", "[config]") {
    CHECK(parse({"serve"})->command == Command::Serve);
    CHECK(parse({"migrate", "--postgres-url", "postgresql://x/y"})->command == Command::Migrate);
    CHECK(parse({"migrate", "--mode", "full"})->command == Command::Migrate);  // migrate needs no pepper or key
    CHECK_THAT(errorOf({"drop-database"}), Catch::Contains("unknown command") && Catch::Contains("drop-database"));
    CHECK_THAT(errorOf({"serve", "migrate"}), Catch::Contains("unexpected argument"));
}

TEST_CASE("config listen accepts IPv4, bracketed IPv6, localhost and port 0", "[config]") {
    CHECK(settingsOf({"--listen", "[::1]:9000"}).http.host == "::1");
    CHECK(settingsOf({"--listen", "localhost:0"}).http.host == "127.0.0.1");
    CHECK(settingsOf({"--listen", "localhost:0"}).http.port == 0);
}

TEST_CASE("config rejects bad values, naming the option or variable", "[config]") {
    const auto [flag, value] = GENERATE(table<std::string, std::string>({
        {"listen", "8080"}, {"listen", "127.0.0.1:"}, {"listen", ":80"}, {"listen", "1.2.3.4:70000"},
        {"listen", "example.com:80"}, {"listen", "1.2.3.4:-1"}, {"listen", "::1:80x"},
        {"mode", "prod"}, {"mode", ""}, {"mode", "MOCK"},
        {"redis-url", ""}, {"postgres-url", "a\nb"},
        {"postgres-pool", "0"}, {"threads", "0"}, {"threads", "two"}, {"threads", "1.5"}, {"threads", " 2"},
        {"threads", "+2"}, {"threads", "99999999999999999999999"},
        {"code-length", "3"}, {"code-length", "11"}, {"code-ttl", "-1"}, {"code-ttl", "5m"}, {"code-ttl", ""},
        {"max-attempts", "0"}, {"resend-cooldown", "x"}, {"per-phone-per-hour", "0"}, {"per-ip-per-hour", "-5"},
        {"rate-window", "0"}, {"access-ttl", "1e3"}, {"refresh-ttl", "-1"}, {"reuse-grace", "0x10"},
        {"leeway", "61"}, {"issuer", ""}, {"issuer", "a\x01"}, {"audience", ""},
        {"signing-key", "/nonexistent/key.pem"}, {"pepper-file", "/nonexistent/pepper"},
        {"test-numbers", "+77000000001"}, {"test-numbers", "+77000000001=12a456"}, {"test-numbers", "123=123456"},
        {"test-numbers", "=123456"}, {"test-numbers", "+77000000001="},
        {"trusted-proxies", "10.0.0.1,not-an-ip"}, {"trusted-proxies", "10.0.0.0/33"}, {"trusted-proxies", "::/129"},
        {"trusted-proxies", "10.0.0.0/"}, {"trusted-proxies", "10.0.0.0/8x"},
        {"max-body", "0"}, {"max-body", "999999999"}, {"max-header", "10"}, {"read-timeout", "0"},
        {"idle-timeout", "0"}, {"shutdown-grace", "-1"}, {"max-connections", "0"},
        {"default-currency", "usd"}, {"default-currency", "USDT"}, {"default-language", "RU"},
        {"default-language", "r"}, {"log-level", "verbose"}, {"log-level", "INFO"},
    }));
    CAPTURE(flag, value);
    CHECK_THAT(errorOf({"--" + flag, value}), Catch::StartsWith("--" + flag + ": "));
    CHECK_THAT(errorOf({}, {{envName(flag), value}}), Catch::StartsWith(envName(flag) + ": "));
}

TEST_CASE("config errors say what is accepted and quote the bad value safely", "[config]") {
    CHECK(errorOf({"--code-length", "3"}) == "--code-length: must be an integer from 4 to 10, got \"3\"");
    CHECK(errorOf({"--code-ttl", "-1"}) == "--code-ttl: must be whole seconds from 0 to 315360000, got \"-1\"");
    CHECK(errorOf({"--telegram-chat-interval", "60001"}) ==
          "--telegram-chat-interval: must be whole milliseconds from 0 to 60000, got \"60001\"");
    const std::string huge = errorOf({"--threads", std::string(100000, '9')});
    CHECK(huge.size() < 200);
    CHECK_THAT(errorOf({"--mode", "a\x1b[31mb"}), !Catch::Contains("\x1b"));
}

TEST_CASE("config never echoes a pepper", "[config]") {
    const std::string error = errorOf({"--pepper", "short-secret"});
    CHECK(error == "--pepper: must be at least 16 bytes");
    const TempFile shortPepper("tiny\n");
    CHECK_THAT(errorOf({"--pepper-file", shortPepper.path()}), !Catch::Contains("tiny"));
}

TEST_CASE("config rejects unknown options and missing values", "[config]") {
    CHECK(errorOf({"--colour", "red"}) == "unknown option --colour (see --help)");
    CHECK(errorOf({"--threads"}) == "--threads needs a value (N)");
    CHECK_THAT(errorOf({"-t", "2"}), Catch::Contains("unexpected argument"));
    CHECK_THAT(errorOf({"--"}), Catch::Contains("unknown option"));
}

TEST_CASE("config: full mode needs a pepper and a signing key", "[config]") {
    const TempFile key("key");
    CHECK_THAT(errorOf({"--mode", "full", "--signing-key", key.path()}), Catch::Contains("--pepper"));
    CHECK_THAT(errorOf({"--mode", "full", "--pepper", kPepper}), Catch::Contains("--signing-key"));
    CHECK(settingsOf({"--mode", "full", "--pepper", kPepper, "--signing-key", key.path()}).mode == Mode::Full);
}

TEST_CASE("config: test number codes must have the code length", "[config]") {
    CHECK_THAT(errorOf({"--test-numbers", "+77000000001=1234"}), Catch::Contains("code-length (6)"));
    CHECK(settingsOf({"--code-length", "4", "--test-numbers", "+77000000001=1234"}).otp.testNumbers.size() == 1);
    CHECK(settingsOf({"--test-numbers", ""}).otp.testNumbers.empty());
    // Errors name the entry, never the number.
    const std::string error = errorOf({"--test-numbers", "+77000000001=123456,+19999999999=123456"});
    CHECK_THAT(error, Catch::Contains("entry 2") && !Catch::Contains("9999"));
}

TEST_CASE("config --help lists every option with its variable and default", "[config]") {
    const auto config = parse({"--threads", "2", "--help"}, {{"SESAME_THREADS", "not-a-number"}});
    REQUIRE(config.hasValue());
    CHECK(config->helpRequested);
    CHECK(parse({"migrate", "-h"})->helpRequested);

    const std::string help = helpText();
    for (const Case& c : everyOption("", "")) {
        CAPTURE(c.flag);
        CHECK_THAT(help, Catch::Contains("--" + c.flag + " ") && Catch::Contains("[" + envName(c.flag) + "]"));
    }
    CHECK_THAT(help, Catch::Contains("Default: 127.0.0.1:8080."));
    CHECK_THAT(help, Catch::Contains("Default: 300."));
    CHECK_THAT(help, Catch::Contains("Default: mock."));
    CHECK_THAT(help, Catch::Contains("serve") && Catch::Contains("migrate"));
}

TEST_CASE("config: the delivery policy's order, regions and the log channel's reveal switch", "[config]") {
    const Settings defaults = settingsOf({});
    CHECK(defaults.delivery.order == std::vector<std::string>{"telegram_bot", "telegram_gateway", "twilio", "msg91"});
    CHECK(defaults.delivery.regions.empty());
    CHECK_FALSE(defaults.delivery.logRevealCode);

    const Settings set = settingsOf({"--delivery-order", "twilio, telegram_bot", "--delivery-regions",
                                     "twilio=kz, RU;msg91=IN", "--log-reveal-code", "true"});
    CHECK(set.delivery.order == std::vector<std::string>{"twilio", "telegram_bot"});
    const std::map<std::string, std::vector<std::string>> regions{{"twilio", {"KZ", "RU"}}, {"msg91", {"IN"}}};
    CHECK(set.delivery.regions == regions);
    CHECK(set.delivery.logRevealCode);
    CHECK(settingsOf({}, {{"SESAME_DELIVERY_ORDER", "msg91"}}).delivery.order == std::vector<std::string>{"msg91"});

    for (const auto& [flag, value] : std::vector<std::pair<std::string, std::string>>{
             {"delivery-order", ""}, {"delivery-order", "sms"}, {"delivery-order", "twilio,twilio"},
             {"delivery-order", "outbox"}, {"delivery-order", "twilio\n"}, {"delivery-regions", "twilio"},
             {"delivery-regions", "twilio="}, {"delivery-regions", "pigeon=KZ"}, {"delivery-regions", "twilio=XX"},
             {"delivery-regions", "twilio,msg91=KZ"}, {"delivery-regions", "twilio=К3"},
             {"log-reveal-code", "yes"}, {"log-reveal-code", ""}}) {
        CAPTURE(flag, value);
        CHECK_THAT(errorOf({"--" + flag, value}), Catch::StartsWith("--" + flag + ": "));
    }
    const std::string help = helpText();
    CHECK_THAT(help, Catch::Contains("--delivery-order") && Catch::Contains("SESAME_DELIVERY_REGIONS") &&
                         Catch::Contains("--log-reveal-code"));
}
