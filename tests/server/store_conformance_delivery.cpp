// The delivery JobQueue and DeliveryStatusStore contracts, run against the
// memory twins and Redis alike: the Dispatcher and the status route must not
// tell them apart.

#include "delivery/memory_delivery_status_store.h"
#include "delivery/queue/memory_job_queue.h"
#include "store/redis/redis_delivery_status_store.h"
#include "store/redis/redis_job_queue.h"
#include "store_backends.h"

#include <mutex>
#include <set>
#include <thread>

using namespace sesame::server::delivery;
using sesame::server::testing::ok;
using namespace std::chrono_literals;

namespace {

const JobTime kT0{std::chrono::seconds(1717200000)};

// Every call hands out the same memory twin: one process's view.
struct MemoryDelivery {
    std::shared_ptr<JobQueue> queue = std::make_shared<MemoryJobQueue>();
    std::shared_ptr<DeliveryStatusStore> statuses = std::make_shared<MemoryDeliveryStatusStore>();
    std::shared_ptr<JobQueue> jobQueue() { return queue; }
    std::shared_ptr<DeliveryStatusStore> statusStore() { return statuses; }
};

// Queues and stores made by one RedisDelivery share their data, each over its
// own pool, as two server instances on one Redis do.
struct RedisDelivery {
    sesame::server::testing::RedisStores redis;
    std::shared_ptr<JobQueue> jobQueue() {
        return std::make_shared<sesame::server::store::RedisJobQueue>(
            std::make_shared<sesame::server::store::RedisPool>(redis.options), redis.prefix);
    }
    std::shared_ptr<DeliveryStatusStore> statusStore() {
        return std::make_shared<sesame::server::store::RedisDeliveryStatusStore>(
            std::make_shared<sesame::server::store::RedisPool>(redis.options), redis.prefix);
    }
};

Job job(const std::string& id, JobTime due, const std::string& upstream = "telegram_bot") {
    return Job{id, upstream, "send", "chat-" + id, "sealed:" + id + std::string("\0\xff", 2), due, due + 300s, 0,
               "req-" + id};
}

std::vector<std::string> ids(const std::vector<Job>& jobs) {
    std::vector<std::string> out;
    for (const auto& j : jobs) {
        out.push_back(j.id);
    }
    return out;
}

}  // namespace

TEMPLATE_TEST_CASE("job queue: due jobs come out earliest first, each once per lease", "[delivery][queue]",
                   MemoryDelivery, RedisDelivery) {
    TestType backend;
    auto queue = backend.jobQueue();
    auto other = backend.jobQueue();
    ok(queue->push(job("b", kT0 + 2s)));
    ok(queue->push(job("a", kT0 + 1s)));
    ok(queue->push(job("later", kT0 + 60s)));
    ok(queue->push(job("elsewhere", kT0, "twilio")));
    CHECK(ok(queue->take("telegram_bot", kT0, 10, 30s)).empty());
    const auto first = ok(queue->take("telegram_bot", kT0 + 5s, 10, 30s));
    CHECK(ids(first) == std::vector<std::string>{"a", "b"});
    CHECK(first[0] == job("a", kT0 + 1s));  // every field survives, binary payload included
    CHECK(ok(other->take("telegram_bot", kT0 + 6s, 10, 30s)).empty());  // leased: hidden from other runners
    CHECK(ids(ok(other->take("twilio", kT0 + 6s, 10, 30s))) == std::vector<std::string>{"elsewhere"});
    CHECK(ok(queue->nextDue("telegram_bot")) == kT0 + 35s);  // the first lease's end
    // kill -9 of the runner: the lease runs out and another runner gets the jobs.
    CHECK(ids(ok(other->take("telegram_bot", kT0 + 36s, 1, 30s))) == std::vector<std::string>{"a"});
    CHECK(ids(ok(other->take("telegram_bot", kT0 + 36s, 5, 30s))) == std::vector<std::string>{"b"});
    ok(queue->remove("a"));
    ok(queue->remove("b"));
    ok(queue->remove("never-there"));
    CHECK(ok(queue->nextDue("telegram_bot")) == kT0 + 60s);
    CHECK(ok(queue->find("a")) == std::nullopt);
    CHECK(ok(queue->nextDue("msg91")) == std::nullopt);
}

TEMPLATE_TEST_CASE("job queue: push replaces, reschedule moves pending and leased jobs", "[delivery][queue]",
                   MemoryDelivery, RedisDelivery) {
    TestType backend;
    auto queue = backend.jobQueue();
    ok(queue->push(job("x", kT0)));
    REQUIRE(ok(queue->take("telegram_bot", kT0, 1, 30s)).size() == 1);
    Job retried = job("x", kT0 + 4s);
    retried.attempts = 2;
    ok(queue->push(retried));  // a retry of a leased job: pending again, at its new time
    CHECK(ok(queue->find("x")) == retried);
    CHECK(ok(queue->take("telegram_bot", kT0 + 3s, 1, 30s)).empty());
    CHECK(ok(queue->take("telegram_bot", kT0 + 4s, 1, 30s)).at(0).attempts == 2);
    CHECK(ok(queue->reschedule("x", kT0 + 100s)));  // leased → pending at +100 s
    CHECK(ok(queue->find("x"))->dueAt == kT0 + 100s);
    CHECK(ok(queue->nextDue("telegram_bot")) == kT0 + 100s);
    CHECK(ok(queue->reschedule("x", kT0 + 1s)));  // "delete now"
    CHECK(ids(ok(queue->take("telegram_bot", kT0 + 1s, 5, 30s))) == std::vector<std::string>{"x"});
    CHECK_FALSE(ok(queue->reschedule("missing", kT0)));
    const Job odd{"id with spaces:{}\n", "telegram_bot", "", "", "", kT0, kT0, 0, ""};
    ok(queue->push(odd));
    CHECK(ok(queue->find(odd.id)) == odd);
}

TEMPLATE_TEST_CASE("job queue: concurrent runners never take the same job twice", "[delivery][queue]",
                   MemoryDelivery, RedisDelivery) {
    TestType backend;
    auto queue = backend.jobQueue();
    for (int i = 0; i < 40; ++i) {
        ok(queue->push(job("j" + std::to_string(i), kT0)));
    }
    std::vector<std::shared_ptr<JobQueue>> runners;
    for (int i = 0; i < 4; ++i) {
        runners.push_back(backend.jobQueue());
    }
    std::mutex mutex;
    std::multiset<std::string> taken;
    std::vector<std::thread> threads;
    for (auto& runner : runners) {
        threads.emplace_back([&, r = runner.get()] {
            for (int round = 0; round < 20; ++round) {
                auto jobs = r->take("telegram_bot", kT0, 3, 30s);
                if (!jobs) {
                    return;
                }
                const std::lock_guard lock(mutex);
                for (const auto& j : jobs.value()) {
                    taken.insert(j.id);
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(taken.size() == 40);
    CHECK(std::set<std::string>(taken.begin(), taken.end()).size() == 40);
}

TEMPLATE_TEST_CASE("delivery status: recorded, never moved back, found by upstream id", "[delivery][status]",
                   MemoryDelivery, RedisDelivery) {
    TestType backend;
    auto statuses = backend.statusStore();
    auto other = backend.statusStore();
    CHECK(ok(statuses->byRequest("r1")) == std::nullopt);
    ok(statuses->record({"r1", "twilio", DeliveryState::Queued, "", "", kT0}, kT0 + 1h));
    ok(statuses->record({"r1", "twilio", DeliveryState::Sent, "SM1", "", kT0 + 1s}, kT0 + 1h));
    ok(other->record({"r1", "twilio", DeliveryState::Queued, "", "", kT0 + 2s}, kT0 + 1h));  // late: ignored
    const DeliveryStatus sent{"r1", "twilio", DeliveryState::Sent, "SM1", "", kT0 + 1s};
    CHECK(ok(other->byRequest("r1")) == sent);
    CHECK(ok(other->requestFor("twilio", "SM1")) == std::optional<std::string>("r1"));
    CHECK(ok(other->requestFor("msg91", "SM1")) == std::nullopt);
    // A callback without the id keeps it; failed follows delivered and the other way round.
    ok(other->record({"r1", "twilio", DeliveryState::Delivered, "", "", kT0 + 3s}, kT0 + 1h));
    CHECK(ok(statuses->byRequest("r1"))->upstreamId == "SM1");
    ok(other->record({"r1", "twilio", DeliveryState::Failed, "", "30003 unreachable", kT0 + 4s}, kT0 + 1h));
    const auto failed = ok(statuses->byRequest("r1"));
    CHECK(failed == DeliveryStatus{"r1", "twilio", DeliveryState::Failed, "SM1", "30003 unreachable", kT0 + 4s});
    // Nothing is kept past keepUntil.
    ok(statuses->record({"r2", "outbox", DeliveryState::Sent, "", "", kT0}, kT0));
    CHECK(ok(statuses->byRequest("r2")) == std::nullopt);
    const std::string hostile = "req\n{}:*" + std::string(300, 'x') + "\xd0\x96";
    ok(statuses->record({hostile, "telegram_bot", DeliveryState::AwaitingLink, "", "", kT0}, kT0 + 1h));
    CHECK(ok(statuses->byRequest(hostile))->state == DeliveryState::AwaitingLink);
}
