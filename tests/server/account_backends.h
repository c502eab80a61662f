#pragma once
// The AccountStore and AuditLog backends the conformance suites
// (store_conformance_accounts.cpp, store_conformance_audit.cpp) run against,
// as Catch2 template parameters: each makes fresh, empty stores.

#include "postgres_test_database.h"
#include "store/memory/memory_account_store.h"
#include "store/memory/memory_audit_log.h"
#include "store/postgres/pg_account_store.h"
#include "store/postgres/pg_audit_log.h"
#include "store/postgres/pg_pool.h"

#include <memory>
#include <vector>

namespace sesame::server::testing {

struct MemoryAccounts {
    store::MemoryAccountStore accounts;
    store::MemoryAuditLog audit;

    std::vector<store::AuditEntry> auditEntries() { return audit.entries(); }
};

// Stores on a migrated database of their own.
struct PostgresAccounts {
    TestDatabase database;
    std::shared_ptr<store::PgPool> pool = std::make_shared<store::PgPool>(store::PgPoolOptions{database.url()});
    store::PgAccountStore accounts{pool};
    store::PgAuditLog audit{pool};

    // Every row of audit_events, oldest first.
    std::vector<store::AuditEntry> auditEntries();
};

}  // namespace sesame::server::testing
