#include "account_backends.h"

#include "store/postgres/pg_codec.h"

#include <catch2/catch.hpp>

namespace sesame::server::testing {
namespace {

constexpr store::AuditEvent kEvents[] = {
    store::AuditEvent::CodeRequested, store::AuditEvent::CodeVerified,         store::AuditEvent::CodeFailed,
    store::AuditEvent::CodeLocked,    store::AuditEvent::TokenRefreshed,       store::AuditEvent::RefreshReuseDetected,
    store::AuditEvent::Logout,        store::AuditEvent::SessionRevoked,
};

store::AuditEvent eventNamed(const std::string& name) {
    for (const auto event : kEvents) {
        if (store::wireName(event) == name) {
            return event;
        }
    }
    FAIL("unknown audit event '" << name << "'");
    return {};
}

std::string textOrEmpty(const pqxx::field& field) { return field.is_null() ? "" : field.as<std::string>(); }

}  // namespace

std::vector<store::AuditEntry> PostgresAccounts::auditEntries() {
    pqxx::connection connection(database.url());
    pqxx::read_transaction tx(connection);
    std::vector<store::AuditEntry> entries;
    for (const auto& row : tx.exec("SELECT event, sesame_to_us(at), masked_phone, client_ip, device, user_id,"
                                   " session_id, request_id, detail FROM audit_events ORDER BY id")) {
        entries.push_back(store::AuditEntry{eventNamed(row[0].as<std::string>()), store::timeOf(row[1]),
                                            textOrEmpty(row[2]), textOrEmpty(row[3]), textOrEmpty(row[4]),
                                            textOrEmpty(row[5]), textOrEmpty(row[6]), textOrEmpty(row[7]),
                                            textOrEmpty(row[8])});
    }
    return entries;
}

}  // namespace sesame::server::testing
