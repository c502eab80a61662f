#pragma once
// Versioned SQL migrations: server-mock/migrations/NNNN_<name>.sql, compiled
// into the binary. `sesame-server migrate` applies the pending ones, each in
// its own transaction, recorded in schema_migrations with a SHA-256 of its
// text; a full-mode server refuses to start unless the database holds
// exactly the binary's migrations.

#include "store/postgres/pg_pool.h"
#include "store/store_result.h"

#include <sesame/contract/expected.h>

#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sesame::server::store {

struct Migration {
    int version = 0;       // NNNN
    std::string name;      // <name>
    std::string sql;
    std::string checksum;  // hex SHA-256 of `sql`
};

// A migration from its file name ("0001_accounts.sql": four digits, '_', a
// name of [a-z0-9_], ".sql") and text; the error says what is wrong.
contract::Expected<Migration, std::string> parseMigration(std::string_view fileName, std::string_view sql);

// `files` (name and text, in name order) as migrations numbered 1, 2, ...
// without gaps; the error names the first file that breaks this.
contract::Expected<std::vector<Migration>, std::string> loadMigrations(
    const std::vector<std::pair<std::string_view, std::string_view>>& files);

// The migrations compiled into this binary (loadMigrations of its files).
const contract::Expected<std::vector<Migration>, std::string>& builtinMigrations();

// Applies the pending `migrations` to the database at `url`, holding an
// advisory lock so concurrent runs apply each migration once. Refuses to do
// anything when an applied migration's checksum differs or the database has
// versions `migrations` lacks. Reports progress and errors to `out`; returns
// the process exit code (0 success, 1 failure).
int runMigrations(const std::string& url, std::ostream& out);
int runMigrations(const std::string& url, const std::vector<Migration>& migrations, std::ostream& out);

// Done when the database behind `pool` has exactly `migrations` applied,
// with matching checksums; otherwise Internal with a message for the
// operator (what differs, and to run `sesame-server migrate` when that
// helps), or Unavailable when PostgreSQL cannot be reached.
StoreResult<Done> checkSchema(PgPool& pool);
StoreResult<Done> checkSchema(PgPool& pool, const std::vector<Migration>& migrations);

}  // namespace sesame::server::store
