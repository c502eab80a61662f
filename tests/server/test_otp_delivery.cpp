// The delivery side of OtpService: the ChannelPolicy's choice, fall-through,
// the answer taken from the accepting channel (telegram_link + link_url),
// status recording, retiring codes on every channel, and the status route.

#include "api/delivery_routes.h"
#include "domain_fixture.h"
#include "http/router.h"

#include <catch2/catch.hpp>

using namespace sesame::server;
using namespace sesame::server::testing;
using namespace std::chrono_literals;
using Asked = sesame::contract::Channel;
using sesame::contract::DeliveryChannel;
using sesame::contract::ErrorCode;

namespace {

// A channel with a scripted answer that records what it was asked.
class StubChannel final : public delivery::Channel {
public:
    StubChannel(std::string name, std::vector<Asked> served, delivery::DeliveryResult answer)
        : name_(std::move(name)), served_(std::move(served)), answer_(std::move(answer)) {}

    std::string_view name() const override { return name_; }
    bool serves(Asked requested) const override {
        return std::find(served_.begin(), served_.end(), requested) != served_.end();
    }
    delivery::DeliveryResult send(const delivery::CodeMessage& message) override {
        sent.push_back(message);
        return answer_;
    }
    void codeRetired(const std::string& requestId) override { retired.push_back(requestId); }

    std::vector<delivery::CodeMessage> sent;
    std::vector<std::string> retired;

private:
    std::string name_;
    std::vector<Asked> served_;
    delivery::DeliveryResult answer_;
};

const std::vector<Asked> kTelegramish{Asked::Auto, Asked::Telegram};
const std::vector<Asked> kSmsish{Asked::Auto, Asked::Sms};

delivery::DeliveryResult result(delivery::SendStatus status, DeliveryChannel channel, std::string upstreamId = {},
                                std::string linkUrl = {}) {
    return delivery::DeliveryResult{status, channel, std::move(upstreamId), std::move(linkUrl), "stub"};
}

ServiceResult<sesame::contract::OtpResponse> ask(DomainFixture& f, Asked channel, const std::string& phone = kPhone) {
    sesame::contract::OtpRequest body;
    body.phone = phone;
    body.channel = channel;
    return f.otp->request(body, DomainFixture::client());
}

std::vector<std::string> namesOf(const std::vector<delivery::Channel*>& channels) {
    std::vector<std::string> names;
    for (const auto* channel : channels) {
        names.emplace_back(channel->name());
    }
    return names;
}

}  // namespace

TEST_CASE("the channel policy orders by configuration and filters by request and country", "[policy]") {
    StubChannel twilio("twilio", kSmsish, {});
    StubChannel msg91("msg91", kSmsish, {});
    StubChannel bot("telegram_bot", kTelegramish, {});
    StubChannel outbox("outbox", {Asked::Auto, Asked::Sms, Asked::Telegram}, {});
    DeliverySettings settings;
    settings.order = {"telegram_bot", "msg91", "twilio"};
    settings.regions = {{"msg91", {"IN"}}, {"twilio", {"kz", "RU"}}};
    const delivery::ChannelPolicy policy({&outbox, &twilio, &msg91, &bot}, settings);

    using Names = std::vector<std::string>;
    CHECK(namesOf(policy.all()) == Names{"telegram_bot", "msg91", "twilio", "outbox"});
    CHECK(namesOf(policy.candidates("+77001234567", Asked::Auto)) == Names{"telegram_bot", "twilio", "outbox"});
    CHECK(namesOf(policy.candidates("+919876543210", Asked::Auto)) == Names{"telegram_bot", "msg91", "outbox"});
    CHECK(namesOf(policy.candidates("+919876543210", Asked::Sms)) == Names{"msg91", "outbox"});
    CHECK(namesOf(policy.candidates("+79161234567", Asked::Telegram)) == Names{"telegram_bot", "outbox"});
    // A phone whose country is unknown is served only by unrestricted channels.
    CHECK(namesOf(policy.candidates("not a phone", Asked::Sms)) == Names{"outbox"});

    const delivery::ChannelPolicy none({}, settings);
    CHECK(none.candidates("+77001234567", Asked::Auto).empty());
}

TEST_CASE("the accepting channel's result is the answer and the recorded status", "[otp][policy]") {
    StubChannel down("telegram_bot", kTelegramish, result(delivery::SendStatus::Failed, DeliveryChannel::Telegram));
    StubChannel gateway("telegram_gateway", kTelegramish,
                        result(delivery::SendStatus::Queued, DeliveryChannel::Telegram, "gw-1"));
    StubChannel sms("twilio", kSmsish, result(delivery::SendStatus::Sent, DeliveryChannel::Sms, "SM1"));
    DomainFixture f([](Settings& s) { s.otp.resendCooldown = 0s; }, {&sms, &gateway, &down});

    const auto queued = ask(f, Asked::Auto);
    REQUIRE(queued);
    CHECK(queued->channel == DeliveryChannel::Telegram);
    CHECK_FALSE(queued->linkUrl);
    CHECK(down.sent.size() == 1);
    CHECK(gateway.sent.size() == 1);
    CHECK(sms.sent.empty());
    CHECK(gateway.sent[0].requestId == queued->requestId);
    CHECK(gateway.sent[0].expiresAt() == f.clock.now() + f.settings.otp.codeLifetime);
    const auto status = f.statuses.byRequest(queued->requestId).value();
    REQUIRE(status);
    CHECK(status->channel == "telegram_gateway");
    CHECK(status->state == delivery::DeliveryState::Queued);
    CHECK(status->upstreamId == "gw-1");
    CHECK(f.metrics.counter("sesame_otp_delivery_attempts_total", "").value({"telegram_bot", "failed"}) == 1);
    CHECK(f.metrics.counter("sesame_otp_delivery_attempts_total", "").value({"telegram_gateway", "queued"}) == 1);

    const auto bySms = ask(f, Asked::Sms);  // only the SMS channel serves "sms"
    REQUIRE(bySms);
    CHECK(bySms->channel == DeliveryChannel::Sms);
    CHECK(down.sent.size() == 1);
    CHECK(f.statuses.byRequest(bySms->requestId).value()->state == delivery::DeliveryState::Sent);
    CHECK(f.statuses.byRequest(bySms->requestId).value()->upstreamId == "SM1");
}

TEST_CASE("an unlinked Telegram phone is answered telegram_link with the bot's link", "[otp][policy]") {
    StubChannel bot("telegram_bot", kTelegramish,
                    result(delivery::SendStatus::AwaitingLink, DeliveryChannel::Telegram, "",
                           "https://t.me/sesame_test_bot?start=nonce123"));
    DomainFixture f({}, {&bot});
    const auto answer = ask(f, Asked::Telegram);
    REQUIRE(answer);
    CHECK(answer->channel == DeliveryChannel::TelegramLink);
    CHECK(answer->linkUrl == std::optional<std::string>("https://t.me/sesame_test_bot?start=nonce123"));
    CHECK(f.statuses.byRequest(answer->requestId).value()->state == delivery::DeliveryState::AwaitingLink);
    CHECK(f.audit.entries().back().detail == "telegram_link");

    const auto sms = ask(f, Asked::Sms, kOtherPhone);  // nobody serves sms here
    REQUIRE_FALSE(sms);
    CHECK(sms.error().code == ErrorCode::DeliveryUnavailable);
}

TEST_CASE("a code is retired on every channel when used, replaced or locked, never when restored", "[otp][policy]") {
    StubChannel bot("telegram_bot", kTelegramish, result(delivery::SendStatus::Sent, DeliveryChannel::Telegram, "7"));
    StubChannel other("twilio", kSmsish, result(delivery::SendStatus::Sent, DeliveryChannel::Sms, "SM1"));
    DomainFixture f([](Settings& s) { s.otp.resendCooldown = 0s; }, {&bot, &other});

    const auto first = ask(f, Asked::Auto);
    REQUIRE(first);
    CHECK(bot.retired.empty());
    const auto second = ask(f, Asked::Auto);  // replaces the first code
    REQUIRE(second);
    CHECK(bot.retired == std::vector<std::string>{first->requestId});
    CHECK(other.retired == bot.retired);

    // Verify with the code the stub was given: the code is used.
    const std::string code = bot.sent.back().code;
    REQUIRE(f.verify(code));
    CHECK(bot.retired == std::vector<std::string>{first->requestId, second->requestId});

    const auto third = ask(f, Asked::Auto);
    REQUIRE(third);
    const std::string wrong = DomainFixture::wrongCode(bot.sent.back().code);
    for (int i = 0; i < f.settings.otp.maxAttempts; ++i) {
        CHECK_FALSE(f.verify(wrong));
    }
    CHECK(bot.retired.back() == third->requestId);  // locked
    CHECK(bot.retired.size() == 3);
}

TEST_CASE("a failed delivery retires nothing and records no status", "[otp][policy]") {
    StubChannel good("telegram_bot", kTelegramish, result(delivery::SendStatus::Sent, DeliveryChannel::Telegram));
    StubChannel bad("twilio", kSmsish, result(delivery::SendStatus::Failed, DeliveryChannel::Sms));
    DomainFixture f([](Settings& s) { s.otp.resendCooldown = 0s; }, {&good, &bad});
    const auto first = ask(f, Asked::Auto);
    REQUIRE(first);
    const auto failed = ask(f, Asked::Sms);  // only the failing channel serves it
    REQUIRE_FALSE(failed);
    CHECK(good.retired.empty());  // the first code was restored, and still works
    REQUIRE(f.verify(good.sent.back().code));
}

TEST_CASE("GET /v1/otp/{request_id}/delivery answers the recorded status or 404", "[otp][policy]") {
    delivery::MemoryDeliveryStatusStore statuses;
    http::Router router;
    api::registerDeliveryRoutes(router, statuses);
    const auto at = std::chrono::system_clock::time_point(std::chrono::seconds(1717200000));
    REQUIRE(statuses.record({"req-1", "twilio", delivery::DeliveryState::Delivered, "SM1", "", at}, at + 1h));
    REQUIRE(statuses.record({"req-2", "outbox", delivery::DeliveryState::Sent, "", "", at}, at + 1h));
    const auto get = [&](const std::string& path) {
        http::Request request;
        request.method = http::Method::Get;
        request.path = path;
        return router.handle(request).response;
    };
    const auto found = get("/v1/otp/req-1/delivery");
    CHECK(found.status == 200);
    CHECK(nlohmann::json::parse(found.body) == nlohmann::json{{"request_id", "req-1"},
                                                               {"channel", "twilio"},
                                                               {"status", "delivered"},
                                                               {"upstream_id", "SM1"},
                                                               {"updated_at", "2024-06-01T00:00:00Z"}});
    CHECK_FALSE(nlohmann::json::parse(get("/v1/otp/req-2/delivery").body).contains("upstream_id"));
    for (const std::string& unknown : std::vector<std::string>{"/v1/otp/nope/delivery", "/v1/otp/%00/delivery",
                                      "/v1/otp/" + std::string(5000, 'a') + "/delivery", "/v1/otp/\xd0\x96/delivery"}) {
        const auto missing = get(unknown);
        CHECK(missing.status == 404);
        CHECK(nlohmann::json::parse(missing.body)["code"] == "not_found");
    }
}
