#include "delivery/queue/lane_runner.h"

#include "telemetry/log.h"

#include <algorithm>

namespace sesame::server::delivery {
namespace {

using namespace std::chrono_literals;

// How soon a lane looks again after its queue store failed.
constexpr auto kStoreRetry = 1s;

void logQueueError(const std::string& upstream, const store::StoreError& error) {
    telemetry::log(telemetry::LogLevel::Warn, "delivery_queue_error", {{"upstream", upstream}, {"error", error.detail}});
}

// A 429 without a usable retry_after still pauses for a second.
std::chrono::seconds pauseOf(const RunResult& result) { return std::max(result.retryAfter, std::chrono::seconds{1}); }

}  // namespace

LaneRunner::LaneRunner(Lane lane, JobQueue& queue, const Clock& clock, const DispatcherOptions& options)
    : lane_(std::move(lane)),
      queue_(queue),
      clock_(clock),
      options_(options),
      pacer_(lane_.perSecond, lane_.perKeyInterval) {}

JobTime LaneRunner::reserve(const std::string& key, JobTime now) {
    const std::lock_guard lock(mutex_);
    const JobTime ready = pacer_.readyAt(key, now);
    if (ready <= now) {
        pacer_.consume(key, now);
    }
    return ready;
}

Submitted LaneRunner::submit(const Job& job) {
    const JobTime now = clock_.now();
    if (job.deadline <= now) {
        return Submitted{SubmitStatus::Failed, {}, "its deadline has passed"};
    }
    if (reserve(job.key, now) > now) {
        auto pushed = queue_.push(job);
        return pushed ? Submitted{SubmitStatus::Queued, {}, {}}
                      : Submitted{SubmitStatus::Failed, {}, "delivery queue unavailable: " + pushed.error().detail};
    }
    const RunResult result = lane_.run(job);
    switch (result.outcome) {
    case RunOutcome::Done: return Submitted{SubmitStatus::Sent, result.upstreamId, {}};
    case RunOutcome::RetryAfter: {
        const JobTime resume = now + pauseOf(result);
        {
            const std::lock_guard lock(mutex_);
            pacer_.pauseUntil(resume);
        }
        if (resume >= job.deadline) {
            return Submitted{SubmitStatus::Failed, {}, "rate limited past its deadline"};
        }
        Job later = job;
        later.attempts = job.attempts + 1;
        later.dueAt = resume;
        auto pushed = queue_.push(later);
        return pushed ? Submitted{SubmitStatus::Queued, {}, {}}
                      : Submitted{SubmitStatus::Failed, {}, "delivery queue unavailable: " + pushed.error().detail};
    }
    case RunOutcome::Transient:
    case RunOutcome::Permanent: break;
    }
    return Submitted{SubmitStatus::Failed, {}, result.detail};
}

JobTime LaneRunner::step() {
    const JobTime now = clock_.now();
    {
        const std::lock_guard lock(mutex_);
        if (const JobTime ready = pacer_.laneReadyAt(now); ready > now) {
            return ready;
        }
    }
    auto taken = queue_.take(lane_.upstream, now, 1, options_.lease);
    if (!taken) {
        logQueueError(lane_.upstream, taken.error());
        return now + kStoreRetry;
    }
    if (taken->empty()) {
        return idle(now);
    }
    const Job job = taken->front();
    if (job.deadline <= now) {
        if (auto removed = queue_.remove(job.id); !removed) {
            logQueueError(lane_.upstream, removed.error());
        }
        finish(job, RunResult{RunOutcome::Permanent, {}, {}, "its deadline passed before it could run"});
        return now;
    }
    if (const JobTime ready = reserve(job.key, now); ready > now) {
        // Its key is inside its interval: give the lease back and let it wait.
        if (auto moved = queue_.reschedule(job.id, ready); !moved) {
            logQueueError(lane_.upstream, moved.error());
        }
        return now;
    }
    settle(job, lane_.run(job), clock_.now());
    return now;
}

JobTime LaneRunner::idle(JobTime now) {
    auto next = queue_.nextDue(lane_.upstream);
    if (!next) {
        logQueueError(lane_.upstream, next.error());
        return now + kStoreRetry;
    }
    if (!next.value()) {
        return JobTime::max();
    }
    // Another runner may hold what is due now; look again shortly.
    return std::max(*next.value(), now + std::chrono::milliseconds{10});
}

void LaneRunner::settle(Job job, const RunResult& result, JobTime now) {
    job.attempts += 1;
    switch (result.outcome) {
    case RunOutcome::Done:
    case RunOutcome::Permanent: break;
    case RunOutcome::RetryAfter: {
        const JobTime resume = now + pauseOf(result);
        {
            const std::lock_guard lock(mutex_);
            pacer_.pauseUntil(resume);
        }
        if (resume < job.deadline) {
            requeue(std::move(job), resume, result);
            return;
        }
        break;
    }
    case RunOutcome::Transient:
        if (const JobTime retry = now + backoff(job.attempts); retry < job.deadline) {
            requeue(std::move(job), retry, result);
            return;
        }
        break;
    }
    if (auto removed = queue_.remove(job.id); !removed) {
        logQueueError(lane_.upstream, removed.error());
    }
    finish(job, result);
}

void LaneRunner::requeue(Job job, JobTime dueAt, const RunResult& result) {
    job.dueAt = dueAt;
    telemetry::log(telemetry::LogLevel::Info, "delivery_retry",
                   {{"upstream", lane_.upstream}, {"kind", job.kind}, {"attempts", job.attempts},
                    {"otp_request_id", job.requestId}, {"detail", result.detail}});
    // On failure the lease still holds the job: it runs again once the lease is over.
    if (auto pushed = queue_.push(job); !pushed) {
        logQueueError(lane_.upstream, pushed.error());
    }
}

void LaneRunner::finish(const Job& job, const RunResult& result) {
    if (lane_.onFinished) {
        lane_.onFinished(job, result);
    }
}

std::chrono::milliseconds LaneRunner::backoff(int attempts) const {
    auto delay = options_.firstBackoff;
    for (int i = 1; i < attempts && delay < options_.maxBackoff; ++i) {
        delay *= 2;
    }
    return std::min(delay, options_.maxBackoff);
}

}  // namespace sesame::server::delivery
