// The OtpStore contract (store/otp_store.h), run against every backend: the
// memory twin and Redis must be indistinguishable to the services.

#include "run_together.h"
#include "store_backends.h"

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace sesame::server::store;
using sesame::server::testing::MemoryStores;
using sesame::server::testing::ok;
using sesame::server::testing::RedisStores;
using namespace std::chrono_literals;

using sesame::server::testing::runTogether;

namespace {

const TimePoint kT0{std::chrono::seconds(1717200000)};  // 2024-06-01: Redis's own clock is later
const std::string kPhone = "+77001234567";

OtpRecord record(const std::string& requestId, const std::string& hash, TimePoint at = kT0,
                 const std::string& phone = kPhone) {
    OtpRecord r;
    r.phone = phone;
    r.requestId = requestId;
    r.codeHash = hash;
    r.createdAt = at;
    r.expiresAt = at + 300s;
    r.resendAt = at + 60s;
    r.purgeAt = at + 1200s;
    r.attemptsLeft = 3;
    return r;
}

OtpStored stored(StoreResult<OtpPutOutcome> outcome) {
    const auto value = ok(std::move(outcome));
    REQUIRE(std::holds_alternative<OtpStored>(value));
    return std::get<OtpStored>(value);
}

std::chrono::seconds coolingDown(StoreResult<OtpPutOutcome> outcome) {
    const auto value = ok(std::move(outcome));
    REQUIRE(std::holds_alternative<OtpCoolingDown>(value));
    return std::get<OtpCoolingDown>(value).retryAfter;
}

OtpClaimStatus claimStatus(OtpStore& store, const std::string& hash, TimePoint at,
                           const std::string& phone = kPhone) {
    return ok(store.claim(phone, hash, at)).status;
}

}  // namespace

TEMPLATE_TEST_CASE("OtpStore.put stores, keeps the cooldown and hands back what it replaced",
                   "[store][otp]", MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.otpStore();
    CHECK_FALSE(stored(store->put(record("r1", "hash-1"), kT0)).previous);

    CHECK(coolingDown(store->put(record("r2", "hash-2", kT0 + 59s), kT0 + 59s)) == 1s);
    CHECK(claimStatus(*store, "hash-1", kT0 + 59s) == OtpClaimStatus::Claimed);  // r1 untouched, now claimed

    const auto replaced = stored(store->put(record("r2", "hash-2", kT0 + 60s), kT0 + 60s)).previous;
    REQUIRE(replaced);
    OtpRecord expected = record("r1", "hash-1");
    expected.claimed = true;
    CHECK(*replaced == expected);
    CHECK(claimStatus(*store, "hash-1", kT0 + 61s) == OtpClaimStatus::WrongCode);  // the old code stopped working
    CHECK(claimStatus(*store, "hash-2", kT0 + 61s) == OtpClaimStatus::Claimed);
}

TEMPLATE_TEST_CASE("OtpStore.put rounds the remaining cooldown up and ends it exactly at resendAt",
                   "[store][otp]", MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.otpStore();
    REQUIRE(ok(store->put(record("r1", "h"), kT0)).index() == 0);
    CHECK(coolingDown(store->put(record("r2", "h"), kT0)) == 60s);
    CHECK(coolingDown(store->put(record("r2", "h"), kT0 + 500ms)) == 60s);
    CHECK(coolingDown(store->put(record("r2", "h"), kT0 + 59s + 1ns)) == 1s);
    CHECK(coolingDown(store->put(record("r2", "h"), kT0 + 60s - 1ns)) == 1s);
    CHECK(stored(store->put(record("r2", "h"), kT0 + 60s)).previous->requestId == "r1");
}

TEMPLATE_TEST_CASE("OtpStore.restore undoes a put only while it is the current record",
                   "[store][otp]", MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.otpStore();
    REQUIRE(store->put(record("r1", "hash-1"), kT0));
    const auto previous = stored(store->put(record("r2", "hash-2", kT0 + 60s), kT0 + 60s)).previous;
    REQUIRE(previous);

    REQUIRE(store->restore(kPhone, "other", previous, kT0 + 60s));  // not the current record: no-op
    CHECK(claimStatus(*store, "hash-2", kT0 + 61s) == OtpClaimStatus::Claimed);
    REQUIRE(store->release(kPhone, "r2"));

    REQUIRE(store->restore(kPhone, "r2", previous, kT0 + 60s));
    const auto back = ok(store->claim(kPhone, "hash-1", kT0 + 61s));
    CHECK(back.status == OtpClaimStatus::Claimed);
    OtpRecord expected = record("r1", "hash-1");
    expected.claimed = true;
    CHECK(back.record == expected);  // r1 back, exactly as it was

    REQUIRE(store->put(record("r3", "hash-3", kT0 + 200s), kT0 + 200s));
    REQUIRE(store->restore(kPhone, "r3", std::nullopt, kT0 + 200s));
    CHECK(claimStatus(*store, "hash-3", kT0 + 201s) == OtpClaimStatus::NoPending);
}

TEMPLATE_TEST_CASE("OtpStore.restore drops the record when the previous one is already purged",
                   "[store][otp]", MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.otpStore();
    REQUIRE(store->put(record("r1", "hash-1"), kT0));
    const auto previous = stored(store->put(record("r2", "hash-2", kT0 + 1200s), kT0 + 1200s)).previous;
    CHECK_FALSE(previous);  // r1 was purged at kT0 + 1200s: nothing to hand back

    OtpRecord stale = record("r1", "hash-1");
    REQUIRE(store->restore(kPhone, "r2", stale, kT0 + 1200s));
    CHECK(claimStatus(*store, "hash-1", kT0 + 1200s) == OtpClaimStatus::NoPending);
    CHECK(claimStatus(*store, "hash-2", kT0 + 1200s) == OtpClaimStatus::NoPending);

    // A purged current record is not restored over either.
    REQUIRE(store->put(record("r4", "hash-4", kT0 + 2000s), kT0 + 2000s));
    OtpRecord lasting = record("r5", "hash-5", kT0 + 2000s);
    lasting.expiresAt = lasting.purgeAt = kT0 + 9000s;
    REQUIRE(store->restore(kPhone, "r4", lasting, kT0 + 3200s));
    CHECK(claimStatus(*store, "hash-5", kT0 + 3201s) == OtpClaimStatus::NoPending);
}

TEMPLATE_TEST_CASE("OtpStore.claim counts wrong codes and locks at zero", "[store][otp]", MemoryStores,
                   RedisStores) {
    TestType backend;
    auto store = backend.otpStore();
    REQUIRE(store->put(record("r1", "hash-1"), kT0));
    const auto wrong = ok(store->claim(kPhone, "bad", kT0));
    CHECK(wrong.status == OtpClaimStatus::WrongCode);
    CHECK(wrong.attemptsLeft == 2);
    REQUIRE(wrong.record);
    CHECK(wrong.record->attemptsLeft == 2);
    CHECK(ok(store->claim(kPhone, "bad", kT0)).attemptsLeft == 1);
    const auto last = ok(store->claim(kPhone, "bad", kT0));
    CHECK(last.status == OtpClaimStatus::WrongCode);
    CHECK(last.attemptsLeft == 0);
    const auto locked = ok(store->claim(kPhone, "hash-1", kT0));  // even the right code
    CHECK(locked.status == OtpClaimStatus::Locked);
    CHECK(locked.attemptsLeft == 0);
    CHECK(claimStatus(*store, "bad", kT0) == OtpClaimStatus::Locked);
    CHECK(ok(store->claim(kPhone, "bad", kT0)).record->attemptsLeft == 0);  // never below zero
}

TEMPLATE_TEST_CASE("OtpStore.claim checks NoPending, Expired, Locked, Busy, then the code", "[store][otp]",
                   MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.otpStore();
    CHECK(ok(store->claim(kPhone, "hash-1", kT0)).status == OtpClaimStatus::NoPending);
    CHECK_FALSE(ok(store->claim(kPhone, "hash-1", kT0)).record);

    OtpRecord lockedAndExpired = record("r1", "hash-1");
    lockedAndExpired.attemptsLeft = 0;
    REQUIRE(store->put(lockedAndExpired, kT0));
    CHECK(claimStatus(*store, "hash-1", kT0 + 299s) == OtpClaimStatus::Locked);
    CHECK(claimStatus(*store, "hash-1", kT0 + 300s) == OtpClaimStatus::Expired);  // Expired before Locked

    REQUIRE(store->put(record("r2", "hash-2", kT0 + 400s), kT0 + 400s));
    REQUIRE(claimStatus(*store, "hash-2", kT0 + 400s) == OtpClaimStatus::Claimed);
    const auto busy = ok(store->claim(kPhone, "bad", kT0 + 401s));
    CHECK(busy.status == OtpClaimStatus::Busy);  // Busy before the code: no attempt is used
    CHECK(busy.attemptsLeft == 3);
    CHECK(claimStatus(*store, "hash-2", kT0 + 700s) == OtpClaimStatus::Expired);  // Expired before Busy
}

TEMPLATE_TEST_CASE("OtpStore.claim tells expired from absent, exactly at expiresAt and purgeAt",
                   "[store][otp]", MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.otpStore();
    REQUIRE(store->put(record("r1", "hash-1"), kT0));
    CHECK(claimStatus(*store, "bad", kT0 + 300s - 1ns) == OtpClaimStatus::WrongCode);
    const auto expired = ok(store->claim(kPhone, "hash-1", kT0 + 300s));
    CHECK(expired.status == OtpClaimStatus::Expired);
    CHECK(expired.attemptsLeft == 2);
    CHECK(claimStatus(*store, "hash-1", kT0 + 1200s - 1ns) == OtpClaimStatus::Expired);
    CHECK(claimStatus(*store, "hash-1", kT0 + 1200s) == OtpClaimStatus::NoPending);
    CHECK(claimStatus(*store, "hash-1", kT0 + 1s) == OtpClaimStatus::NoPending);  // gone for good
}

TEMPLATE_TEST_CASE("OtpStore with 0 s lifetimes: expired at once, no cooldown, purged at once",
                   "[store][otp]", MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.otpStore();
    OtpRecord instant = record("r1", "hash-1");
    instant.expiresAt = kT0;
    instant.resendAt = kT0;
    REQUIRE(store->put(instant, kT0));
    CHECK(claimStatus(*store, "hash-1", kT0) == OtpClaimStatus::Expired);

    OtpRecord next = instant;
    next.requestId = "r2";
    const auto replaced = stored(store->put(next, kT0)).previous;  // no cooldown to wait for
    REQUIRE(replaced);
    CHECK(replaced->requestId == "r1");

    OtpRecord gone = next;
    gone.requestId = "r3";
    gone.purgeAt = kT0;
    CHECK(stored(store->put(gone, kT0)).previous->requestId == "r2");
    CHECK(claimStatus(*store, "hash-1", kT0) == OtpClaimStatus::NoPending);
    CHECK_FALSE(stored(store->put(gone, kT0)).previous);
}

TEMPLATE_TEST_CASE("OtpStore claim, release and consume", "[store][otp]", MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.otpStore();
    REQUIRE(store->put(record("r1", "hash-1"), kT0));
    const auto claimed = ok(store->claim(kPhone, "hash-1", kT0));
    REQUIRE(claimed.status == OtpClaimStatus::Claimed);
    CHECK(claimed.attemptsLeft == 3);
    REQUIRE(claimed.record);
    CHECK(claimed.record->requestId == "r1");
    CHECK(claimed.record->claimed);
    CHECK(claimStatus(*store, "hash-1", kT0) == OtpClaimStatus::Busy);
    REQUIRE(store->release(kPhone, "other"));
    CHECK(claimStatus(*store, "hash-1", kT0) == OtpClaimStatus::Busy);
    REQUIRE(store->release(kPhone, "r1"));
    CHECK(claimStatus(*store, "hash-1", kT0) == OtpClaimStatus::Claimed);
    REQUIRE(store->consume(kPhone, "other"));
    CHECK(claimStatus(*store, "hash-1", kT0) == OtpClaimStatus::Busy);
    REQUIRE(store->consume(kPhone, "r1"));
    CHECK(claimStatus(*store, "hash-1", kT0) == OtpClaimStatus::NoPending);
    REQUIRE(store->release(kPhone, "r1"));  // nothing left: no-ops
    REQUIRE(store->consume(kPhone, "r1"));
    REQUIRE(store->restore(kPhone, "r1", std::nullopt, kT0));
}

TEMPLATE_TEST_CASE("OtpStore keeps every field exactly, hostile bytes and odd times included", "[store][otp]",
                   MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.otpStore();
    const std::string hostile = std::string("id \r\n\t{}\"'%s ✓ Grüße ") + '\0' + " end";
    OtpRecord odd = record(hostile, hostile + "hash");
    odd.createdAt = TimePoint(std::chrono::nanoseconds(-123456789));  // before the epoch
    odd.expiresAt = kT0 + 299s + 999999999ns;
    odd.resendAt = kT0 + 1ns;
    odd.purgeAt = kT0 + 1199s + 1ns;
    odd.attemptsLeft = 2147483647;
    odd.claimed = true;  // put stores the record as given
    REQUIRE(store->put(odd, kT0));

    const auto busy = ok(store->claim(kPhone, odd.codeHash, kT0));
    CHECK(busy.status == OtpClaimStatus::Busy);
    CHECK(busy.record == odd);
    REQUIRE(store->release(kPhone, hostile));
    const auto claimed = ok(store->claim(kPhone, odd.codeHash, kT0));
    CHECK(claimed.status == OtpClaimStatus::Claimed);
    CHECK(claimed.record == odd);
    REQUIRE(store->release(kPhone, hostile));
    CHECK(ok(store->claim(kPhone, hostile + "hasH", kT0)).status == OtpClaimStatus::WrongCode);

    OtpRecord negative = record("r-neg", "h", kT0 + 2s);
    negative.attemptsLeft = -5;
    const auto previous = stored(store->put(negative, kT0 + 2s)).previous;
    REQUIRE(previous);
    odd.claimed = false;
    odd.attemptsLeft = 2147483646;
    CHECK(*previous == odd);
    const auto locked = ok(store->claim(kPhone, "h", kT0 + 2s));
    CHECK(locked.status == OtpClaimStatus::Locked);
    CHECK(locked.attemptsLeft == 0);
    CHECK(locked.record->attemptsLeft == -5);
}

TEMPLATE_TEST_CASE("OtpStore keeps phones apart, whatever bytes they hold", "[store][otp]", MemoryStores,
                   RedisStores) {
    TestType backend;
    auto store = backend.otpStore();
    const std::vector<std::string> phones = {
        "", "+7", "+7}", "{+7}", "+7\r\nDEL x", std::string("+7\0x", 4), "+7 ✓ ☎", "otp:{+7}",
        std::string(100'000, '9')};
    for (std::size_t i = 0; i < phones.size(); ++i) {
        REQUIRE(store->put(record("r" + std::to_string(i), "hash-" + std::to_string(i), kT0, phones[i]), kT0));
    }
    for (std::size_t i = 0; i < phones.size(); ++i) {
        INFO("phone #" << i);
        const auto outcome = ok(store->claim(phones[i], "hash-" + std::to_string(i), kT0));
        CHECK(outcome.status == OtpClaimStatus::Claimed);
        REQUIRE(outcome.record);
        CHECK(outcome.record->phone == phones[i]);
        CHECK(outcome.record->requestId == "r" + std::to_string(i));
    }
    CHECK(claimStatus(*store, "hash-1", kT0, "+8") == OtpClaimStatus::NoPending);
}

TEMPLATE_TEST_CASE("OtpStore: of 50 concurrent claims of one code exactly one wins", "[store][otp][concurrency]",
                   MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.otpStore();
    REQUIRE(store->put(record("r1", "hash-1"), kT0));
    std::atomic<int> claimed{0};
    std::atomic<int> busy{0};
    std::atomic<int> other{0};
    runTogether(50, [&](int) {
        const auto outcome = store->claim(kPhone, "hash-1", kT0);
        if (outcome && outcome->status == OtpClaimStatus::Claimed) {
            ++claimed;
        } else if (outcome && outcome->status == OtpClaimStatus::Busy) {
            ++busy;
        } else {
            ++other;
        }
    });
    CHECK(claimed == 1);
    CHECK(busy == 49);
    CHECK(other == 0);
}

TEMPLATE_TEST_CASE("OtpStore: concurrent wrong codes are each counted once", "[store][otp][concurrency]",
                   MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.otpStore();
    OtpRecord r = record("r1", "hash-1");
    r.attemptsLeft = 30;
    REQUIRE(store->put(r, kT0));
    std::mutex mutex;
    std::multiset<int> leftAfterWrong;
    std::atomic<int> locked{0};
    std::atomic<int> other{0};
    runTogether(50, [&](int) {
        const auto outcome = store->claim(kPhone, "bad", kT0);
        if (outcome && outcome->status == OtpClaimStatus::WrongCode) {
            std::lock_guard lock(mutex);
            leftAfterWrong.insert(outcome->attemptsLeft);
        } else {
            (outcome && outcome->status == OtpClaimStatus::Locked ? locked : other)++;
        }
    });
    std::multiset<int> expected;
    for (int i = 0; i < 30; ++i) {
        expected.insert(i);
    }
    CHECK(leftAfterWrong == expected);  // 29, 28, ..., 0: none counted twice, none lost
    CHECK(locked == 20);
    CHECK(other == 0);
}

TEMPLATE_TEST_CASE("OtpStore: of concurrent puts for one phone exactly one passes the cooldown",
                   "[store][otp][concurrency]", MemoryStores, RedisStores) {
    TestType backend;
    auto store = backend.otpStore();
    std::atomic<int> storedCount{0};
    std::atomic<int> cooling{0};
    runTogether(20, [&](int i) {
        const auto outcome = store->put(record("r" + std::to_string(i), "h"), kT0);
        if (outcome) {
            (std::holds_alternative<OtpStored>(outcome.value()) ? storedCount : cooling)++;
        }
    });
    CHECK(storedCount == 1);
    CHECK(cooling == 19);
}
