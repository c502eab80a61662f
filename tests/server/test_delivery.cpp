#include "delivery/log_channel.h"
#include "delivery/message_text.h"
#include "delivery/outbox_channel.h"
#include "telemetry/log.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace sesame::server::delivery;
using namespace std::chrono_literals;
using Asked = sesame::contract::Channel;
using sesame::contract::DeliveryChannel;

namespace {

CodeMessage message(const std::string& phone, const std::string& code, Asked requested = Asked::Auto) {
    return CodeMessage{phone, code, "", "req-1", requested, 300s, std::chrono::system_clock::time_point(1717200000s)};
}

}  // namespace

TEST_CASE("code messages in English and Russian", "[delivery]") {
    CHECK(codeMessageText("123456", "", 300s) ==
          "Your Sesame code: 123456. It expires in 5 minutes. Do not share it with anyone.");
    CHECK(codeMessageText("123456", "en-US", 30s).find("in 1 minute.") != std::string::npos);
    CHECK(codeMessageText("123456", "ru", 300s) == "Ваш код Sesame: 123456. Он действует 5 минут. Никому его не сообщайте.");
    CHECK(codeMessageText("1", "ru-KZ", 60s).find("1 минуту") != std::string::npos);
    CHECK(codeMessageText("1", "RU_ru", 180s).find("3 минуты") != std::string::npos);
    CHECK(codeMessageText("1", "ru", 660s).find("11 минут") != std::string::npos);
    CHECK(codeMessageText("1", "ru", 1260s).find("21 минуту") != std::string::npos);
    CHECK(codeMessageText("1", "rus", 60s).find("Your") == 0);  // not Russian's tag
    CHECK(codeMessageText("1", "kk", 0s).find("1 minute") != std::string::npos);
}

TEST_CASE("the outbox keeps messages per phone, newest last, and reports the asked channel", "[delivery]") {
    OutboxChannel outbox;
    CHECK(outbox.send(message("+77001234567", "111111")).channel == DeliveryChannel::Sms);
    CHECK(outbox.send(message("+77001234567", "222222", Asked::Telegram)).channel == DeliveryChannel::Telegram);
    CHECK(outbox.send(message("+77007654321", "333333", Asked::Sms)).status == SendStatus::Sent);
    CHECK(outbox.serves(Asked::Telegram));
    const auto messages = outbox.messagesFor("+77001234567");
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].code == "111111");
    CHECK(messages[1].code == "222222");
    CHECK(messages[1].channel == DeliveryChannel::Telegram);
    CHECK(messages[1].text.find("222222") != std::string::npos);
    CHECK(messages[1].sentAt == std::chrono::system_clock::time_point(1717200000s));
    CHECK(outbox.messagesFor("+70000000000").empty());
}

TEST_CASE("the outbox is bounded per phone and in total", "[delivery]") {
    OutboxChannel outbox(3, 5);
    for (int i = 0; i < 10; ++i) {
        outbox.send(message("+77001234567", std::to_string(i)));
    }
    auto same = outbox.messagesFor("+77001234567");
    REQUIRE(same.size() == 3);
    CHECK(same.front().code == "7");
    CHECK(same.back().code == "9");

    for (int i = 0; i < 4; ++i) {
        outbox.send(message("+7700000000" + std::to_string(i), "x"));
    }
    // 5 in total: the 4 new ones and the newest of the first phone.
    same = outbox.messagesFor("+77001234567");
    REQUIRE(same.size() == 1);
    CHECK(same.front().code == "9");
    for (int i = 0; i < 4; ++i) {
        CHECK(outbox.messagesFor("+7700000000" + std::to_string(i)).size() == 1);
    }
    for (int i = 0; i < 1000; ++i) {  // one phone spamming keeps the bookkeeping bounded too
        outbox.send(message("+77001234567", std::to_string(i)));
    }
    CHECK(outbox.messagesFor("+77001234567").size() == 3);
    CHECK(outbox.messagesFor("+77000000003").empty());
}

TEST_CASE("the log channel masks the phone and, unless allowed, the code", "[delivery]") {
    std::vector<std::string> lines;
    sesame::server::telemetry::setLogSink([&](std::string_view line) { lines.emplace_back(line); });
    LogChannel masked;
    LogChannel revealing(true);
    CHECK(masked.send(message("+77001234567", "424242")).status == SendStatus::Sent);
    CHECK(revealing.send(message("+77001234567", "737373")).status == SendStatus::Sent);
    CHECK(masked.serves(Asked::Sms));
    sesame::server::telemetry::setLogSink({});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].find("424242") == std::string::npos);
    CHECK(lines[0].find("******") != std::string::npos);
    CHECK(lines[0].find("77001234567") == std::string::npos);
    CHECK(lines[0].find("+7700***4567") != std::string::npos);
    CHECK(lines[1].find("737373") != std::string::npos);
    CHECK(lines[1].find("77001234567") == std::string::npos);
}
