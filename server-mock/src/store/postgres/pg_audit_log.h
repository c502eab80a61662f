#pragma once
// AuditLog on PostgreSQL (table audit_events): one INSERT per entry, empty
// fields stored as NULL, values as parameters (stored verbatim).

#include "store/audit_log.h"
#include "store/postgres/pg_pool.h"

#include <memory>

namespace sesame::server::store {

class PgAuditLog final : public AuditLog {
public:
    // Defines the log's statement on `pool`; the schema must be migrated.
    explicit PgAuditLog(std::shared_ptr<PgPool> pool);

    StoreResult<Done> append(const AuditEntry& entry) override;

private:
    std::shared_ptr<PgPool> pool_;
};

}  // namespace sesame::server::store
