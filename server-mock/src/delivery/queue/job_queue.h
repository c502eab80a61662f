#pragma once
// Durable storage of pending jobs. Backends: memory (mock mode, tests) and
// Redis (full mode: a sorted set per upstream by dueAt plus a hash of jobs,
// so several server instances share the queue and a restart loses nothing).
// A taken job is leased: if its runner dies (kill -9) the lease runs out and
// the job is due again, so a job can run twice but is never lost; runners
// keep their upstream calls idempotent where the upstream allows.

#include "delivery/queue/job.h"
#include "store/store_result.h"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace sesame::server::delivery {

class JobQueue {
public:
    virtual ~JobQueue() = default;
    // Adds `job`, or replaces the job with its id (pending or leased).
    virtual store::StoreResult<store::Done> push(const Job& job) = 0;
    // Up to `max` jobs of `upstream` due at `now` (and leases that ran out),
    // earliest first, each leased until now + lease.
    virtual store::StoreResult<std::vector<Job>> take(const std::string& upstream, JobTime now, std::size_t max,
                                                      std::chrono::seconds lease) = 0;
    // Forgets the job (done, or failed for good).
    virtual store::StoreResult<store::Done> remove(const std::string& id) = 0;
    // Makes a pending or leased job due at `dueAt` (a retry, or "delete now");
    // false when there is no such job.
    virtual store::StoreResult<bool> reschedule(const std::string& id, JobTime dueAt) = 0;
    // The job with `id`, pending or leased.
    virtual store::StoreResult<std::optional<Job>> find(const std::string& id) = 0;
    // When the next job of `upstream` is due, if any (the lane sleeps until then).
    virtual store::StoreResult<std::optional<JobTime>> nextDue(const std::string& upstream) = 0;
};

}  // namespace sesame::server::delivery
