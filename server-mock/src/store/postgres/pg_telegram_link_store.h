#pragma once
// TelegramLinkStore on PostgreSQL (tables telegram_links and
// telegram_pending_links); values as parameters, times as microseconds.

#include "store/postgres/pg_pool.h"
#include "store/telegram_link_store.h"

#include <memory>

namespace sesame::server::store {

class PgTelegramLinkStore final : public TelegramLinkStore {
public:
    // Defines the store's statements on `pool`; the schema must be migrated.
    explicit PgTelegramLinkStore(std::shared_ptr<PgPool> pool);

    StoreResult<std::optional<std::int64_t>> chatFor(const std::string& phone) override;
    StoreResult<Done> link(const std::string& phone, std::int64_t chatId, TimePoint at) override;
    StoreResult<bool> unlinkChat(std::int64_t chatId) override;
    StoreResult<Done> addPending(const TelegramPendingLink& pending, TimePoint now) override;
    StoreResult<bool> attachChat(const std::string& nonce, std::int64_t chatId, TimePoint now) override;
    StoreResult<std::optional<TelegramPendingLink>> pendingForChat(std::int64_t chatId, TimePoint now) override;
    StoreResult<Done> dropPending(const std::string& requestId) override;

private:
    std::shared_ptr<PgPool> pool_;
};

}  // namespace sesame::server::store
