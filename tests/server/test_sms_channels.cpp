#include "api/delivery_callback_routes.h"
#include "delivery/delivery_context.h"
#include "delivery/memory_delivery_status_store.h"
#include "delivery/queue/memory_job_queue.h"
#include "delivery/sms/msg91_channel.h"
#include "delivery/sms/sms_setup.h"
#include "delivery/sms/twilio_channel.h"
#include "delivery/sms/twilio_signature.h"
#include "delivery/telegram_gateway/gateway_report.h"
#include "delivery/telegram_gateway/telegram_gateway_channel.h"
#include "store/memory/memory_audit_log.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <deque>
#include <functional>
#include <mutex>

using namespace sesame;
using namespace sesame::server;
using namespace sesame::server::delivery;
using namespace std::chrono_literals;
using Json = nlohmann::json;
using Asked = contract::Channel;

namespace {

using Answer = contract::Expected<HttpReply, std::string>;

// Answers upstream calls from a script, in order, and keeps every call.
class ScriptedHttp final : public HttpClient {
public:
    Answer call(const HttpCall& call) override {
        const std::lock_guard lock(mutex_);
        calls.push_back(call);
        if (answers.empty()) {
            return contract::unexpected(std::string("no scripted answer"));
        }
        Answer next = answers.front();
        answers.pop_front();
        return next;
    }
    void reply(int status, std::string body, HttpHeaders headers = {}) {
        answers.emplace_back(HttpReply{status, std::move(headers), std::move(body)});
    }
    std::vector<HttpCall> calls;
    std::deque<Answer> answers;

private:
    std::mutex mutex_;
};

struct World {
    World() : sealer("a pepper of at least sixteen bytes"), dispatcher(jobs, clock) {}

    Settings settings() const {
        Settings s;
        s.delivery.telegramGateway.token = "gw-token";
        s.delivery.telegramGateway.apiUrl = "http://gateway.test";
        s.delivery.telegramGateway.callbackUrl = "https://sesame.test/v1/delivery/telegram-gateway";
        s.delivery.twilio.accountSid = "AC1";
        s.delivery.twilio.authToken = "twilio-token";
        s.delivery.twilio.from = "+15005550006";
        s.delivery.twilio.apiUrl = "http://twilio.test";
        s.delivery.twilio.statusCallbackUrl = "https://sesame.test/v1/delivery/twilio/status";
        s.delivery.msg91.authkey = "msg91-key";
        s.delivery.msg91.templateId = "tmpl";
        s.delivery.msg91.apiUrl = "http://msg91.test";
        return s;
    }

    CodeMessage message(const std::string& requestId = "req-1") const {
        return CodeMessage{"+77011234567", "123456", "", requestId, Asked::Auto, 300s, clock.now()};
    }

    std::optional<DeliveryStatus> status(const std::string& requestId) {
        auto found = statuses.byRequest(requestId);
        REQUIRE(found);
        return found.value();
    }

    FakeClock clock;
    crypto::SealedBox sealer;
    MemoryJobQueue jobs;
    Dispatcher dispatcher;
    MemoryDeliveryStatusStore statuses;
    store::MemoryAuditLog audit;
    telemetry::Metrics metrics;
    ScriptedHttp http;
    DeliveryContext context{http, dispatcher, statuses, sealer, clock, audit, metrics, nullptr, nullptr};
};

Json bodyOf(const HttpCall& call) { return Json::parse(call.body); }

}  // namespace

TEST_CASE("the factory makes the configured channels only, each with its lane", "[sms]") {
    World world;
    Settings settings = world.settings();
    auto channels = makeGatewayAndSmsChannels(settings, world.context);
    REQUIRE(channels.size() == 3);
    CHECK(channels[0]->name() == "telegram_gateway");
    CHECK(channels[1]->name() == "twilio");
    CHECK(channels[2]->name() == "msg91");
    CHECK(channels[0]->serves(Asked::Telegram));
    CHECK_FALSE(channels[0]->serves(Asked::Sms));
    CHECK(channels[1]->serves(Asked::Sms));
    CHECK_FALSE(channels[2]->serves(Asked::Telegram));
    for (const auto& channel : channels) {
        CHECK(channel->serves(Asked::Auto));
    }
    settings.delivery.telegramGateway.token.clear();
    settings.delivery.msg91.authkey.clear();
    World other;
    auto fewer = makeGatewayAndSmsChannels(settings, other.context);
    REQUIRE(fewer.size() == 1);
    CHECK(fewer[0]->name() == "twilio");
}

TEST_CASE("gateway: checkSendAbility, then our code on its request_id", "[gateway][sms]") {
    World world;
    TelegramGatewayChannel gateway(world.settings().delivery.telegramGateway, world.context);
    world.dispatcher.addLane(gateway.lane());
    world.http.reply(200, R"({"ok":true,"result":{"request_id":"ability-1","phone_number":"+77011234567"}})");
    world.http.reply(200, R"({"ok":true,"result":{"request_id":"ability-1","delivery_status":{"status":"sent"}}})");

    const DeliveryResult result = gateway.send(world.message());
    CHECK(result.status == SendStatus::Sent);
    CHECK(result.channel == contract::DeliveryChannel::Telegram);
    CHECK(result.upstreamId == "ability-1");
    REQUIRE(world.http.calls.size() == 2);
    CHECK(world.http.calls[0].url == "http://gateway.test/checkSendAbility");
    CHECK(bodyOf(world.http.calls[0]) == Json{{"phone_number", "+77011234567"}});
    CHECK(world.http.calls[1].url == "http://gateway.test/sendVerificationMessage");
    const Json send = bodyOf(world.http.calls[1]);
    CHECK(send.at("code") == "123456");
    CHECK(send.at("ttl") == 300);
    CHECK(send.at("payload") == "req-1");
    CHECK(send.at("request_id") == "ability-1");
    CHECK(send.at("callback_url") == "https://sesame.test/v1/delivery/telegram-gateway");
}

TEST_CASE("gateway: a refused number fails the channel without a send", "[gateway][sms]") {
    World world;
    TelegramGatewayChannel gateway(world.settings().delivery.telegramGateway, world.context);
    world.dispatcher.addLane(gateway.lane());
    world.http.reply(200, R"({"ok":false,"error":"PHONE_NUMBER_NOT_AVAILABLE"})");
    const DeliveryResult result = gateway.send(world.message());
    CHECK(result.status == SendStatus::Failed);
    CHECK(result.detail.find("PHONE_NUMBER_NOT_AVAILABLE") != std::string::npos);
    CHECK(world.http.calls.size() == 1);

    world.clock.advance(1s);
    const DeliveryResult down = gateway.send(world.message("req-2"));  // no scripted answer: unreachable
    CHECK(down.status == SendStatus::Failed);
    auto queued = world.jobs.find("telegram_gateway:send:req-2");
    REQUIRE(queued);
    CHECK_FALSE(queued.value());  // nothing kept: the policy falls through at once
}

TEST_CASE("gateway: a retired code's message is revoked through the lane", "[gateway][sms]") {
    World world;
    TelegramGatewayChannel gateway(world.settings().delivery.telegramGateway, world.context);
    Lane lane = gateway.lane();
    world.dispatcher.addLane(lane);

    gateway.codeRetired("req-unknown");
    world.statuses.record({"req-sms", "twilio", DeliveryState::Sent, "SM1", "", world.clock.now()},
                          world.clock.now() + 1h);
    gateway.codeRetired("req-sms");
    CHECK_FALSE(world.jobs.find("telegram_gateway:revoke:req-unknown").value());
    CHECK_FALSE(world.jobs.find("telegram_gateway:revoke:req-sms").value());

    world.statuses.record({"req-1", "telegram_gateway", DeliveryState::Delivered, "gw-9", "", world.clock.now()},
                          world.clock.now() + 1h);
    gateway.codeRetired("req-1");
    auto job = world.jobs.find("telegram_gateway:revoke:req-1");
    REQUIRE(job);
    REQUIRE(job.value());
    CHECK(job.value()->kind == "revoke");
    CHECK(job.value()->payload == "gw-9");

    world.http.reply(200, R"({"ok":true,"result":true})");
    CHECK(lane.run(*job.value()).outcome == RunOutcome::Done);
    REQUIRE(world.http.calls.size() == 1);
    CHECK(world.http.calls[0].url == "http://gateway.test/revokeVerificationMessage");
    CHECK(bodyOf(world.http.calls[0]) == Json{{"request_id", "gw-9"}});
}

TEST_CASE("twilio: one create call; refusals fail; 429 queues the sealed job", "[twilio][sms]") {
    World world;
    TwilioChannel twilio(world.settings().delivery.twilio, world.context);
    Lane lane = twilio.lane();
    world.dispatcher.addLane(lane);

    world.http.reply(201, R"({"sid":"SM00ff","status":"queued"})");
    const DeliveryResult sent = twilio.send(world.message());
    CHECK(sent.status == SendStatus::Sent);
    CHECK(sent.channel == contract::DeliveryChannel::Sms);
    CHECK(sent.upstreamId == "SM00ff");
    REQUIRE(world.http.calls.size() == 1);
    CHECK(world.http.calls[0].url == "http://twilio.test/2010-04-01/Accounts/AC1/Messages.json");
    CHECK(world.http.calls[0].body.find("123456") != std::string::npos);

    world.clock.advance(1s);
    world.http.reply(400, R"({"code":21610,"message":"Attempt to send to unsubscribed recipient"})");
    const DeliveryResult refused = twilio.send(world.message("req-2"));
    CHECK(refused.status == SendStatus::Failed);
    CHECK(refused.detail == "twilio error 21610 (HTTP 400)");

    world.clock.advance(1s);
    world.http.reply(429, R"({"code":20429})", {{"Retry-After", "5"}});
    const DeliveryResult limited = twilio.send(world.message("req-3"));
    CHECK(limited.status == SendStatus::Queued);
    auto job = world.jobs.find("twilio:send:req-3");
    REQUIRE(job);
    REQUIRE(job.value());
    CHECK(job.value()->payload.find("123456") == std::string::npos);
    CHECK(job.value()->payload.find("77011234567") == std::string::npos);
    CHECK(job.value()->deadline == world.message().expiresAt());

    SECTION("the queued job ends in a recorded status, metric and audit entry") {
        world.http.reply(201, R"({"sid":"SM01","status":"queued"})");
        const RunResult done = lane.run(*job.value());
        CHECK(done.outcome == RunOutcome::Done);
        lane.onFinished(*job.value(), done);
        const auto status = world.status("req-3");
        REQUIRE(status);
        CHECK(status->state == DeliveryState::Sent);
        CHECK(status->upstreamId == "SM01");
        CHECK(world.metrics.counter("sesame_delivery_total", "", {"channel", "status"}).value({"twilio", "sent"}) == 1);
        REQUIRE(world.audit.entries().size() == 1);
        CHECK(world.audit.entries()[0].event == store::AuditEvent::CodeDelivery);
        CHECK(world.audit.entries()[0].detail == "twilio sent");
        CHECK(world.audit.entries()[0].requestId == "req-3");
    }
    SECTION("a job that failed for good is recorded as failed") {
        lane.onFinished(*job.value(), RunResult{RunOutcome::Permanent, {}, {}, "twilio error 21211 (HTTP 400)"});
        const auto status = world.status("req-3");
        REQUIRE(status);
        CHECK(status->state == DeliveryState::Failed);
        CHECK(status->detail == "twilio error 21211 (HTTP 400)");
    }
    SECTION("a payload that cannot be opened fails for good") {
        Job tampered = *job.value();
        tampered.payload[5] = tampered.payload[5] == 'A' ? 'B' : 'A';
        CHECK(lane.run(tampered).outcome == RunOutcome::Permanent);
        tampered.kind = "unknown";
        CHECK(lane.run(tampered).outcome == RunOutcome::Permanent);
    }
}

TEST_CASE("msg91: SendOTP with our code; type:error fails", "[msg91][sms]") {
    World world;
    Msg91Channel msg91(world.settings().delivery.msg91, world.context);
    world.dispatcher.addLane(msg91.lane());
    world.http.reply(200, R"({"request_id":"m-1","type":"success"})");
    const DeliveryResult sent = msg91.send(world.message());
    CHECK(sent.status == SendStatus::Sent);
    CHECK(sent.upstreamId == "m-1");
    REQUIRE(world.http.calls.size() == 1);
    CHECK(world.http.calls[0].url.find("mobile=77011234567&otp=123456") != std::string::npos);

    world.clock.advance(1s);
    world.http.reply(200, R"({"type":"error","message":"Mobile no. is blocked"})");
    CHECK(msg91.send(world.message("req-2")).status == SendStatus::Failed);
}

TEST_CASE("sealed code messages round-trip and refuse tampering", "[sms]") {
    World world;
    CodeMessage message = world.message();
    message.locale = "ru-KZ";
    message.requested = Asked::Sms;
    auto opened = openCodeMessage(world.sealer, sealCodeMessage(world.sealer, message));
    REQUIRE(opened);
    CHECK(opened->phone == message.phone);
    CHECK(opened->code == message.code);
    CHECK(opened->locale == "ru-KZ");
    CHECK(opened->requestId == "req-1");
    CHECK(opened->requested == Asked::Sms);
    CHECK(opened->lifetime == 300s);
    CHECK(opened->at == message.at);
    CHECK_FALSE(openCodeMessage(world.sealer, ""));
    CHECK_FALSE(openCodeMessage(world.sealer, "not sealed"));
    CHECK_FALSE(openCodeMessage(world.sealer, world.sealer.seal("[]")));
    CHECK_FALSE(openCodeMessage(world.sealer, world.sealer.seal(R"({"phone":1})")));
}

namespace {

http::Request post(std::string path, std::string body, std::vector<std::pair<std::string, std::string>> headers) {
    http::Request request;
    request.method = http::Method::Post;
    request.path = std::move(path);
    request.body = std::move(body);
    request.headers = std::move(headers);
    return request;
}

std::string timestampOf(const FakeClock& clock) {
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count());
}

}  // namespace

TEST_CASE("gateway reports: only signed, fresh reports change a status", "[gateway][signature][sms]") {
    World world;
    const Settings settings = world.settings();
    http::Router router;
    api::registerDeliveryCallbackRoutes(router, settings, world.context);
    world.statuses.record({"req-1", "telegram_gateway", DeliveryState::Sent, "gw-1", "", world.clock.now()},
                          world.clock.now() + 1h);
    const std::string body = R"({"request_id":"gw-1","payload":"req-1","delivery_status":{"status":"delivered"}})";
    const std::string stamp = timestampOf(world.clock);
    const std::string good = gatewaySignature("gw-token", stamp, body);
    const auto handle = [&](http::Request request) { return router.handle(request).response.status; };
    const auto path = "/v1/delivery/telegram-gateway";

    CHECK(handle(post(path, body, {})) == 403);
    CHECK(handle(post(path, body, {{"x-request-timestamp", stamp}})) == 403);
    CHECK(handle(post(path, body, {{"x-request-timestamp", stamp}, {"x-request-signature", std::string(64, '0')}})) ==
          403);
    CHECK(handle(post(path, body + "\n", {{"x-request-timestamp", stamp}, {"x-request-signature", good}})) == 403);
    world.clock.advance(10min);
    CHECK(handle(post(path, body, {{"x-request-timestamp", stamp}, {"x-request-signature", good}})) == 403);
    CHECK(world.status("req-1")->state == DeliveryState::Sent);

    const std::string fresh = timestampOf(world.clock);
    CHECK(handle(post(path, body,
                      {{"x-request-timestamp", fresh},
                       {"x-request-signature", gatewaySignature("gw-token", fresh, body)}})) == 200);
    CHECK(world.status("req-1")->state == DeliveryState::Delivered);

    SECTION("a late 'sent' does not undo 'delivered'; unknown messages are acknowledged") {
        const std::string late = R"({"request_id":"gw-1","delivery_status":{"status":"sent"}})";
        CHECK(handle(post(path, late,
                          {{"x-request-timestamp", fresh},
                           {"x-request-signature", gatewaySignature("gw-token", fresh, late)}})) == 200);
        CHECK(world.status("req-1")->state == DeliveryState::Delivered);
        const std::string unknown =
            R"({"request_id":"gw-404","payload":"req-1","delivery_status":{"status":"expired"}})";
        CHECK(handle(post(path, unknown,
                          {{"x-request-timestamp", fresh},
                           {"x-request-signature", gatewaySignature("gw-token", fresh, unknown)}})) == 200);
        CHECK(world.status("req-1")->state == DeliveryState::Delivered);
    }
    SECTION("a signed body that is not a report is a bad request") {
        const std::string junk = "[1,2,3]";
        CHECK(handle(post(path, junk,
                          {{"x-request-timestamp", fresh},
                           {"x-request-signature", gatewaySignature("gw-token", fresh, junk)}})) == 400);
    }
}

TEST_CASE("twilio status callbacks: X-Twilio-Signature over the configured URL", "[twilio][signature][sms]") {
    World world;
    const Settings settings = world.settings();
    http::Router router;
    api::registerDeliveryCallbackRoutes(router, settings, world.context);
    world.statuses.record({"req-1", "twilio", DeliveryState::Sent, "SM1", "", world.clock.now()},
                          world.clock.now() + 1h);
    const FormFields fields{{"MessageSid", "SM1"},
                            {"MessageStatus", "undelivered"},
                            {"ErrorCode", "30003"},
                            {"AccountSid", "AC1"},
                            {"To", "+77011234567"}};
    const std::string body = formEncode(fields);
    const std::string url = settings.delivery.twilio.statusCallbackUrl;
    const auto handle = [&](http::Request request) { return router.handle(request).response.status; };
    const auto path = "/v1/delivery/twilio/status";

    CHECK(handle(post(path, body, {})) == 403);
    CHECK(handle(post(path, body, {{"x-twilio-signature", twilioSignature("other", url, fields)}})) == 403);
    CHECK(handle(post(path, body, {{"x-twilio-signature", twilioSignature("twilio-token", url + "x", fields)}})) ==
          403);
    CHECK(handle(post(path, body + "&Extra=1",
                      {{"x-twilio-signature", twilioSignature("twilio-token", url, fields)}})) == 403);
    CHECK(handle(post(path, "%zz", {{"x-twilio-signature", "x"}})) == 403);
    CHECK(world.status("req-1")->state == DeliveryState::Sent);

    CHECK(handle(post(path, body, {{"x-twilio-signature", twilioSignature("twilio-token", url, fields)}})) == 204);
    const auto status = world.status("req-1");
    CHECK(status->state == DeliveryState::Failed);
    CHECK(status->detail == "twilio undelivered 30003");
}
