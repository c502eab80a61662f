#include "store/postgres/migrations.h"

#include "crypto/hmac.h"
#include "store/postgres/embedded_migrations.h"

#include <pqxx/pqxx>

#include <algorithm>
#include <cstdio>

namespace sesame::server::store {
namespace {

// pg_advisory_lock key of `migrate` ("SESMIGRT").
constexpr long long kLockKey = 0x5345534d49475254;
constexpr std::chrono::seconds kConnectTimeout{10};

const std::string kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL,"
    " checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())";

struct Applied {
    int version = 0;
    std::string name;
    std::string checksum;
};

// "0001", as file names number a migration.
std::string versionText(int version) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%04d", version);
    return digits;
}

// "0001_accounts", as files and messages name a migration.
std::string label(int version, const std::string& name) { return versionText(version) + "_" + name; }

std::vector<Applied> appliedMigrations(pqxx::transaction_base& tx) {
    std::vector<Applied> applied;
    for (const auto& row : tx.exec("SELECT version, name, checksum FROM schema_migrations ORDER BY version")) {
        applied.push_back(Applied{row[0].as<int>(), row[1].as<std::string>(), row[2].as<std::string>()});
    }
    return applied;
}

// Why `applied` is not the start of `migrations`, or "".
std::string mismatch(const std::vector<Applied>& applied, const std::vector<Migration>& migrations) {
    for (std::size_t i = 0; i < applied.size(); ++i) {
        const Applied& a = applied[i];
        const auto known = std::find_if(migrations.begin(), migrations.end(),
                                        [&](const Migration& m) { return m.version == a.version; });
        if (known == migrations.end()) {
            return "the database has migration " + label(a.version, a.name) +
                   ", which this server does not know (was it migrated by a newer server?)";
        }
        if (known - migrations.begin() != static_cast<std::ptrdiff_t>(i)) {
            return "the database lacks migration " + label(migrations[i].version, migrations[i].name) +
                   " but has later ones";
        }
        if (a.name != known->name || a.checksum != known->checksum) {
            return "migration " + label(a.version, a.name) + " was changed after it was applied (database checksum " +
                   a.checksum + ", this server's " + label(known->version, known->name) + " " + known->checksum + ")";
        }
    }
    return {};
}

void applyOne(pqxx::connection& connection, const Migration& migration) {
    pqxx::work tx(connection);
    tx.exec(migration.sql);
    tx.exec_params("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", migration.version,
                   migration.name, migration.checksum);
    tx.commit();
}

// Applies what is pending; the caller holds the advisory lock.
int applyPending(pqxx::connection& connection, const std::vector<Migration>& migrations, std::ostream& out) {
    std::vector<Applied> applied;
    {
        pqxx::work tx(connection);
        tx.exec(kCreateTable);
        applied = appliedMigrations(tx);
        tx.commit();
    }
    if (auto problem = mismatch(applied, migrations); !problem.empty()) {
        out << "migrate: refusing to migrate: " << problem << '\n';
        return 1;
    }
    for (std::size_t i = applied.size(); i < migrations.size(); ++i) {
        applyOne(connection, migrations[i]);
        out << "migrate: applied " << label(migrations[i].version, migrations[i].name) << '\n';
    }
    if (migrations.empty()) {
        out << "migrate: there are no migrations\n";
    } else {
        const Migration& last = migrations.back();
        out << "migrate: the database is at version " << label(last.version, last.name)
            << (applied.size() == migrations.size() ? ", nothing to apply\n" : "\n");
    }
    return 0;
}

bool isNameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

contract::Expected<Migration, std::string> parseMigration(std::string_view fileName, std::string_view sql) {
    const std::string quoted = "'" + std::string(fileName) + "'";
    constexpr std::string_view kSuffix = ".sql";
    if (fileName.size() < 6 + kSuffix.size() || !fileName.ends_with(kSuffix) || fileName[4] != '_') {
        return contract::unexpected("migration file " + quoted + " is not named NNNN_<name>.sql");
    }
    const std::string_view digits = fileName.substr(0, 4);
    const std::string_view name = fileName.substr(5, fileName.size() - 5 - kSuffix.size());
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        !std::all_of(name.begin(), name.end(), isNameChar)) {
        return contract::unexpected("migration file " + quoted + " is not named NNNN_<name>.sql with <name> in [a-z0-9_]");
    }
    Migration migration;
    migration.version = std::stoi(std::string(digits));
    migration.name = std::string(name);
    migration.sql = std::string(sql);
    migration.checksum = crypto::toHex(crypto::sha256(sql));
    return migration;
}

contract::Expected<std::vector<Migration>, std::string> loadMigrations(
    const std::vector<std::pair<std::string_view, std::string_view>>& files) {
    std::vector<Migration> migrations;
    for (const auto& [fileName, sql] : files) {
        auto migration = parseMigration(fileName, sql);
        if (!migration) {
            return contract::unexpected(migration.error());
        }
        const int expected = static_cast<int>(migrations.size()) + 1;
        if (migration->version != expected) {
            return contract::unexpected("migration file '" + std::string(fileName) + "' should be numbered " +
                                        versionText(expected));
        }
        migrations.push_back(std::move(migration).value());
    }
    return migrations;
}

const contract::Expected<std::vector<Migration>, std::string>& builtinMigrations() {
    static const auto migrations = loadMigrations(embedded::migrationFiles());
    return migrations;
}

int runMigrations(const std::string& url, std::ostream& out) {
    const auto& migrations = builtinMigrations();
    if (!migrations) {
        out << "migrate: " << migrations.error() << '\n';
        return 1;
    }
    return runMigrations(url, migrations.value(), out);
}

int runMigrations(const std::string& url, const std::vector<Migration>& migrations, std::ostream& out) {
    try {
        // No statement_timeout: a migration may rewrite a large table.
        pqxx::connection connection(pgConnectionString(url, kConnectTimeout, std::chrono::milliseconds(0)));
        {
            pqxx::nontransaction session(connection);
            session.exec_params("SELECT pg_advisory_lock($1)", kLockKey);
        }
        // The lock goes with the connection, also when applying fails.
        return applyPending(connection, migrations, out);
    } catch (const std::exception& e) {
        out << "migrate: failed: " << e.what() << (std::string_view(e.what()).ends_with('\n') ? "" : "\n");
        return 1;
    }
}

StoreResult<Done> checkSchema(PgPool& pool) {
    const auto& migrations = builtinMigrations();
    if (!migrations) {
        return storeInternal(migrations.error());
    }
    return checkSchema(pool, migrations.value());
}

StoreResult<Done> checkSchema(PgPool& pool, const std::vector<Migration>& migrations) {
    auto problem = pool.transact("schema.check", [&](pqxx::work& tx) -> std::string {
        if (tx.exec1("SELECT to_regclass('schema_migrations') IS NULL")[0].as<bool>()) {
            return "the database has no schema yet: run `sesame-server migrate`";
        }
        const std::vector<Applied> applied = appliedMigrations(tx);
        if (auto differs = mismatch(applied, migrations); !differs.empty()) {
            return differs;
        }
        if (applied.size() < migrations.size()) {
            const Migration& last = migrations.back();
            return "the database is at version " + std::to_string(applied.size()) + ", this server needs " +
                   label(last.version, last.name) + ": run `sesame-server migrate`";
        }
        return {};
    });
    if (!problem) {
        return contract::unexpected(problem.error());
    }
    if (!problem.value().empty()) {
        return storeInternal("database schema: " + problem.value());
    }
    return Done{};
}

}  // namespace sesame::server::store
