#pragma once
// Runs jobs against their upstreams, paced: one lane per upstream, each with
// a rate for the whole upstream (Telegram: ~30 messages/s per bot), a
// minimum interval per key (Telegram: 1 message/s per chat), and a pause for
// the whole lane whenever the upstream answers 429 with retry_after.
// Transient failures of queued jobs are retried with exponential backoff
// until the job's deadline; nothing is dropped silently: every job ends in
// the lane's onFinished (Done or failed for good).

#include "delivery/queue/job.h"
#include "delivery/queue/job_queue.h"
#include "services/clock.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace sesame::server::delivery {

enum class RunOutcome {
    Done,        // the upstream did it
    RetryAfter,  // the upstream said 429: pause the lane for retryAfter, then run the job again
    Transient,   // 5xx, network error, timeout: retry with backoff within the deadline
    Permanent,   // the upstream refused for good (blocked bot, bad number): do not retry
};

struct RunResult {
    RunOutcome outcome = RunOutcome::Permanent;
    std::chrono::seconds retryAfter{0};  // RetryAfter only
    std::string upstreamId;              // Done: the upstream's message id, if any
    std::string detail;                  // for logs; never a phone, code or token
};

struct Lane {
    std::string upstream;                            // the Job::upstream it runs
    double perSecond = 30;                           // jobs per second for the whole lane
    std::chrono::milliseconds perKeyInterval{0};     // between two jobs with the same Job::key
    std::function<RunResult(const Job&)> run;        // one attempt; called on the lane's thread or a request's
    // A queued job ended: Done, or failed for good (Permanent, or its retries
    // ran past the deadline). Not called for the attempt submit() makes on the
    // caller's thread: submit()'s answer reports that one. May be empty.
    std::function<void(const Job&, const RunResult&)> onFinished;
};

enum class SubmitStatus { Sent, Queued, Failed };

struct Submitted {
    SubmitStatus status = SubmitStatus::Failed;
    std::string upstreamId;  // Sent
    std::string detail;      // Failed: why
};

struct DispatcherOptions {
    std::chrono::seconds lease{30};                  // how long a taken job is hidden from other runners
    std::chrono::milliseconds firstBackoff{500};     // doubled per transient failure
    std::chrono::milliseconds maxBackoff{30000};
};

class Dispatcher {
public:
    Dispatcher(JobQueue& queue, const Clock& clock, DispatcherOptions options = {});
    ~Dispatcher();  // stop()s
    Dispatcher(const Dispatcher&) = delete;
    Dispatcher& operator=(const Dispatcher&) = delete;

    // Before start().
    void addLane(Lane lane);

    // The request path, for a job that is due now. When the lane has room
    // (rate, key interval, no 429 pause) the job runs once on the caller's
    // thread: Done → Sent; Transient or Permanent → Failed, nothing kept (the
    // caller falls through to its next channel); RetryAfter → queued for
    // later → Queued. Without room it is queued → Queued. Failed when the
    // queue store is unavailable.
    Submitted submit(const Job& job);
    // Queues `job` for its dueAt without running it now (deletions); false when the store failed.
    bool schedule(const Job& job);
    // Makes the queued job `id` due now; false when there is none.
    bool runSoon(const std::string& id);

    // One worker thread per lane; stop() wakes them and waits for them (a
    // job being run is finished first). A lane thread waits at most a second
    // between looks at its queue, so jobs pushed by other server instances on
    // the same Redis, and leases that ran out, are picked up. Idempotent.
    void start();
    void stop();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace sesame::server::delivery
