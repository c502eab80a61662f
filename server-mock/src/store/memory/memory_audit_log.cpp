#include "store/memory/memory_audit_log.h"

namespace sesame::server::store {

MemoryAuditLog::MemoryAuditLog(std::size_t capacity) : capacity_(capacity) {}

StoreResult<Done> MemoryAuditLog::append(const AuditEntry& entry) {
    std::lock_guard lock(mutex_);
    entries_.push_back(entry);
    while (entries_.size() > capacity_) {
        entries_.pop_front();
    }
    return Done{};
}

std::vector<AuditEntry> MemoryAuditLog::entries() const {
    std::lock_guard lock(mutex_);
    return {entries_.begin(), entries_.end()};
}

}  // namespace sesame::server::store
