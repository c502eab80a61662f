#include "store/postgres/pg_audit_log.h"

#include "store/postgres/pg_codec.h"

namespace sesame::server::store {
namespace {

const std::string kAppend = "audit.append";

}  // namespace

PgAuditLog::PgAuditLog(std::shared_ptr<PgPool> pool) : pool_(std::move(pool)) {
    pool_->define({{kAppend,
                    "INSERT INTO audit_events (event, at, masked_phone, client_ip, device, user_id, session_id,"
                    " request_id, detail) VALUES ($1, sesame_from_us($2), NULLIF($3, ''), NULLIF($4, ''),"
                    " NULLIF($5, ''), NULLIF($6, ''), NULLIF($7, ''), NULLIF($8, ''), NULLIF($9, ''))"}});
}

StoreResult<Done> PgAuditLog::append(const AuditEntry& entry) {
    return pool_->transact("audit.append", [&](pqxx::work& tx) {
        pgExec(tx, kAppend, std::string(wireName(entry.event)), toMicros(entry.at), entry.maskedPhone, entry.clientIp,
               entry.device, entry.userId, entry.sessionId, entry.requestId, entry.detail);
        return Done{};
    });
}

}  // namespace sesame::server::store
