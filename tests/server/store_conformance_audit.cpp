// The AuditLog contract (store/audit_log.h), run against the memory twin and
// PostgreSQL: entries come back exactly as appended, in order.

#include "account_backends.h"
#include "store_backends.h"

#include <catch2/catch.hpp>

using namespace sesame::server::store;
using sesame::server::testing::MemoryAccounts;
using sesame::server::testing::ok;
using sesame::server::testing::PostgresAccounts;
using namespace std::chrono_literals;

namespace {

const TimePoint kT0 = TimePoint(std::chrono::seconds(1717200000)) + 654321us;

}  // namespace

TEMPLATE_TEST_CASE("AuditLog keeps every entry verbatim and in order", "[store][audit]", MemoryAccounts,
                   PostgresAccounts) {
    TestType backend;
    const std::vector<AuditEntry> appended = {
        {AuditEvent::CodeRequested, kT0, "+7700***4567", "203.0.113.7", "", "", "", "req-1", ""},
        {AuditEvent::CodeVerified, kT0 + 1s, "+7700***4567", "2001:db8::1", "Pixel 8 (android)", "u-1", "s-1",
         "req-1", ""},
        {AuditEvent::CodeFailed, kT0 + 2s, "", "", "", "", "", "", "invalid_code"},
        {AuditEvent::CodeLocked, kT0 + 3s, "+7700***4567", "203.0.113.7", "", "", "", "req-1", "attempts=0"},
        {AuditEvent::TokenRefreshed, kT0 + 4s, "", "10.0.0.1", "'; DROP TABLE audit_events; --", "u-1", "s-1", "",
         "replay_in_grace"},
        {AuditEvent::RefreshReuseDetected, kT0 + 5s, "", "", "", "", "s-1", "", "session_revoked"},
        {AuditEvent::Logout, kT0 + 6s, "", "::1", "Grüße 🙂 \"x\" \\ $1", "u-1", "s-1", "", "scope=global revoked=2"},
        {AuditEvent::SessionRevoked, kT0 + 7s, "", "", std::string(5000, 'd'), "u-1", "s-2", "", ""},
    };
    for (const auto& entry : appended) {
        ok(backend.audit.append(entry));
    }
    ok(backend.audit.append(appended[0]));  // the same entry twice is two entries
    std::vector<AuditEntry> expected = appended;
    expected.push_back(appended[0]);
    CHECK(backend.auditEntries() == expected);
}
