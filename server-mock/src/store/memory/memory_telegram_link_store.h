#pragma once
// TelegramLinkStore in process memory (mock mode, tests). Thread-safe.

#include "store/telegram_link_store.h"

#include <map>
#include <mutex>

namespace sesame::server::store {

class MemoryTelegramLinkStore final : public TelegramLinkStore {
public:
    StoreResult<std::optional<std::int64_t>> chatFor(const std::string& phone) override;
    StoreResult<Done> link(const std::string& phone, std::int64_t chatId, TimePoint at) override;
    StoreResult<bool> unlinkChat(std::int64_t chatId) override;
    StoreResult<Done> addPending(const TelegramPendingLink& pending, TimePoint now) override;
    StoreResult<bool> attachChat(const std::string& nonce, std::int64_t chatId, TimePoint now) override;
    StoreResult<std::optional<TelegramPendingLink>> pendingForChat(std::int64_t chatId, TimePoint now) override;
    StoreResult<Done> dropPending(const std::string& requestId) override;

private:
    std::mutex mutex_;
    std::map<std::string, std::int64_t> chatOfPhone_;
    std::map<std::string, TelegramPendingLink> pending_;  // by nonce
};

}  // namespace sesame::server::store
