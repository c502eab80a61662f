#include "domain_fixture.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <latch>
#include <thread>

using namespace sesame::server;
using namespace sesame::server::testing;
using namespace std::chrono_literals;
using sesame::contract::ErrorCode;

namespace {

ErrorCode codeOf(const sesame::contract::Problem& problem) { return problem.code; }

std::int64_t extension(const sesame::contract::Problem& problem, const char* name) {
    return problem.extensions.at(name).get<std::int64_t>();
}

std::size_t countEvents(const DomainFixture& f, store::AuditEvent event) {
    std::size_t n = 0;
    for (const auto& entry : f.audit.entries()) {
        n += entry.event == event ? 1 : 0;
    }
    return n;
}

}  // namespace

TEST_CASE("a code request is answered, delivered to the outbox and verifies once", "[otp]") {
    DomainFixture f;
    const auto answer = f.request("8 (700) 123-45-67", "203.0.113.7");
    REQUIRE_FALSE(answer);  // national form without a region
    CHECK(codeOf(answer.error()) == ErrorCode::InvalidPhone);
    CHECK(answer.error().extensions["reason"] == "missing_region");

    sesame::contract::OtpRequest body;
    body.phone = "8 (700) 123-45-67";
    body.region = "KZ";
    body.locale = "ru";
    const auto sent = f.otp->request(body, DomainFixture::client());
    REQUIRE(sent);
    CHECK(sent->phone == kPhone);
    CHECK(sent->channel == sesame::contract::DeliveryChannel::Sms);
    CHECK(sent->expiresIn == 300);
    CHECK(sent->resendIn == 60);
    CHECK(sent->codeLength == 6);
    const auto messages = f.outbox.messagesFor(kPhone);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].code.size() == 6);
    CHECK(messages[0].text.find(messages[0].code) != std::string::npos);
    CHECK(messages[0].text.find("Ваш код") != std::string::npos);

    const auto session = f.verify(messages[0].code);
    REQUIRE(session);
    CHECK(session->isNewUser);
    CHECK(session->user.phone == kPhone);
    CHECK(session->shop.currency == "KZT");
    CHECK(codeOf(f.verify(messages[0].code).error()) == ErrorCode::NoPendingCode);  // single use

    CHECK(f.metrics.counter("sesame_otp_codes_requested_total", "").value({"auto", "sent"}) == 1);
    CHECK(f.metrics.counter("sesame_otp_verifications_total", "").value({"success"}) == 1);
    CHECK(countEvents(f, store::AuditEvent::CodeRequested) == 1);
    CHECK(countEvents(f, store::AuditEvent::CodeVerified) == 1);
}

TEST_CASE("the second login of a phone finds the same user", "[otp]") {
    DomainFixture f([](Settings& s) { s.otp.resendCooldown = 0s; });
    const auto first = f.signIn();
    const auto second = f.signIn();
    CHECK_FALSE(second.isNewUser);
    CHECK(second.user.id == first.user.id);
    CHECK(second.shop.id == first.shop.id);
    CHECK(second.sessionId != first.sessionId);
}

TEST_CASE("the resend cooldown refuses early requests and a later request replaces the code", "[otp]") {
    DomainFixture f;
    REQUIRE(f.request());
    const std::string firstCode = f.lastCode();
    f.clock.advance(59s);
    const auto early = f.request();
    REQUIRE_FALSE(early);
    CHECK(codeOf(early.error()) == ErrorCode::ResendTooSoon);
    CHECK(extension(early.error(), "retry_after") == 1);
    CHECK(f.outbox.messagesFor(kPhone).size() == 1);

    f.clock.advance(1s);
    REQUIRE(f.request());
    const std::string secondCode = f.lastCode();
    if (secondCode != firstCode) {  // one chance in a million they are equal
        CHECK(codeOf(f.verify(firstCode).error()) == ErrorCode::InvalidCode);
    }
    CHECK(f.verify(secondCode));
    CHECK(f.metrics.counter("sesame_rate_limit_hits_total", "").value({"resend_cooldown"}) == 1);
}

TEST_CASE("a refused cooldown does not use up the hourly limit", "[otp]") {
    DomainFixture f([](Settings& s) { s.otp.perPhonePerHour = 2; });
    REQUIRE(f.request());
    for (int i = 0; i < 5; ++i) {
        CHECK(codeOf(f.request().error()) == ErrorCode::ResendTooSoon);
    }
    f.clock.advance(60s);
    CHECK(f.request());
}

TEST_CASE("the per-phone hourly limit", "[otp]") {
    DomainFixture f([](Settings& s) {
        s.otp.resendCooldown = 0s;
        s.otp.perPhonePerHour = 3;
    });
    for (int i = 0; i < 3; ++i) {
        REQUIRE(f.request(kPhone, "198.51.100." + std::to_string(i)));
    }
    f.clock.advance(10s);
    const auto refused = f.request(kPhone, "198.51.100.99");
    REQUIRE_FALSE(refused);
    CHECK(codeOf(refused.error()) == ErrorCode::RateLimited);
    CHECK(extension(refused.error(), "retry_after") == 3590);
    CHECK(f.request(kOtherPhone));  // other phones are not affected
    CHECK(f.metrics.counter("sesame_rate_limit_hits_total", "").value({"phone"}) == 1);
    f.clock.advance(3590s);
    CHECK(f.request(kPhone, "198.51.100.99"));
}

TEST_CASE("the per-IP hourly limit, and no phone slot is used when the IP is refused", "[otp]") {
    DomainFixture f([](Settings& s) {
        s.otp.perIpPerHour = 2;
        s.otp.perPhonePerHour = 1;
    });
    REQUIRE(f.request("+77001111111", "192.0.2.1"));
    REQUIRE(f.request("+77002222222", "192.0.2.1"));
    const auto refused = f.request("+77003333333", "192.0.2.1");
    REQUIRE_FALSE(refused);
    CHECK(codeOf(refused.error()) == ErrorCode::RateLimited);
    CHECK(f.metrics.counter("sesame_rate_limit_hits_total", "").value({"ip"}) == 1);
    CHECK(f.request("+77003333333", "192.0.2.2"));  // its one per-phone slot was not taken
}

TEST_CASE("when every channel fails nothing is stored and the slots are given back", "[otp]") {
    FailingChannel failing;
    FailingChannel alsoFailing;
    DomainFixture f([](Settings& s) {
        s.otp.perPhonePerHour = 1;
        s.otp.perIpPerHour = 1;
        s.otp.resendCooldown = 0s;
    }, {&failing, &alsoFailing});
    for (int i = 0; i < 3; ++i) {
        const auto answer = f.request();
        REQUIRE_FALSE(answer);
        CHECK(codeOf(answer.error()) == ErrorCode::DeliveryUnavailable);
    }
    CHECK(failing.attempts == 3);
    CHECK(alsoFailing.attempts == 3);
    CHECK(f.codes.size() == 0);  // nothing stored
    CHECK(codeOf(f.verify("000000").error()) == ErrorCode::NoPendingCode);
    CHECK(f.metrics.counter("sesame_otp_codes_requested_total", "").value({"auto", "delivery_unavailable"}) == 3);
    CHECK(f.metrics.counter("sesame_otp_delivery_attempts_total", "").value({"failing", "failed"}) == 6);
}

TEST_CASE("a failed delivery restores the previous code exactly", "[otp]") {
    FailingChannel failing;
    DomainFixture f([](Settings& s) { s.otp.resendCooldown = 0s; });
    REQUIRE(f.request());
    const std::string code = f.lastCode();
    CHECK(codeOf(f.verify(DomainFixture::wrongCode(code)).error()) == ErrorCode::InvalidCode);

    // The same stores behind a service whose only channel fails.
    const sesame::server::delivery::ChannelPolicy onlyFailing({&failing}, f.settings.delivery);
    OtpService broken(f.settings.otp, kPepper, f.codes, *f.limiter, onlyFailing, f.statuses, *f.sessions, f.audit,
                      *f.authMetrics, f.clock);
    sesame::contract::OtpRequest body;
    body.phone = kPhone;
    CHECK(codeOf(broken.request(body, DomainFixture::client()).error()) == ErrorCode::DeliveryUnavailable);

    const auto wrongAgain = f.verify(DomainFixture::wrongCode(code));
    CHECK(extension(wrongAgain.error(), "attempts_left") == 1);  // the attempt used before is still used
    CHECK(f.verify(code));
}

TEST_CASE("the later channel delivers when the first one fails", "[otp]") {
    FailingChannel failing;
    DomainFixture f({}, {&failing, nullptr});
    REQUIRE(f.request());
    CHECK(failing.attempts == 1);
    CHECK(f.outbox.messagesFor(kPhone).size() == 1);
}

TEST_CASE("wrong codes count down and the last one kills the code", "[otp]") {
    DomainFixture f;
    REQUIRE(f.request());
    const std::string code = f.lastCode();
    const std::string wrong = DomainFixture::wrongCode(code);
    auto first = f.verify(wrong);
    CHECK(codeOf(first.error()) == ErrorCode::InvalidCode);
    CHECK(extension(first.error(), "attempts_left") == 2);
    CHECK(extension(f.verify(wrong).error(), "attempts_left") == 1);
    f.clock.advance(20s);
    const auto locked = f.verify(wrong);
    CHECK(codeOf(locked.error()) == ErrorCode::TooManyAttempts);
    CHECK(extension(locked.error(), "retry_after") == 40);  // when a new code may be asked for
    CHECK(codeOf(f.verify(code).error()) == ErrorCode::TooManyAttempts);
    CHECK(countEvents(f, store::AuditEvent::CodeLocked) == 1);
    CHECK(countEvents(f, store::AuditEvent::CodeFailed) == 3);

    f.clock.advance(40s);
    REQUIRE(f.request());  // a new code starts with fresh attempts
    CHECK(f.verify(f.lastCode()));
}

TEST_CASE("expiry: a 0 s lifetime is expired at once, and expiry is exact", "[otp]") {
    SECTION("0 s lifetime") {
        DomainFixture f([](Settings& s) { s.otp.codeLifetime = 0s; });
        const auto answer = f.request();
        REQUIRE(answer);
        CHECK(answer->expiresIn == 0);
        CHECK(codeOf(f.verify(f.lastCode()).error()) == ErrorCode::CodeExpired);
    }
    SECTION("300 s lifetime") {
        DomainFixture f;
        REQUIRE(f.request());
        f.clock.advance(300s);
        CHECK(codeOf(f.verify(f.lastCode()).error()) == ErrorCode::CodeExpired);
        f.clock.advance(15min);
        CHECK(codeOf(f.verify(f.lastCode()).error()) == ErrorCode::NoPendingCode);
    }
    SECTION("one second before expiry") {
        DomainFixture f;
        REQUIRE(f.request());
        f.clock.advance(299s);
        CHECK(f.verify(f.lastCode()));
    }
}

TEST_CASE("test numbers get their fixed code, are never delivered, and are still limited", "[otp]") {
    DomainFixture f([](Settings& s) { s.otp.perPhonePerHour = 2; });
    const auto answer = f.request("+77000000001");
    REQUIRE(answer);
    CHECK(answer->codeLength == 6);
    CHECK(f.outbox.messagesFor("+77000000001").empty());
    CHECK(f.metrics.counter("sesame_otp_codes_requested_total", "").value({"auto", "test_number"}) == 1);
    CHECK(codeOf(f.request("+77000000001").error()) == ErrorCode::ResendTooSoon);
    f.clock.advance(60s);
    REQUIRE(f.request("+77000000001"));
    f.clock.advance(60s);
    CHECK(codeOf(f.request("+77000000001").error()) == ErrorCode::RateLimited);
    CHECK(codeOf(f.verify("654321", "+77000000001").error()) == ErrorCode::InvalidCode);
    CHECK(f.verify("123456", "+77000000001"));
}

TEST_CASE("the answer is the same for known and unknown phones", "[otp]") {
    DomainFixture f;
    f.signIn(kPhone);
    f.clock.advance(60s);
    const auto known = f.request(kPhone);
    const auto unknown = f.request(kOtherPhone);
    REQUIRE(known);
    REQUIRE(unknown);
    CHECK(known->channel == unknown->channel);
    CHECK(known->expiresIn == unknown->expiresIn);
    CHECK(known->resendIn == unknown->resendIn);
    CHECK(known->codeLength == unknown->codeLength);
    CHECK_FALSE(known->linkUrl);
    CHECK(known->requestId != unknown->requestId);
}

TEST_CASE("verify with no code, and with hostile phones", "[otp]") {
    DomainFixture f;
    CHECK(codeOf(f.verify("123456").error()) == ErrorCode::NoPendingCode);
    for (const std::string& phone : std::vector<std::string>{"", "+", "abc", "+7700123456789012345", "+7\n7001234567", std::string(1000, '7'),
                                    "+٧٧٠٠١٢٣٤٥٦٧"}) {
        CHECK(codeOf(f.verify("123456", phone).error()) == ErrorCode::InvalidPhone);
        CHECK(codeOf(f.request(phone).error()) == ErrorCode::InvalidPhone);
    }
}

TEST_CASE("the accounts store down while verifying: 503 and the code is not consumed", "[otp]") {
    DomainFixture f;
    REQUIRE(f.request());
    const std::string code = f.lastCode();
    f.accounts.down = true;
    const auto failed = f.verify(code);
    CHECK(codeOf(failed.error()) == ErrorCode::ServiceUnavailable);
    f.accounts.down = false;
    const auto session = f.verify(code);
    REQUIRE(session);
    CHECK(session->isNewUser);
    CHECK(f.metrics.counter("sesame_otp_verifications_total", "").value({"service_unavailable"}) == 1);
}

TEST_CASE("50 concurrent verifies of one code: exactly one session", "[otp][concurrency]") {
    DomainFixture f;
    REQUIRE(f.request());
    const std::string code = f.lastCode();
    std::atomic<int> successes{0};
    std::atomic<int> noPending{0};
    std::latch start(50);
    std::vector<std::thread> threads;
    for (int i = 0; i < 50; ++i) {
        threads.emplace_back([&] {
            start.arrive_and_wait();
            const auto result = f.verify(code);
            if (result) {
                ++successes;
            } else if (result.error().code == ErrorCode::NoPendingCode) {
                ++noPending;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(successes == 1);
    CHECK(noPending == 49);
    CHECK(countEvents(f, store::AuditEvent::CodeVerified) == 1);
}
