#pragma once
// AuditLog in process memory: the newest `capacity` entries, oldest dropped
// first, so a long-running mock server stays bounded.

#include "store/audit_log.h"

#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

namespace sesame::server::store {

class MemoryAuditLog final : public AuditLog {
public:
    explicit MemoryAuditLog(std::size_t capacity = 10000);

    StoreResult<Done> append(const AuditEntry& entry) override;

    // A copy of the held entries, oldest first.
    std::vector<AuditEntry> entries() const;

private:
    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::deque<AuditEntry> entries_;
};

}  // namespace sesame::server::store
