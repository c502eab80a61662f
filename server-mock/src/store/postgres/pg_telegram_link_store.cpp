#include "store/postgres/pg_telegram_link_store.h"

#include "store/postgres/pg_codec.h"

namespace sesame::server::store {
namespace {

const std::string kChatFor = "telegram.chat_for";
const std::string kUnlinkOthers = "telegram.unlink_others";
const std::string kLink = "telegram.link";
const std::string kUnlinkChat = "telegram.unlink_chat";
const std::string kPurgePending = "telegram.purge_pending";
const std::string kAddPending = "telegram.add_pending";
const std::string kDetachChat = "telegram.detach_chat";
const std::string kAttachChat = "telegram.attach_chat";
const std::string kPendingForChat = "telegram.pending_for_chat";
const std::string kDropPending = "telegram.drop_pending";

std::vector<PgStatement> statements() {
    return {
        {kChatFor, "SELECT chat_id FROM telegram_links WHERE phone = $1"},
        {kUnlinkOthers, "DELETE FROM telegram_links WHERE chat_id = $2 AND phone <> $1"},
        {kLink,
         "INSERT INTO telegram_links (phone, chat_id, linked_at) VALUES ($1, $2, sesame_from_us($3))"
         " ON CONFLICT (phone) DO UPDATE SET chat_id = EXCLUDED.chat_id, linked_at = EXCLUDED.linked_at"},
        {kUnlinkChat, "DELETE FROM telegram_links WHERE chat_id = $1"},
        {kPurgePending, "DELETE FROM telegram_pending_links WHERE expires_at <= sesame_from_us($1)"},
        {kAddPending,
         "INSERT INTO telegram_pending_links (nonce, phone, request_id, sealed_text, chat_id, expires_at)"
         " VALUES ($1, $2, $3, $4, NULL, sesame_from_us($5))"},
        {kDetachChat, "UPDATE telegram_pending_links SET chat_id = NULL WHERE chat_id = $1 AND nonce <> $2"},
        {kAttachChat,
         "UPDATE telegram_pending_links SET chat_id = $2 WHERE nonce = $1 AND expires_at > sesame_from_us($3)"},
        {kPendingForChat,
         "SELECT nonce, phone, request_id, sealed_text, chat_id, sesame_to_us(expires_at) FROM telegram_pending_links"
         " WHERE chat_id = $1 AND expires_at > sesame_from_us($2) LIMIT 1"},
        {kDropPending, "DELETE FROM telegram_pending_links WHERE request_id = $1"},
    };
}

}  // namespace

PgTelegramLinkStore::PgTelegramLinkStore(std::shared_ptr<PgPool> pool) : pool_(std::move(pool)) {
    pool_->define(statements());
}

StoreResult<std::optional<std::int64_t>> PgTelegramLinkStore::chatFor(const std::string& phone) {
    return pool_->transact("telegram.chat_for", [&](pqxx::work& tx) {
        const pqxx::result rows = pgExec(tx, kChatFor, phone);
        return rows.empty() ? std::optional<std::int64_t>() : std::optional(rows[0][0].as<std::int64_t>());
    });
}

StoreResult<Done> PgTelegramLinkStore::link(const std::string& phone, std::int64_t chatId, TimePoint at) {
    return pool_->transact("telegram.link", [&](pqxx::work& tx) {
        pgExec(tx, kUnlinkOthers, phone, chatId);
        pgExec(tx, kLink, phone, chatId, toMicros(at));
        return Done{};
    });
}

StoreResult<bool> PgTelegramLinkStore::unlinkChat(std::int64_t chatId) {
    return pool_->transact("telegram.unlink_chat",
                           [&](pqxx::work& tx) { return pgExec(tx, kUnlinkChat, chatId).affected_rows() > 0; });
}

StoreResult<Done> PgTelegramLinkStore::addPending(const TelegramPendingLink& pending, TimePoint now) {
    return pool_->transact("telegram.add_pending", [&](pqxx::work& tx) {
        pgExec(tx, kPurgePending, toMicros(now));
        pgExec(tx, kAddPending, pending.nonce, pending.phone, pending.requestId, pending.sealedText,
               toMicros(pending.expiresAt));
        return Done{};
    });
}

StoreResult<bool> PgTelegramLinkStore::attachChat(const std::string& nonce, std::int64_t chatId, TimePoint now) {
    return pool_->transact("telegram.attach_chat", [&](pqxx::work& tx) {
        if (pgExec(tx, kAttachChat, nonce, chatId, toMicros(now)).affected_rows() == 0) {
            return false;
        }
        pgExec(tx, kDetachChat, chatId, nonce);
        return true;
    });
}

StoreResult<std::optional<TelegramPendingLink>> PgTelegramLinkStore::pendingForChat(std::int64_t chatId,
                                                                                   TimePoint now) {
    return pool_->transact("telegram.pending_for_chat", [&](pqxx::work& tx) {
        const pqxx::result rows = pgExec(tx, kPendingForChat, chatId, toMicros(now));
        if (rows.empty()) {
            return std::optional<TelegramPendingLink>();
        }
        const pqxx::row row = rows[0];
        return std::optional(TelegramPendingLink{row[0].as<std::string>(), row[1].as<std::string>(),
                                                 row[2].as<std::string>(), row[3].as<std::string>(),
                                                 row[4].as<std::int64_t>(), fromMicros(row[5].as<long long>())});
    });
}

StoreResult<Done> PgTelegramLinkStore::dropPending(const std::string& requestId) {
    return pool_->transact("telegram.drop_pending", [&](pqxx::work& tx) {
        pgExec(tx, kDropPending, requestId);
        return Done{};
    });
}

}  // namespace sesame::server::store
