#pragma once
// JobQueue in process memory (mock mode, tests): pending and leased jobs in
// one map; nothing survives a restart, which mock mode does not promise.

#include "delivery/queue/job_queue.h"

#include <mutex>
#include <optional>
#include <unordered_map>

namespace sesame::server::delivery {

class MemoryJobQueue final : public JobQueue {
public:
    store::StoreResult<store::Done> push(const Job& job) override;
    store::StoreResult<std::vector<Job>> take(const std::string& upstream, JobTime now, std::size_t max,
                                              std::chrono::seconds lease) override;
    store::StoreResult<store::Done> remove(const std::string& id) override;
    store::StoreResult<bool> reschedule(const std::string& id, JobTime dueAt) override;
    store::StoreResult<std::optional<Job>> find(const std::string& id) override;
    store::StoreResult<std::optional<JobTime>> nextDue(const std::string& upstream) override;

private:
    struct Entry {
        Job job;
        std::optional<JobTime> leasedUntil;
        // When it may be taken: its lease's end while leased, else its dueAt.
        JobTime readyAt() const { return leasedUntil.value_or(job.dueAt); }
    };
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> jobs_;
};

}  // namespace sesame::server::delivery
