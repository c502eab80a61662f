#include "delivery/queue/memory_job_queue.h"

#include <algorithm>

namespace sesame::server::delivery {

store::StoreResult<store::Done> MemoryJobQueue::push(const Job& job) {
    const std::lock_guard lock(mutex_);
    jobs_[job.id] = Entry{job, std::nullopt};
    return store::Done{};
}

store::StoreResult<std::vector<Job>> MemoryJobQueue::take(const std::string& upstream, JobTime now, std::size_t max,
                                                          std::chrono::seconds lease) {
    const std::lock_guard lock(mutex_);
    std::vector<Entry*> ready;
    for (auto& [id, entry] : jobs_) {
        if (entry.job.upstream == upstream && entry.readyAt() <= now) {
            ready.push_back(&entry);
        }
    }
    std::sort(ready.begin(), ready.end(), [](const Entry* a, const Entry* b) {
        return a->readyAt() != b->readyAt() ? a->readyAt() < b->readyAt() : a->job.id < b->job.id;
    });
    ready.resize(std::min(ready.size(), max));
    std::vector<Job> taken;
    for (Entry* entry : ready) {
        entry->leasedUntil = now + lease;
        taken.push_back(entry->job);
    }
    return taken;
}

store::StoreResult<store::Done> MemoryJobQueue::remove(const std::string& id) {
    const std::lock_guard lock(mutex_);
    jobs_.erase(id);
    return store::Done{};
}

store::StoreResult<bool> MemoryJobQueue::reschedule(const std::string& id, JobTime dueAt) {
    const std::lock_guard lock(mutex_);
    const auto found = jobs_.find(id);
    if (found == jobs_.end()) {
        return false;
    }
    found->second.job.dueAt = dueAt;
    found->second.leasedUntil.reset();
    return true;
}

store::StoreResult<std::optional<Job>> MemoryJobQueue::find(const std::string& id) {
    const std::lock_guard lock(mutex_);
    const auto found = jobs_.find(id);
    return found == jobs_.end() ? std::optional<Job>{} : found->second.job;
}

store::StoreResult<std::optional<JobTime>> MemoryJobQueue::nextDue(const std::string& upstream) {
    const std::lock_guard lock(mutex_);
    std::optional<JobTime> next;
    for (const auto& [id, entry] : jobs_) {
        if (entry.job.upstream == upstream && (!next || entry.readyAt() < *next)) {
            next = entry.readyAt();
        }
    }
    return next;
}

}  // namespace sesame::server::delivery
