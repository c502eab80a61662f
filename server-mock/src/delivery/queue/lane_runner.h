#pragma once
// One Dispatcher lane without its thread: the request path (submit) and one
// step of the lane's loop, on an injected clock, so pacing, 429 pauses,
// backoff, deadlines and lease expiry are tested by moving a FakeClock.
// Internal to delivery/queue; thread-safe.

#include "delivery/queue/dispatcher.h"
#include "delivery/queue/pacer.h"

#include <mutex>

namespace sesame::server::delivery {

class LaneRunner {
public:
    LaneRunner(Lane lane, JobQueue& queue, const Clock& clock, const DispatcherOptions& options);

    const std::string& upstream() const { return lane_.upstream; }
    // Dispatcher::submit for a job of this lane.
    Submitted submit(const Job& job);
    // Runs at most one due job; returns when the lane should step again
    // (now or earlier: at once; JobTime::max(): nothing is queued).
    JobTime step();

private:
    // Takes a pacing slot for `key` now if there is one, else says when.
    JobTime reserve(const std::string& key, JobTime now);
    JobTime idle(JobTime now);
    // A queued job's attempt ended with `result`: done, retried later or failed for good.
    void settle(Job job, const RunResult& result, JobTime now);
    void requeue(Job job, JobTime dueAt, const RunResult& result);
    void finish(const Job& job, const RunResult& result);
    std::chrono::milliseconds backoff(int attempts) const;

    Lane lane_;
    JobQueue& queue_;
    const Clock& clock_;
    DispatcherOptions options_;
    std::mutex mutex_;  // guards pacer_
    Pacer pacer_;
};

}  // namespace sesame::server::delivery
