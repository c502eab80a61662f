#pragma once
// A database of its own for each test, on the fixture's PostgreSQL (or a
// private instance), so PostgreSQL tests run in parallel without sharing rows.

#include <string>

namespace sesame::server::testing {

// The fixture's PostgreSQL URL (tests/fixtures: SESAME_TEST_SERVICES_ENV);
// fails the test when the fixture is missing.
std::string fixturePostgresUrl();

// `url` naming database `database` instead of its own.
std::string withDatabase(const std::string& url, const std::string& database);

class TestDatabase {
public:
    // Creates database test_<random hex> on the server of `serverUrl`; when
    // `migrated`, applies the built-in migrations too. Fails the test on error.
    explicit TestDatabase(const std::string& serverUrl = fixturePostgresUrl(), bool migrated = true);
    // Drops the database, closing whatever is still connected to it.
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    const std::string& name() const { return name_; }
    const std::string& url() const { return url_; }

private:
    std::string serverUrl_;
    std::string name_;
    std::string url_;
};

}  // namespace sesame::server::testing
