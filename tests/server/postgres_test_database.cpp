#include "postgres_test_database.h"

#include "crypto/hmac.h"
#include "crypto/random.h"
#include "sesame_test/services_env.h"
#include "store/postgres/migrations.h"

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <sstream>

namespace sesame::server::testing {
namespace {

// CREATE/DROP DATABASE cannot run inside a transaction block.
void runOutsideTransaction(const std::string& serverUrl, const std::string& sql) {
    pqxx::connection connection(serverUrl);
    pqxx::nontransaction tx(connection);
    tx.exec0(sql);
}

}  // namespace

std::string fixturePostgresUrl() {
    const auto env = test::loadServicesEnv();
    if (!env) {
        FAIL("the services fixture is needed: " << env.error());
    }
    return env->postgresUrl;
}

std::string withDatabase(const std::string& url, const std::string& database) {
    const auto hostStart = url.find("://") + 3;
    const auto pathStart = url.find('/', hostStart);
    const auto query = url.find('?', hostStart);
    const std::string base = url.substr(0, std::min(pathStart, query));
    return base + "/" + database + (query == std::string::npos ? "" : url.substr(query));
}

TestDatabase::TestDatabase(const std::string& serverUrl, bool migrated)
    : serverUrl_(serverUrl), name_("test_" + crypto::toHex(crypto::randomBytes(8))), url_(withDatabase(serverUrl, name_)) {
    try {
        runOutsideTransaction(serverUrl_, "CREATE DATABASE " + name_);
    } catch (const std::exception& e) {
        FAIL("cannot create database " << name_ << ": " << e.what());
    }
    if (migrated) {
        std::ostringstream out;
        const int exitCode = store::runMigrations(url_, out);
        INFO(out.str());
        REQUIRE(exitCode == 0);
    }
}

TestDatabase::~TestDatabase() {
    try {
        runOutsideTransaction(serverUrl_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception&) {
        // The server may be gone (an outage test); its directory is removed with it.
    }
}

}  // namespace sesame::server::testing
