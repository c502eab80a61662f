// Pacing and the Dispatcher's lanes. The pacing rules run on a FakeClock
// through LaneRunner (one lane's step without its thread), so 30/s, 1/s per
// chat, 429 pauses, backoff, deadlines and lease expiry are checked by moving
// time, never by sleeping. The threaded Dispatcher is checked by waiting on
// conditions (every job finished) with a generous deadline.

#include "delivery/queue/dispatcher.h"
#include "delivery/queue/lane_runner.h"
#include "delivery/queue/memory_job_queue.h"
#include "delivery/queue/pacer.h"

#include <catch2/catch.hpp>

#include <condition_variable>
#include <map>
#include <mutex>
#include <set>

using namespace sesame::server;
using namespace sesame::server::delivery;
using namespace std::chrono_literals;

namespace {

// Runs every job by answering from a script (Done by default) and records what ran.
class ScriptedUpstream {
public:
    std::vector<RunResult> script;  // answers in order; Done once it runs out
    std::vector<Job> ran;
    std::vector<std::pair<Job, RunResult>> finished;

    Lane lane(double perSecond = 30, std::chrono::milliseconds perKey = 1000ms) {
        return Lane{"telegram_bot", perSecond, perKey,
                    [this](const Job& job) {
                        ran.push_back(job);
                        if (script.empty()) {
                            return RunResult{RunOutcome::Done, 0s, "msg-" + job.id, {}};
                        }
                        RunResult next = script.front();
                        script.erase(script.begin());
                        return next;
                    },
                    [this](const Job& job, const RunResult& result) { finished.emplace_back(job, result); }};
    }
};

Job job(const std::string& id, const FakeClock& clock, const std::string& key = "", std::chrono::seconds life = 300s) {
    return Job{id, "telegram_bot", "send", key.empty() ? "chat-" + id : key, "p", clock.now(), clock.now() + life, 0,
               "req-" + id};
}

bool queued(MemoryJobQueue& queue, const std::string& id) { return queue.find(id).value().has_value(); }

RunResult answer(RunOutcome outcome, std::chrono::seconds retryAfter = 0s) {
    return RunResult{outcome, retryAfter, {}, "scripted"};
}

// A queue whose store is down.
class DownQueue final : public JobQueue {
public:
    store::StoreResult<store::Done> push(const Job&) override { return store::storeUnavailable("down"); }
    store::StoreResult<std::vector<Job>> take(const std::string&, JobTime, std::size_t, std::chrono::seconds) override {
        return store::storeUnavailable("down");
    }
    store::StoreResult<store::Done> remove(const std::string&) override { return store::storeUnavailable("down"); }
    store::StoreResult<bool> reschedule(const std::string&, JobTime) override { return store::storeUnavailable("down"); }
    store::StoreResult<std::optional<Job>> find(const std::string&) override { return store::storeUnavailable("down"); }
    store::StoreResult<std::optional<JobTime>> nextDue(const std::string&) override {
        return store::storeUnavailable("down");
    }
};

}  // namespace

TEST_CASE("pacer holds a lane to its rate in any second, a key to its interval, and pauses after a 429",
          "[dispatcher]") {
    const JobTime t0{std::chrono::seconds(1717200000)};
    Pacer pacer(30, 1000ms);
    CHECK(pacer.readyAt("chat-1", t0) == t0);
    pacer.consume("chat-1", t0);
    CHECK(pacer.readyAt("chat-2", t0) == t0);  // a burst below the rate runs at once
    CHECK(pacer.readyAt("chat-1", t0) == t0 + 1s);
    // 29 more chats within 10 ms fill the second; the 31st waits for the first to leave the window.
    JobTime now = t0;
    for (int i = 2; i <= 30; ++i) {
        now = t0 + std::chrono::milliseconds(i / 3);
        REQUIRE(pacer.readyAt("chat-" + std::to_string(i), now) == now);
        pacer.consume("chat-" + std::to_string(i), now);
    }
    const JobTime window = t0 + 1050ms;  // a second, and a margin for the way to the upstream
    CHECK(pacer.laneReadyAt(now) == window);
    pacer.consume("chat-31", window);
    CHECK(pacer.laneReadyAt(window) == window);  // chat-2 started at t0 too: its place frees now
    pacer.consume("chat-32", window);
    CHECK(pacer.laneReadyAt(window) == window + 1ms);  // chat-3 started at t0 + 1 ms
    pacer.pauseUntil(t0 + 10s);
    pacer.pauseUntil(t0 + 5s);  // a shorter pause does not shorten it
    CHECK(pacer.laneReadyAt(now) == t0 + 10s);
    CHECK(pacer.readyAt("", t0 + 11s) == t0 + 11s);

    Pacer unlimited(0, 0ms);
    unlimited.consume("k", t0);
    unlimited.consume("k", t0);
    CHECK(unlimited.readyAt("k", t0) == t0);
}

TEST_CASE("pacer: a steady stream at the rate never puts more than the rate in a second", "[dispatcher]") {
    const JobTime t0{std::chrono::seconds(1717200000)};
    Pacer pacer(30, 0ms);
    std::vector<JobTime> starts;
    JobTime now = t0;
    for (int i = 0; i < 300; ++i) {
        now = pacer.readyAt("", now);
        pacer.consume("", now);
        starts.push_back(now);
    }
    for (std::size_t i = 30; i < starts.size(); ++i) {
        CHECK(starts[i] - starts[i - 30] >= 1s);
    }
    CHECK(starts.back() - t0 < 9500ms);  // 300 jobs at 30/s: 9 windows after the first burst, not 10 s
}

TEST_CASE("submit runs a job on the caller's thread when the lane has room, else queues it", "[dispatcher]") {
    FakeClock clock;
    MemoryJobQueue queue;
    ScriptedUpstream upstream;
    LaneRunner lane(upstream.lane(), queue, clock, {});
    const JobTime t0 = clock.now();

    const Submitted sent = lane.submit(job("a", clock, "chat-1"));
    CHECK(sent.status == SubmitStatus::Sent);
    CHECK(sent.upstreamId == "msg-a");
    REQUIRE(upstream.ran.size() == 1);
    CHECK(upstream.finished.empty());  // submit's own answer reports it
    CHECK_FALSE(queued(queue, "a"));

    clock.advance(100ms);
    CHECK(lane.submit(job("b", clock, "chat-1")).status == SubmitStatus::Queued);  // same chat within 1 s
    CHECK(upstream.ran.size() == 1);
    CHECK(lane.step() == clock.now());     // b is taken, but its chat must wait: back to the queue
    CHECK(lane.step() == t0 + 1s);         // nothing else is due before the chat's slot
    CHECK(upstream.ran.size() == 1);
    clock.set(t0 + 1s);
    CHECK(lane.step() == clock.now());
    REQUIRE(upstream.ran.size() == 2);
    CHECK(upstream.ran[1].id == "b");
    CHECK(upstream.ran[1].attempts == 0);
    REQUIRE(upstream.finished.size() == 1);
    CHECK(upstream.finished[0].second.outcome == RunOutcome::Done);
    CHECK(upstream.finished[0].second.upstreamId == "msg-b");
    CHECK_FALSE(queued(queue, "b"));
    clock.advance(1s);
    CHECK(lane.step() == JobTime::max());  // nothing left
}

TEST_CASE("a burst beyond the lane's rate is queued and drained at the rate", "[dispatcher]") {
    FakeClock clock;
    MemoryJobQueue queue;
    ScriptedUpstream upstream;
    LaneRunner lane(upstream.lane(30), queue, clock, {});
    const JobTime t0 = clock.now();
    int sent = 0;
    for (int i = 0; i < 300; ++i) {
        sent += lane.submit(job("j" + std::to_string(i), clock)).status == SubmitStatus::Sent ? 1 : 0;
    }
    CHECK(sent == 30);  // the first second's worth runs at once, on the callers' threads
    // Drive the lane as its thread would, jumping the clock to each wake-up.
    int steps = 0;
    JobTime lastRun = t0;
    for (JobTime wake = lane.step(); wake != JobTime::max() && steps < 10000; wake = lane.step(), ++steps) {
        lastRun = upstream.ran.size() == 300 && lastRun == t0 ? clock.now() : lastRun;
        if (wake > clock.now()) {
            clock.set(wake);
        }
    }
    REQUIRE(upstream.ran.size() == 300);
    CHECK(upstream.finished.size() == 270);
    std::set<std::string> distinct;
    for (const Job& ran : upstream.ran) {
        distinct.insert(ran.id);
    }
    CHECK(distinct.size() == 300);  // none twice, none lost
    // 300 jobs at 30 in any second: the last 30 start 9 s after the first, not sooner, not much later.
    CHECK(lastRun >= t0 + 9s);
    CHECK(lastRun <= t0 + 9500ms);
}

TEST_CASE("a 429 pauses the whole lane and re-runs the job after retry_after", "[dispatcher]") {
    FakeClock clock;
    MemoryJobQueue queue;
    ScriptedUpstream upstream;
    upstream.script = {answer(RunOutcome::RetryAfter, 7s)};
    LaneRunner lane(upstream.lane(), queue, clock, {});
    const JobTime t0 = clock.now();

    CHECK(lane.submit(job("a", clock)).status == SubmitStatus::Queued);  // rate limited now: queued, not failed
    CHECK(lane.submit(job("b", clock)).status == SubmitStatus::Queued);  // the lane is paused
    CHECK(upstream.ran.size() == 1);
    CHECK(lane.step() == t0 + 7s);
    clock.set(t0 + 7s);
    lane.step();
    clock.advance(1s);
    lane.step();
    REQUIRE(upstream.ran.size() == 3);
    CHECK(upstream.ran[1].id == "b");  // due since the start
    CHECK(upstream.ran[2].id == "a");  // due at +7 s
    CHECK(upstream.ran[2].attempts == 1);
    CHECK(upstream.finished.size() == 2);

    SECTION("a 429 met by a queued job pauses the lane too") {
        upstream.script = {answer(RunOutcome::Done), answer(RunOutcome::RetryAfter, 3s)};
        clock.advance(2s);
        CHECK(lane.submit(job("c", clock, "chat-9")).status == SubmitStatus::Sent);
        CHECK(lane.submit(job("d", clock, "chat-9")).status == SubmitStatus::Queued);  // no room for the chat yet
        clock.advance(1s);
        lane.step();                   // d meets the 429
        CHECK(lane.step() == clock.now() + 3s);
        CHECK(queued(queue, "d"));
    }
}

TEST_CASE("transient failures of queued jobs back off until the deadline; permanent ones end at once",
          "[dispatcher]") {
    FakeClock clock;
    MemoryJobQueue queue;
    ScriptedUpstream upstream;
    LaneRunner lane(upstream.lane(0, 0ms), queue, clock, DispatcherOptions{30s, 500ms, 2000ms});
    const JobTime t0 = clock.now();
    upstream.script.assign(10, answer(RunOutcome::Transient));
    REQUIRE(queue.push(job("a", clock, "", 5s)));
    std::vector<JobTime> runs;
    for (int i = 0; i < 20 && upstream.finished.empty(); ++i) {
        const std::size_t before = upstream.ran.size();
        const JobTime wake = lane.step();
        if (upstream.ran.size() > before) {
            runs.push_back(clock.now());
        }
        if (wake > clock.now() && wake != JobTime::max()) {
            clock.set(wake);
        }
    }
    // Backoff 0.5, 1, 2, 2 s...: runs at 0, 0.5, 1.5, 3.5; the next (5.5 s) is past the 5 s deadline.
    const std::vector<JobTime> expected{t0, t0 + 500ms, t0 + 1500ms, t0 + 3500ms};
    CHECK(runs == expected);
    REQUIRE(upstream.finished.size() == 1);
    CHECK(upstream.finished[0].second.outcome == RunOutcome::Transient);
    CHECK(upstream.finished[0].first.attempts == 4);
    CHECK_FALSE(queued(queue, "a"));

    upstream.script = {answer(RunOutcome::Permanent)};
    REQUIRE(queue.push(job("p", clock)));
    lane.step();
    REQUIRE(upstream.finished.size() == 2);
    CHECK(upstream.finished[1].second.outcome == RunOutcome::Permanent);
    CHECK_FALSE(queued(queue, "p"));
}

TEST_CASE("submit fails without keeping anything when the upstream or the queue fails", "[dispatcher]") {
    FakeClock clock;
    MemoryJobQueue queue;
    ScriptedUpstream upstream;
    LaneRunner lane(upstream.lane(), queue, clock, {});
    upstream.script = {answer(RunOutcome::Transient), answer(RunOutcome::Permanent)};
    CHECK(lane.submit(job("a", clock)).status == SubmitStatus::Failed);
    clock.advance(1s);
    const Submitted refused = lane.submit(job("b", clock));
    CHECK(refused.status == SubmitStatus::Failed);
    CHECK(refused.detail == "scripted");
    CHECK_FALSE(queued(queue, "a"));
    CHECK_FALSE(queued(queue, "b"));
    CHECK(lane.submit(job("late", clock, "", 0s)).status == SubmitStatus::Failed);  // deadline already passed
    CHECK(upstream.ran.size() == 2);

    DownQueue down;
    LaneRunner broken(upstream.lane(), down, clock, {});
    CHECK(broken.submit(job("c", clock, "chat-9")).status == SubmitStatus::Sent);  // ran: no store needed
    const Submitted unqueued = broken.submit(job("d", clock, "chat-9"));  // no room for the chat, no store
    CHECK(unqueued.status == SubmitStatus::Failed);
    CHECK(unqueued.detail.find("queue unavailable") != std::string::npos);
    clock.advance(1s);
    CHECK(broken.step() == clock.now() + 1s);  // looks again later

    Dispatcher dispatcher(queue, clock);
    Job stray = job("s", clock);
    stray.upstream = "nowhere";
    CHECK(dispatcher.submit(stray).status == SubmitStatus::Failed);
}

TEST_CASE("queued jobs past their deadline fail without running; a dead runner's lease runs out", "[dispatcher]") {
    FakeClock clock;
    MemoryJobQueue queue;
    ScriptedUpstream upstream;
    LaneRunner lane(upstream.lane(), queue, clock, DispatcherOptions{30s, 500ms, 30000ms});
    REQUIRE(queue.push(job("old", clock, "", 10s)));
    REQUIRE(queue.push(job("held", clock, "", 3600s)));
    // Another runner took "held" and died (kill -9) before finishing it.
    REQUIRE(queue.take("telegram_bot", clock.now(), 5, 30s).value().size() == 2);
    CHECK(lane.step() == clock.now() + 30s);
    clock.advance(31s);
    lane.step();
    clock.advance(1s);
    lane.step();
    REQUIRE(upstream.ran.size() == 1);
    CHECK(upstream.ran[0].id == "held");
    REQUIRE(upstream.finished.size() == 2);
    CHECK(upstream.finished[0].first.id == "held");
    CHECK(upstream.finished[0].second.outcome == RunOutcome::Done);
    CHECK(upstream.finished[1].first.id == "old");
    CHECK(upstream.finished[1].second.outcome == RunOutcome::Permanent);
    CHECK(upstream.finished[1].second.detail.find("deadline") != std::string::npos);
}

TEST_CASE("the dispatcher's lane threads drain every queued job exactly once", "[dispatcher]") {
    SystemClock clock;
    MemoryJobQueue queue;
    std::mutex mutex;
    std::condition_variable changed;
    std::multiset<std::string> ran;
    std::size_t finished = 0;
    Dispatcher dispatcher(queue, clock, DispatcherOptions{30s, 1ms, 10ms});
    int failuresLeft = 5;
    dispatcher.addLane(Lane{"twilio", 2000, 0ms,
                            [&](const Job& job) {
                                const std::lock_guard lock(mutex);
                                ran.insert(job.id);
                                if (job.kind == "flaky" && failuresLeft-- > 0) {
                                    return RunResult{RunOutcome::Transient, 0s, {}, "503"};
                                }
                                return RunResult{RunOutcome::Done, 0s, "SM" + job.id, {}};
                            },
                            [&](const Job&, const RunResult&) {
                                const std::lock_guard lock(mutex);
                                ++finished;
                                changed.notify_all();
                            }});
    dispatcher.start();
    std::size_t sent = 0;
    const auto start = clock.now();
    REQUIRE(dispatcher.schedule(Job{"flaky", "twilio", "flaky", "", "", start, start + 60s, 0, ""}));
    for (int i = 0; i < 200; ++i) {
        const auto now = clock.now();
        const Submitted submitted = dispatcher.submit(Job{"j" + std::to_string(i), "twilio", "send", "", "", now,
                                                          now + 60s, 0, ""});
        REQUIRE(submitted.status != SubmitStatus::Failed);
        sent += submitted.status == SubmitStatus::Sent ? 1 : 0;
    }
    const auto later = clock.now() + 3600s;
    REQUIRE(dispatcher.schedule(Job{"deletion", "twilio", "delete", "", "", later, later + 60s, 0, ""}));
    REQUIRE(dispatcher.runSoon("deletion"));
    CHECK_FALSE(dispatcher.runSoon("no-such-job"));
    {
        std::unique_lock lock(mutex);
        REQUIRE(changed.wait_for(lock, 30s, [&] { return sent + finished == 202; }));
    }
    dispatcher.stop();
    dispatcher.stop();  // idempotent
    std::set<std::string> distinct(ran.begin(), ran.end());
    CHECK(distinct.size() == 202);
    CHECK(ran.size() == 202 + 5);  // the flaky job ran 5 more times
    CHECK(ran.count("flaky") == 6);
}
