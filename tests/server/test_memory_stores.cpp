// What only the memory backends do; the behaviour every backend shares is in
// the store_conformance_*.cpp suites, which run against memory and the real services.

#include "store/memory/memory_audit_log.h"

#include <catch2/catch.hpp>

using namespace sesame::server::store;

namespace {

const TimePoint kT0{std::chrono::seconds(1717200000)};

}  // namespace

TEST_CASE("MemoryAuditLog keeps the newest entries up to its capacity", "[store][audit]") {
    MemoryAuditLog log(2);
    for (const char* detail : {"1", "2", "3"}) {
        REQUIRE(log.append(AuditEntry{AuditEvent::CodeFailed, kT0, "", "", "", "", "", "", detail}));
    }
    const auto entries = log.entries();
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].detail == "2");
    CHECK(entries[1].detail == "3");
    CHECK(wireName(AuditEvent::RefreshReuseDetected) == "reuse_detected");
    CHECK(wireName(AuditEvent::SessionRevoked) == "session_revoked");
}
