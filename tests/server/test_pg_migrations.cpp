// store/postgres/migrations: file names, the built-in set, and migrate /
// checkSchema against databases of their own.

#include "postgres_test_database.h"
#include "store/postgres/migrations.h"
#include "store_backends.h"

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <latch>
#include <sstream>
#include <thread>
#include <vector>

using namespace sesame::server::store;
using sesame::server::testing::fixturePostgresUrl;
using sesame::server::testing::TestDatabase;

namespace {

const std::vector<Migration>& builtin() {
    const auto& migrations = builtinMigrations();
    if (!migrations) {
        FAIL(migrations.error());
    }
    return migrations.value();
}

Migration migration(const std::string& fileName, const std::string& sql) {
    auto parsed = parseMigration(fileName, sql);
    if (!parsed) {
        FAIL(parsed.error());
    }
    return parsed.value();
}

struct Run {
    int exitCode;
    std::string output;
};

Run migrate(const std::string& url, const std::vector<Migration>& migrations = builtin()) {
    std::ostringstream out;
    const int exitCode = runMigrations(url, migrations, out);
    return Run{exitCode, out.str()};
}

// The first column of the first row of `sql`, as text ("" for NULL or no row).
std::string queryText(const std::string& url, const std::string& sql) {
    pqxx::connection connection(url);
    pqxx::nontransaction tx(connection);
    const auto rows = tx.exec(sql);
    return rows.empty() || rows[0][0].is_null() ? "" : rows[0][0].as<std::string>();
}

void execute(const std::string& url, const std::string& sql) {
    pqxx::connection connection(url);
    pqxx::nontransaction tx(connection);
    tx.exec(sql);
}

std::string schemaProblem(const std::string& url, const std::vector<Migration>& migrations = builtin()) {
    PgPool pool(PgPoolOptions{url, 1});
    const auto checked = checkSchema(pool, migrations);
    if (checked) {
        return "";
    }
    CHECK(checked.error().kind == StoreErrorKind::Internal);
    return checked.error().detail;
}

}  // namespace

TEST_CASE("migration files are named NNNN_<name>.sql", "[postgres][migrations]") {
    const Migration parsed = migration("0012_add_things_2.sql", "SELECT 1;");
    CHECK(parsed.version == 12);
    CHECK(parsed.name == "add_things_2");
    CHECK(parsed.sql == "SELECT 1;");
    CHECK(migration("0001_x.sql", "").checksum == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(migration("0001_x.sql", "a").checksum != migration("0001_x.sql", "b").checksum);
    for (const std::string bad : {"", "0001.sql", "0001_.sql", "001_x.sql", "00001_x.sql", "0001-x.sql",
                                  "abcd_x.sql", "0001_X.sql", "0001_x.SQL", "0001_x.sql.bak", "0001_x y.sql",
                                  "0001_grüße.sql", "0001_x.sql\n", "0001_../x.sql", "٠٠٠١_x.sql"}) {
        INFO("file name '" << bad << "'");
        CHECK_FALSE(parseMigration(bad, "SELECT 1;"));
    }
}

TEST_CASE("migration files are numbered from 1 without gaps", "[postgres][migrations]") {
    using Files = std::vector<std::pair<std::string_view, std::string_view>>;
    CHECK(loadMigrations(Files{})->empty());
    CHECK(loadMigrations(Files{{"0001_a.sql", ""}, {"0002_b.sql", ""}})->size() == 2);
    const auto gap = loadMigrations(Files{{"0001_a.sql", ""}, {"0003_c.sql", ""}});
    REQUIRE_FALSE(gap);
    CHECK(gap.error() == "migration file '0003_c.sql' should be numbered 0002");
    CHECK_FALSE(loadMigrations(Files{{"0002_b.sql", ""}}));
    CHECK_FALSE(loadMigrations(Files{{"0001_a.sql", ""}, {"0001_b.sql", ""}}));
    CHECK_FALSE(loadMigrations(Files{{"0001_a.sql", ""}, {"notes.txt", ""}}));
}

TEST_CASE("the built-in migrations are valid and create every table", "[postgres][migrations]") {
    const auto& migrations = builtin();
    REQUIRE(migrations.size() >= 2);
    CHECK(migrations[0].name == "accounts");
    CHECK(migrations[1].name == "audit_events");

    TestDatabase database(fixturePostgresUrl(), false);
    const Run run = migrate(database.url());
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    CHECK(run.output.find("applied 0001_accounts") != std::string::npos);
    CHECK(run.output.find("applied 0002_audit_events") != std::string::npos);
    for (const char* table : {"users", "shops", "sessions", "refresh_tokens", "consents", "audit_events"}) {
        INFO(table);
        CHECK(queryText(database.url(), std::string("SELECT to_regclass('") + table + "')") == table);
    }
    CHECK(queryText(database.url(), "SELECT count(*) FROM schema_migrations") == std::to_string(migrations.size()));
    CHECK(queryText(database.url(), "SELECT checksum FROM schema_migrations WHERE version = 1") ==
          migrations[0].checksum);
    CHECK(schemaProblem(database.url()).empty());
}

TEST_CASE("migrate again applies nothing and changes nothing", "[postgres][migrations]") {
    TestDatabase database;
    const std::string before = queryText(database.url(), "SELECT string_agg(applied_at::text, ',') FROM schema_migrations");
    const Run again = migrate(database.url());
    INFO(again.output);
    CHECK(again.exitCode == 0);
    CHECK(again.output.find("applied") == std::string::npos);
    CHECK(again.output.find("nothing to apply") != std::string::npos);
    CHECK(queryText(database.url(), "SELECT string_agg(applied_at::text, ',') FROM schema_migrations") == before);
}

TEST_CASE("checkSchema refuses an unmigrated or partly migrated database", "[postgres][migrations]") {
    TestDatabase database(fixturePostgresUrl(), false);
    CHECK(schemaProblem(database.url()) ==
          "database schema: the database has no schema yet: run `sesame-server migrate`");

    REQUIRE(migrate(database.url(), {builtin()[0]}).exitCode == 0);
    const std::string partly = schemaProblem(database.url());
    CHECK(partly.find("the database is at version 1") != std::string::npos);
    CHECK(partly.find("run `sesame-server migrate`") != std::string::npos);

    const Run rest = migrate(database.url());
    CHECK(rest.output.find("applied 0001") == std::string::npos);
    CHECK(rest.output.find("applied 0002_audit_events") != std::string::npos);
    CHECK(schemaProblem(database.url()).empty());
}

TEST_CASE("a migration changed after it was applied is refused by checkSchema and migrate",
          "[postgres][migrations]") {
    TestDatabase database;
    execute(database.url(), "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
    CHECK(schemaProblem(database.url()).find("migration 0001_accounts was changed after it was applied") !=
          std::string::npos);
    const Run run = migrate(database.url());
    CHECK(run.exitCode == 1);
    CHECK(run.output.find("refusing to migrate: migration 0001_accounts was changed") != std::string::npos);

    std::vector<Migration> edited = builtin();
    edited[1] = migration("0002_audit_events.sql", edited[1].sql + "\n-- an edit");
    execute(database.url(), "UPDATE schema_migrations SET checksum = '" + builtin()[0].checksum + "' WHERE version = 1");
    CHECK(schemaProblem(database.url(), edited).find("migration 0002_audit_events was changed") != std::string::npos);
}

TEST_CASE("a database migrated by a newer server is refused", "[postgres][migrations]") {
    TestDatabase database;
    execute(database.url(), "INSERT INTO schema_migrations (version, name, checksum) VALUES (99, 'future', 'x')");
    CHECK(schemaProblem(database.url()).find("has migration 0099_future, which this server does not know") !=
          std::string::npos);
    CHECK(migrate(database.url()).exitCode == 1);

    TestDatabase gap(fixturePostgresUrl(), false);
    REQUIRE(migrate(gap.url(), {builtin()[0]}).exitCode == 0);
    execute(gap.url(), "UPDATE schema_migrations SET version = 2, name = 'audit_events', checksum = '" +
                           builtin()[1].checksum + "'");
    CHECK(schemaProblem(gap.url()).find("lacks migration 0001_accounts but has later ones") != std::string::npos);
}

TEST_CASE("a failing migration is rolled back entirely and stops the run", "[postgres][migrations]") {
    TestDatabase database(fixturePostgresUrl(), false);
    const std::vector<Migration> migrations = {
        migration("0001_first.sql", "CREATE TABLE first_table (x integer);"),
        migration("0002_broken.sql", "CREATE TABLE second_table (x integer);\nSELECT no_such_function();"),
        migration("0003_third.sql", "CREATE TABLE third_table (x integer);"),
    };
    const Run run = migrate(database.url(), migrations);
    INFO(run.output);
    CHECK(run.exitCode == 1);
    CHECK(run.output.find("applied 0001_first") != std::string::npos);
    CHECK(run.output.find("no_such_function") != std::string::npos);
    CHECK(queryText(database.url(), "SELECT to_regclass('first_table')") == "first_table");
    CHECK(queryText(database.url(), "SELECT to_regclass('second_table')").empty());
    CHECK(queryText(database.url(), "SELECT to_regclass('third_table')").empty());
    CHECK(queryText(database.url(), "SELECT string_agg(version::text, ',') FROM schema_migrations") == "1");
}

TEST_CASE("concurrent migrate runs apply each migration exactly once", "[postgres][migrations][concurrency]") {
    TestDatabase database(fixturePostgresUrl(), false);
    constexpr int kRuns = 4;
    std::vector<Run> runs(kRuns);
    std::latch start(kRuns);
    std::vector<std::thread> threads;
    for (int i = 0; i < kRuns; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            runs[i] = migrate(database.url());
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    int applied = 0;
    for (const auto& run : runs) {
        INFO(run.output);
        CHECK(run.exitCode == 0);
        applied += run.output.find("applied 0001_accounts") != std::string::npos ? 1 : 0;
    }
    CHECK(applied == 1);
    CHECK(queryText(database.url(), "SELECT count(*) FROM schema_migrations") == std::to_string(builtin().size()));
    CHECK(schemaProblem(database.url()).empty());
}

TEST_CASE("migrate and checkSchema report an unreachable server", "[postgres][migrations]") {
    // Port 2 is privileged and unused on loopback: refused at once.
    const std::string url = "postgresql://postgres@127.0.0.1:2/postgres";
    const Run run = migrate(url);
    CHECK(run.exitCode == 1);
    CHECK(run.output.starts_with("migrate: failed: "));
    PgPool pool(PgPoolOptions{url, 1});
    const auto checked = checkSchema(pool);
    REQUIRE_FALSE(checked);
    CHECK(checked.error().kind == StoreErrorKind::Unavailable);
}
