#include "delivery/sms/msg91_api.h"
#include "delivery/sms/twilio_api.h"
#include "delivery/sms/twilio_signature.h"

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

TwilioSettings twilioSettings() {
    TwilioSettings settings;
    settings.accountSid = "AC123";
    settings.authToken = "tok";
    settings.from = "+15005550006";
    settings.apiUrl = "http://127.0.0.1:9/";
    return settings;
}

FormFields decoded(const std::string& body) {
    auto fields = formDecode(body);
    REQUIRE(fields);
    return fields.value();
}

}  // namespace

TEST_CASE("twilio create: form-encoded To, From, Body, StatusCallback with basic auth", "[twilio]") {
    TwilioSettings settings = twilioSettings();
    HttpCall call = twilioCreateCall(settings, "+77011234567", "Your code: 123456 & more");
    CHECK(call.method == "POST");
    CHECK(call.url == "http://127.0.0.1:9/2010-04-01/Accounts/AC123/Messages.json");
    // base64("AC123:tok"), computed with Node.
    CHECK(call.headers.at(0) == std::pair<std::string, std::string>{"Authorization", "Basic QUMxMjM6dG9r"});
    CHECK(call.headers.at(1).second == "application/x-www-form-urlencoded");
    CHECK(decoded(call.body) ==
          FormFields{{"To", "+77011234567"}, {"From", "+15005550006"}, {"Body", "Your code: 123456 & more"}});

    settings.messagingServiceSid = "MG1";
    settings.statusCallbackUrl = "https://sesame.example/v1/delivery/twilio/status?x=1";
    call = twilioCreateCall(settings, "+77011234567", "Код");
    CHECK(decoded(call.body) == FormFields{{"To", "+77011234567"},
                                           {"MessagingServiceSid", "MG1"},
                                           {"Body", "Код"},
                                           {"StatusCallback", settings.statusCallbackUrl}});
}

TEST_CASE("twilio answers map to dispatcher outcomes", "[twilio]") {
    const RunResult created = readTwilioAnswer(reply(201, R"({"sid":"SM0123abcd","status":"queued"})"));
    CHECK(created.outcome == RunOutcome::Done);
    CHECK(created.upstreamId == "SM0123abcd");

    const RunResult invalid = readTwilioAnswer(reply(
        400, R"({"code":21211,"message":"The 'To' number +77011234567 is not a valid phone number.","status":400})"));
    CHECK(invalid.outcome == RunOutcome::Permanent);
    CHECK(invalid.detail == "twilio error 21211 (HTTP 400)");  // Twilio's message names the number: not copied
    CHECK(readTwilioAnswer(reply(400, R"({"code":21610})")).detail == "twilio error 21610 (HTTP 400)");
    CHECK(readTwilioAnswer(reply(401, R"({"code":20003})")).outcome == RunOutcome::Permanent);
    CHECK(readTwilioAnswer(reply(404, "not json")).detail == "twilio error unknown (HTTP 404)");

    const RunResult limited = readTwilioAnswer(reply(429, R"({"code":20429})", {{"retry-after", "3"}}));
    CHECK(limited.outcome == RunOutcome::RetryAfter);
    CHECK(limited.retryAfter == 3s);
    CHECK(readTwilioAnswer(reply(503, "")).outcome == RunOutcome::Transient);
    CHECK(readTwilioAnswer(noReply("reset")).outcome == RunOutcome::Transient);

    SECTION("a success without a plain sid is not trusted") {
        for (const char* body : {"", "{}", R"({"sid":42})", R"({"sid":"SM\n1"})", R"({"sid":""})"}) {
            CAPTURE(body);
            CHECK(readTwilioAnswer(reply(201, body)).outcome == RunOutcome::Transient);
        }
        CHECK(readTwilioAnswer(reply(201, Json{{"sid", std::string(500, 'a')}}.dump())).outcome ==
              RunOutcome::Transient);
    }
}

TEST_CASE("twilio signatures follow Twilio's documented example", "[twilio][signature]") {
    const std::string url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    const FormFields params{{"To", "+18005551212"},
                            {"Digits", "1234"},
                            {"From", "+12349013030"},
                            {"CallSid", "CA1234567890ABCDE"},
                            {"Caller", "+12349013030"}};
    const std::string expected = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";  // Twilio's docs; recomputed with Node
    CHECK(twilioSignature("12345", url, params) == expected);
    CHECK(twilioSignatureValid("12345", url, params, expected));

    SECTION("anything changed is refused") {
        CHECK_FALSE(twilioSignatureValid("12346", url, params, expected));
        CHECK_FALSE(twilioSignatureValid("12345", url + "&baz=3", params, expected));
        CHECK_FALSE(twilioSignatureValid("12345", "http://mycompany.com/myapp.php?foo=1&bar=2", params, expected));
        FormFields tampered = params;
        tampered[1].second = "1235";
        CHECK_FALSE(twilioSignatureValid("12345", url, tampered, expected));
        FormFields extra = params;
        extra.emplace_back("MessageStatus", "delivered");
        CHECK_FALSE(twilioSignatureValid("12345", url, extra, expected));
    }
    SECTION("missing or hostile headers are refused") {
        CHECK_FALSE(twilioSignatureValid("12345", url, params, std::nullopt));
        CHECK_FALSE(twilioSignatureValid("12345", url, params, std::string()));
        CHECK_FALSE(twilioSignatureValid("12345", url, params, expected.substr(0, 27)));
        CHECK_FALSE(twilioSignatureValid("12345", url, params, expected + "="));
        CHECK_FALSE(twilioSignatureValid("12345", url, params, std::string(100000, 'A')));
        CHECK_FALSE(twilioSignatureValid("12345", url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ\xC3\xA9"));
    }
    SECTION("statuses") {
        CHECK(stateOfTwilioStatus("sent") == DeliveryState::Sent);
        CHECK(stateOfTwilioStatus("delivered") == DeliveryState::Delivered);
        CHECK(stateOfTwilioStatus("undelivered") == DeliveryState::Failed);
        CHECK(stateOfTwilioStatus("failed") == DeliveryState::Failed);
        CHECK(stateOfTwilioStatus("queued") == std::nullopt);
        CHECK(stateOfTwilioStatus("") == std::nullopt);
    }
}

TEST_CASE("msg91 SendOTP: authkey header, template, mobile without +, our code", "[msg91]") {
    Msg91Settings settings;
    settings.authkey = "key-1";
    settings.templateId = "tmpl 1";
    settings.apiUrl = "https://control.msg91.com";
    HttpCall call = msg91OtpCall(settings, "+919812345678", "123456", 300s);
    CHECK(call.method == "POST");
    CHECK(call.url ==
          "https://control.msg91.com/api/v5/otp?template_id=tmpl+1&mobile=919812345678&otp=123456&otp_expiry=5");
    CHECK(call.headers.at(0) == std::pair<std::string, std::string>{"authkey", "key-1"});
    CHECK(call.body == "{}");
    CHECK(msg91OtpCall(settings, "+919812345678", "1", 0s).url.find("otp_expiry=1") != std::string::npos);
    CHECK(msg91OtpCall(settings, "+919812345678", "1", 61s).url.find("otp_expiry=2") != std::string::npos);
}

TEST_CASE("msg91 answers map to dispatcher outcomes", "[msg91]") {
    const RunResult sent = readMsg91Answer(reply(200, R"({"request_id":"3567","type":"success"})"));
    CHECK(sent.outcome == RunOutcome::Done);
    CHECK(sent.upstreamId == "3567");
    CHECK(readMsg91Answer(reply(200, R"({"type":"error","message":"Mobile no. is blocked"})")).outcome ==
          RunOutcome::Permanent);
    CHECK(readMsg91Answer(reply(401, R"({"type":"error","message":"Invalid Authentication Key"})")).outcome ==
          RunOutcome::Permanent);
    CHECK(readMsg91Answer(reply(429, "")).outcome == RunOutcome::RetryAfter);
    CHECK(readMsg91Answer(reply(500, "")).outcome == RunOutcome::Transient);
    CHECK(readMsg91Answer(noReply("timed out")).outcome == RunOutcome::Transient);
    for (const char* body : {"", "[]", R"({"type":1})", R"({"type":"SUCCESS"})"}) {
        CAPTURE(body);
        CHECK(readMsg91Answer(reply(200, body)).outcome == RunOutcome::Transient);
    }
}
