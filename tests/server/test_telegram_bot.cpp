// The Telegram bot's units on memory backends: the Bot API envelope and its
// mapping to retry decisions, the channel's link offer, and the update
// handler's linking rules (own contact, not forwarded, same chat, same phone).
#include "crypto/sealed_box.h"
#include "delivery/queue/dispatcher.h"
#include "delivery/queue/memory_job_queue.h"
#include "delivery/telegram/bot_api.h"
#include "delivery/telegram/telegram_bot_channel.h"
#include "delivery/telegram/update_handler.h"
#include "services/clock.h"
#include "store/memory/memory_telegram_link_store.h"
#include "store/memory/memory_telegram_update_log.h"

#include <catch2/catch.hpp>

#include <deque>
#include <mutex>

using namespace sesame::server;
using namespace sesame::server::delivery;
using nlohmann::json;

namespace {

// Answers every call with the next scripted reply (default: a sent message) and records it.
class ScriptedHttp final : public HttpClient {
public:
    std::vector<HttpCall> calls;
    std::deque<sesame::contract::Expected<HttpReply, std::string>> replies;

    sesame::contract::Expected<HttpReply, std::string> call(const HttpCall& call) override {
        std::lock_guard lock(mutex_);
        calls.push_back(call);
        if (replies.empty()) {
            return HttpReply{200, {}, R"({"ok":true,"result":{"message_id":)" + std::to_string(calls.size()) + "}}"};
        }
        auto reply = replies.front();
        replies.pop_front();
        return reply;
    }

    // The parsed bodies of the calls to `method`.
    std::vector<json> bodiesOf(const std::string& method) const {
        std::vector<json> bodies;
        for (const auto& call : calls) {
            if (call.url.ends_with("/" + method)) {
                bodies.push_back(json::parse(call.body));
            }
        }
        return bodies;
    }

private:
    std::mutex mutex_;
};

HttpReply reply(int status, std::string body) { return HttpReply{status, {}, std::move(body)}; }

json message(std::int64_t from, json fields) {
    json m{{"message_id", 1}, {"date", 0}, {"chat", {{"id", from}, {"type", "private"}}}, {"from", {{"id", from}, {"is_bot", false}}}};
    m.update(fields);
    return m;
}

struct Bot {
    ScriptedHttp http;
    TelegramBotApi api{http, "http://fake/", "123:TOKEN"};
    MemoryJobQueue queue;
    FakeClock clock;
    Dispatcher dispatcher{queue, clock};
    store::MemoryTelegramLinkStore links;
    store::MemoryTelegramUpdateLog updates;
    crypto::SealedBox sealer{"a pepper of at least sixteen bytes"};
    std::vector<DeliveryStatus> reports;
    TelegramBotChannel channel{TelegramBotDependencies{api, dispatcher, links, sealer, clock,
                                                       [this](const DeliveryStatus& s, bool) { reports.push_back(s); },
                                                       nullptr},
                               "sesame_test_bot"};
    TelegramUpdateHandler handler{channel, links, updates, clock};
    std::int64_t nextUpdate = 1;

    Bot() {
        for (Lane& lane : channel.lanes(1000, std::chrono::milliseconds(0))) {
            dispatcher.addLane(std::move(lane));
        }
    }

    // One update, a second after the last one, so the lane has room to send at once.
    UpdateOutcome send(const json& m) {
        clock.advance(std::chrono::seconds(1));
        return handler.handle({{"update_id", nextUpdate++}, {"message", m}});
    }

    CodeMessage code(const std::string& phone) {
        return CodeMessage{phone, "123456", "", "req-1", sesame::contract::Channel::Auto, std::chrono::seconds(300),
                           clock.now()};
    }

    // Asks for a code for an unlinked phone and opens the link in chat `user`.
    void startLink(const std::string& phone, std::int64_t user) {
        const DeliveryResult result = channel.send(code(phone));
        REQUIRE(result.status == SendStatus::AwaitingLink);
        const std::string nonce = result.linkUrl.substr(result.linkUrl.find("start=") + 6);
        REQUIRE(send(message(user, {{"text", "/start " + nonce}})) == UpdateOutcome::Handled);
    }
};

}  // namespace

TEST_CASE("Bot API errors map to retry decisions", "[telegram]") {
    CHECK(runResultOf({429, "Too Many Requests: retry after 7", std::chrono::seconds(7)}).outcome == RunOutcome::RetryAfter);
    CHECK(runResultOf({429, "", std::chrono::seconds(7)}).retryAfter == std::chrono::seconds(7));
    CHECK(runResultOf({429, "", std::chrono::seconds(0)}).retryAfter == std::chrono::seconds(1));
    CHECK(runResultOf({0, "connection refused", {}}).outcome == RunOutcome::Transient);
    CHECK(runResultOf({502, "Bad Gateway", {}}).outcome == RunOutcome::Transient);
    CHECK(runResultOf({400, "Bad Request: chat not found", {}}).outcome == RunOutcome::Permanent);
    CHECK(runResultOf({403, "Forbidden: bot was blocked by the user", {}}).outcome == RunOutcome::Permanent);
}

TEST_CASE("Bot API calls: JSON bodies, the envelope, unreadable answers", "[telegram]") {
    ScriptedHttp http;
    TelegramBotApi api(http, "http://fake///", "123:TOKEN");
    http.replies.push_back(reply(200, R"({"ok":true,"result":{"message_id":42,"chat":{"id":5}}})"));
    auto sent = api.sendMessage({5, "héllo\n\x01", true, json{{"remove_keyboard", true}}});
    REQUIRE(sent);
    CHECK(sent.value() == 42);
    CHECK(http.calls[0].url == "http://fake/bot123:TOKEN/sendMessage");
    const json body = json::parse(http.calls[0].body);
    CHECK(body["protect_content"] == true);
    CHECK(body["text"] == "héllo\n\x01");
    CHECK(body["reply_markup"]["remove_keyboard"] == true);

    http.replies.push_back(reply(429, R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}})"));
    auto limited = api.sendMessage({5, "x", false, nullptr});
    REQUIRE_FALSE(limited);
    CHECK(limited.error().retryAfter == std::chrono::seconds(3));
    CHECK(json::parse(http.calls[1].body).contains("protect_content") == false);

    http.replies.push_back(reply(502, "<html>bad gateway</html>"));
    CHECK(runResultOf(api.deleteMessage(5, 1).error()).outcome == RunOutcome::Transient);
    http.replies.push_back(reply(200, "not json"));
    CHECK(runResultOf(api.getMe().error()).outcome == RunOutcome::Transient);
    http.replies.push_back(reply(200, R"({"ok":true,"result":{"message_id":"7"}})"));
    CHECK_FALSE(api.sendMessage({5, "x", false, nullptr}));
    http.replies.push_back(sesame::contract::unexpected(std::string("connect: refused")));
    const auto down = api.getUpdates(10, std::chrono::seconds(25), 100);
    REQUIRE_FALSE(down);
    CHECK(down.error().errorCode == 0);
    CHECK(http.calls.back().timeout > std::chrono::seconds(25));
    http.replies.push_back(reply(200, R"({"ok":true,"result":[{"update_id":10}]})"));
    CHECK(api.getUpdates(std::nullopt, std::chrono::seconds(0), 1).value().size() == 1);
    CHECK_FALSE(json::parse(http.calls.back().body).contains("offset"));
}

TEST_CASE("An unlinked phone gets a link, and its own contact links it and brings the code", "[telegram]") {
    Bot bot;
    const DeliveryResult offer = bot.channel.send(bot.code("+77011234567"));
    CHECK(offer.status == SendStatus::AwaitingLink);
    CHECK(offer.channel == sesame::contract::DeliveryChannel::TelegramLink);
    CHECK(offer.linkUrl.starts_with("https://t.me/sesame_test_bot?start="));
    CHECK(offer.linkUrl.size() == std::string("https://t.me/sesame_test_bot?start=").size() + 22);
    CHECK(bot.http.calls.empty());
    CHECK(bot.reports.at(0).state == DeliveryState::AwaitingLink);

    const std::string nonce = offer.linkUrl.substr(offer.linkUrl.find("start=") + 6);
    CHECK(bot.send(message(77, {{"text", "/start@sesame_test_bot " + nonce}})) == UpdateOutcome::Handled);
    const json keyboard = bot.http.bodiesOf("sendMessage").at(0)["reply_markup"];
    CHECK(keyboard["keyboard"][0][0]["request_contact"] == true);
    CHECK(keyboard["one_time_keyboard"] == true);

    CHECK(bot.send(message(77, {{"contact", {{"phone_number", "77011234567"}, {"user_id", 77}}}})) ==
          UpdateOutcome::Handled);
    const json code = bot.http.bodiesOf("sendMessage").at(1);
    CHECK(code["chat_id"] == 77);
    CHECK(code["protect_content"] == true);
    CHECK(code["text"].get<std::string>().find("123456") != std::string::npos);
    CHECK(bot.links.chatFor("+77011234567").value() == 77);
    CHECK(bot.reports.back().state == DeliveryState::Sent);
    // The deletion waits for the code's expiry, or for codeRetired.
    CHECK(bot.queue.find("tg-delete:req-1").value().has_value());

    bot.clock.advance(std::chrono::seconds(1));
    const DeliveryResult direct = bot.channel.send(bot.code("+77011234567"));
    CHECK(direct.status == SendStatus::Sent);
    CHECK(direct.channel == sesame::contract::DeliveryChannel::Telegram);

    CHECK(bot.send(message(77, {{"text", "/stop"}})) == UpdateOutcome::Handled);
    CHECK_FALSE(bot.links.chatFor("+77011234567").value().has_value());
}

TEST_CASE("Contacts that are not the sender's own, forwarded, or of another phone link nothing", "[telegram]") {
    Bot bot;
    bot.startLink("+77011234567", 77);
    const json refused[] = {
        message(77, {{"contact", {{"phone_number", "77011234567"}, {"user_id", 78}}}}),
        message(77, {{"contact", {{"phone_number", "77011234567"}}}}),
        message(77, {{"contact", {{"phone_number", "77011234567"}, {"user_id", 77}}},
                     {"forward_origin", {{"type", "user"}, {"date", 0}}}}),
        message(77, {{"contact", {{"phone_number", "77011234567"}, {"user_id", 77}}}, {"forward_date", 5}}),
        message(77, {{"contact", {{"phone_number", "+7 701 123 45 68"}, {"user_id", 77}}}}),
        message(77, {{"contact", {{"phone_number", "not a phone \x01 é"}, {"user_id", 77}}}}),
        message(77, {{"contact", "77011234567"}}),
    };
    for (const json& m : refused) {
        CHECK(bot.send(m) == UpdateOutcome::Handled);
    }
    // Someone in another chat sharing their own card with this phone, without the link.
    CHECK(bot.send(message(90, {{"contact", {{"phone_number", "77011234567"}, {"user_id", 90}}}})) ==
          UpdateOutcome::Handled);
    CHECK_FALSE(bot.links.chatFor("+77011234567").value().has_value());
    for (const json& body : bot.http.bodiesOf("sendMessage")) {
        CHECK_FALSE(body.contains("protect_content"));
    }
}

TEST_CASE("Updates are handled once, and what is not for the bot is ignored", "[telegram]") {
    Bot bot;
    const json start{{"update_id", 500}, {"message", message(77, {{"text", "/start"}})}};
    CHECK(bot.handler.handle(start) == UpdateOutcome::Handled);
    CHECK(bot.handler.handle(start) == UpdateOutcome::Duplicate);
    CHECK(bot.http.calls.size() == 1);

    json group = message(77, {{"text", "/stop"}});
    group["chat"]["type"] = "group";
    const json ignored[] = {json(), json::array(), json("x"), json{{"update_id", "1"}}, json{{"update_id", 1.5}},
                            json{{"update_id", 501}, {"edited_message", message(77, {{"text", "/stop"}})}},
                            json{{"update_id", 502}, {"message", group}},
                            json{{"update_id", 503}, {"message", message(77, {{"text", std::string(5000, 'a')}})}},
                            json{{"update_id", 504}, {"message", message(77, {{"text", "/unknown"}})}},
                            json{{"update_id", 505}, {"message", {{"chat", {{"id", 77}}}}}},
                            json{{"update_id", 506}, {"message", message(77, {{"text", 5}})}}};
    for (const json& update : ignored) {
        CHECK(bot.handler.handle(update) == UpdateOutcome::Ignored);
    }
    CHECK(bot.http.calls.size() == 1);

    // A nonce that is unknown, too long or not base64url is answered as expired, without a store lookup.
    CHECK(bot.send(message(77, {{"text", "/start " + std::string(65, 'a')}})) == UpdateOutcome::Handled);
    CHECK(bot.send(message(77, {{"text", "/start ../\x01é"}})) == UpdateOutcome::Handled);
    CHECK(bot.http.bodiesOf("sendMessage").back()["text"].get<std::string>().find("expired") != std::string::npos);
}
