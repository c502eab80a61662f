#include "delivery/telegram_gateway/gateway_api.h"
#include "delivery/telegram_gateway/gateway_report.h"

#include "upstream_replies.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>

using namespace sesame;
using namespace sesame::server;
using namespace sesame::server::delivery;
using sesame::server::testing::noReply;
using sesame::server::testing::reply;
using namespace std::chrono_literals;
using Json = nlohmann::json;

namespace {

TelegramGatewaySettings gatewaySettings() {
    TelegramGatewaySettings settings;
    settings.token = "gw-token";
    settings.apiUrl = "https://gateway.example/";
    return settings;
}

const std::chrono::system_clock::time_point kNow{1717200000s};

}  // namespace

TEST_CASE("gateway calls: POST <api>/<method>, Bearer token, JSON body", "[gateway]") {
    const HttpCall call = gatewayCall(gatewaySettings(), "checkSendAbility", {{"phone_number", "+77011234567"}});
    CHECK(call.method == "POST");
    CHECK(call.url == "https://gateway.example/checkSendAbility");
    CHECK(call.headers == HttpHeaders{{"Authorization", "Bearer gw-token"}, {"Content-Type", "application/json"}});
    CHECK(Json::parse(call.body) == Json{{"phone_number", "+77011234567"}});
}

TEST_CASE("sendVerificationMessage carries our code, the ttl, our request id and the callback", "[gateway]") {
    TelegramGatewaySettings settings = gatewaySettings();
    GatewayVerification message{"+77011234567", "123456", 300s, "req-1", "ability-1"};
    Json params = verificationParams(settings, message);
    CHECK(params == Json{{"phone_number", "+77011234567"},
                         {"code", "123456"},
                         {"ttl", 300},
                         {"payload", "req-1"},
                         {"request_id", "ability-1"}});

    settings.callbackUrl = "https://sesame.example/v1/delivery/telegram-gateway";
    message.abilityRequestId.clear();
    params = verificationParams(settings, message);
    CHECK(params.at("callback_url") == settings.callbackUrl);
    CHECK_FALSE(params.contains("request_id"));

    SECTION("the ttl stays in the Gateway's 30..3600 range") {
        message.lifetime = 0s;
        CHECK(verificationParams(settings, message).at("ttl") == 30);
        message.lifetime = 86400s;
        CHECK(verificationParams(settings, message).at("ttl") == 3600);
    }
}

TEST_CASE("gateway answers map to dispatcher outcomes", "[gateway]") {
    SECTION("ok:true is Done with the request_id") {
        const GatewayAnswer answer =
            readGatewayAnswer(reply(200, R"({"ok":true,"result":{"request_id":"r1","request_cost":0.01}})"));
        CHECK(answer.run.outcome == RunOutcome::Done);
        CHECK(answer.run.upstreamId == "r1");
        CHECK(answer.result.at("request_cost") == 0.01);
    }
    SECTION("ok:true with result true (revoke) is Done without an id") {
        const GatewayAnswer answer = readGatewayAnswer(reply(200, R"({"ok":true,"result":true})"));
        CHECK(answer.run.outcome == RunOutcome::Done);
        CHECK(answer.run.upstreamId.empty());
    }
    SECTION("a refusal is Permanent and names the error") {
        const GatewayAnswer answer =
            readGatewayAnswer(reply(200, R"({"ok":false,"error":"PHONE_NUMBER_NOT_AVAILABLE"})"));
        CHECK(answer.run.outcome == RunOutcome::Permanent);
        CHECK(answer.run.detail.find("PHONE_NUMBER_NOT_AVAILABLE") != std::string::npos);
        CHECK(readGatewayAnswer(reply(400, R"({"ok":false,"error":"ACCESS_TOKEN_INVALID"})")).run.outcome ==
              RunOutcome::Permanent);
    }
    SECTION("a hostile error name is not copied into the detail") {
        const GatewayAnswer answer =
            readGatewayAnswer(reply(200, R"({"ok":false,"error":"+77011234567\n\u0000 секрет"})"));
        CHECK(answer.run.outcome == RunOutcome::Permanent);
        CHECK(answer.run.detail.find("77011234567") == std::string::npos);
        CHECK(answer.run.detail.find("UNKNOWN_ERROR") != std::string::npos);
        CHECK(readGatewayAnswer(reply(200, R"({"ok":false,"error":)" + Json(std::string(5000, 'A')).dump() + "}"))
                  .run.detail.size() < 200);
    }
    SECTION("429 pauses for Retry-After; 5xx and no answer are Transient") {
        const GatewayAnswer limited = readGatewayAnswer(reply(429, R"({"ok":false})", {{"Retry-After", "7"}}));
        CHECK(limited.run.outcome == RunOutcome::RetryAfter);
        CHECK(limited.run.retryAfter == 7s);
        CHECK(readGatewayAnswer(reply(429, "", {{"Retry-After", "soon"}})).run.retryAfter == 1s);
        CHECK(readGatewayAnswer(reply(429, "", {{"Retry-After", "99999999"}})).run.retryAfter == 3600s);
        CHECK(readGatewayAnswer(reply(502, "<html>")).run.outcome == RunOutcome::Transient);
        CHECK(readGatewayAnswer(noReply()).run.outcome == RunOutcome::Transient);
    }
    SECTION("bodies that are not the documented shape are Transient, never a success") {
        for (const char* body : {"", "not json", "[]", R"({"ok":"true"})", R"({"result":{}})", "null"}) {
            CAPTURE(body);
            CHECK(readGatewayAnswer(reply(200, body)).run.outcome == RunOutcome::Transient);
        }
        const GatewayAnswer odd = readGatewayAnswer(reply(200, R"({"ok":true,"result":{"request_id":42}})"));
        CHECK(odd.run.outcome == RunOutcome::Done);
        CHECK(odd.run.upstreamId.empty());
    }
}

TEST_CASE("gateway report signatures are checked as Telegram documents", "[gateway][signature]") {
    const std::string body = R"({"request_id":"abc"})";
    // Computed independently with Node's crypto: hex(HMAC-SHA256(SHA256("gw-token"), "1717200000\n" + body)).
    const std::string good = "28ff3ea52ba5c7c0fa5853409e444e8d549f24501e27d4ef38ef1c6f1f0daa6d";
    CHECK(gatewaySignature("gw-token", "1717200000", body) == good);
    CHECK(checkGatewaySignature("gw-token", "1717200000", good, body, kNow) == SignatureCheck::Valid);

    SECTION("upper-case hex is the same signature") {
        std::string upper = good;
        for (char& c : upper) {
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        CHECK(checkGatewaySignature("gw-token", "1717200000", upper, body, kNow) == SignatureCheck::Valid);
    }
    SECTION("missing headers") {
        CHECK(checkGatewaySignature("gw-token", std::nullopt, good, body, kNow) == SignatureCheck::Missing);
        CHECK(checkGatewaySignature("gw-token", "1717200000", std::nullopt, body, kNow) == SignatureCheck::Missing);
        CHECK(checkGatewaySignature("gw-token", "", "", body, kNow) == SignatureCheck::Missing);
    }
    SECTION("a wrong key, a tampered body or another timestamp do not match") {
        CHECK(checkGatewaySignature("other-token", "1717200000", good, body, kNow) == SignatureCheck::Mismatch);
        CHECK(checkGatewaySignature("gw-token", "1717200000", good, R"({"request_id":"abd"})", kNow) ==
              SignatureCheck::Mismatch);
        CHECK(checkGatewaySignature("gw-token", "1717200000", good, body + " ", kNow) == SignatureCheck::Mismatch);
        CHECK(checkGatewaySignature("gw-token", "1717200001", good, body, kNow) == SignatureCheck::Mismatch);
    }
    SECTION("stale or future timestamps are refused even when signed") {
        const std::string old = "1717199000";  // 1000 s before now
        CHECK(checkGatewaySignature("gw-token", old, gatewaySignature("gw-token", old, body), body, kNow) ==
              SignatureCheck::Stale);
        const std::string future = "1717201000";
        CHECK(checkGatewaySignature("gw-token", future, gatewaySignature("gw-token", future, body), body, kNow) ==
              SignatureCheck::Stale);
        const std::string edge = "1717199700";  // exactly the window
        CHECK(checkGatewaySignature("gw-token", edge, gatewaySignature("gw-token", edge, body), body, kNow) ==
              SignatureCheck::Valid);
    }
    SECTION("hostile header values are malformed") {
        for (const std::string_view timestamp :
             {"-1717200000", "1717200000.5", " 1717200000", "1e9", "99999999999999999999", "１７１７２０００００"}) {
            CAPTURE(timestamp);
            CHECK(checkGatewaySignature("gw-token", std::string(timestamp), good, body, kNow) ==
                  SignatureCheck::Malformed);
        }
        for (const std::string& signature :
             {good.substr(1), good + "0", std::string(64, 'g'), good.substr(0, 63) + "\n", std::string(100000, 'a')}) {
            CHECK(checkGatewaySignature("gw-token", "1717200000", signature, body, kNow) == SignatureCheck::Malformed);
        }
    }
}

TEST_CASE("gateway reports are parsed strictly", "[gateway]") {
    auto report =
        parseGatewayReport(R"({"request_id":"r1","phone_number":"+77011234567","request_cost":0.01,"payload":"req-1",)"
                           R"("delivery_status":{"status":"delivered","updated_at":1717200000}})");
    REQUIRE(report);
    CHECK(report->upstreamId == "r1");
    CHECK(report->payload == "req-1");
    CHECK(report->status == "delivered");

    for (const char* body :
         {"", "[]", "{}", R"({"request_id":"r1"})", R"({"request_id":7,"delivery_status":{"status":"sent"}})",
          R"({"request_id":"r1","delivery_status":"sent"})", "{\"request_id\":\"r1\""}) {
        CAPTURE(body);
        CHECK_FALSE(parseGatewayReport(body));
    }
    CHECK_FALSE(parseGatewayReport(
        Json{{"request_id", std::string(1000, 'x')}, {"delivery_status", {{"status", "sent"}}}}.dump()));

    CHECK(stateOfGatewayStatus("sent") == DeliveryState::Sent);
    CHECK(stateOfGatewayStatus("delivered") == DeliveryState::Delivered);
    CHECK(stateOfGatewayStatus("read") == DeliveryState::Delivered);
    CHECK(stateOfGatewayStatus("expired") == DeliveryState::Failed);
    CHECK(stateOfGatewayStatus("revoked") == std::nullopt);
    CHECK(stateOfGatewayStatus("DELIVERED") == std::nullopt);
}
