#include "store/memory/memory_telegram_link_store.h"

#include <algorithm>

namespace sesame::server::store {

StoreResult<std::optional<std::int64_t>> MemoryTelegramLinkStore::chatFor(const std::string& phone) {
    std::lock_guard lock(mutex_);
    const auto found = chatOfPhone_.find(phone);
    return found == chatOfPhone_.end() ? std::nullopt : std::optional<std::int64_t>(found->second);
}

StoreResult<Done> MemoryTelegramLinkStore::link(const std::string& phone, std::int64_t chatId, TimePoint) {
    std::lock_guard lock(mutex_);
    std::erase_if(chatOfPhone_, [&](const auto& entry) { return entry.second == chatId; });
    chatOfPhone_[phone] = chatId;
    return Done{};
}

StoreResult<bool> MemoryTelegramLinkStore::unlinkChat(std::int64_t chatId) {
    std::lock_guard lock(mutex_);
    return std::erase_if(chatOfPhone_, [&](const auto& entry) { return entry.second == chatId; }) > 0;
}

StoreResult<Done> MemoryTelegramLinkStore::addPending(const TelegramPendingLink& pending, TimePoint now) {
    std::lock_guard lock(mutex_);
    std::erase_if(pending_, [&](const auto& entry) { return entry.second.expiresAt <= now; });
    TelegramPendingLink stored = pending;
    stored.chatId = 0;
    pending_[stored.nonce] = std::move(stored);
    return Done{};
}

StoreResult<bool> MemoryTelegramLinkStore::attachChat(const std::string& nonce, std::int64_t chatId, TimePoint now) {
    std::lock_guard lock(mutex_);
    const auto found = pending_.find(nonce);
    if (found == pending_.end() || found->second.expiresAt <= now) {
        return false;
    }
    for (auto& [key, link] : pending_) {
        if (link.chatId == chatId) {
            link.chatId = 0;
        }
    }
    found->second.chatId = chatId;
    return true;
}

StoreResult<std::optional<TelegramPendingLink>> MemoryTelegramLinkStore::pendingForChat(std::int64_t chatId,
                                                                                       TimePoint now) {
    std::lock_guard lock(mutex_);
    const auto found = std::find_if(pending_.begin(), pending_.end(), [&](const auto& entry) {
        return entry.second.chatId == chatId && entry.second.expiresAt > now;
    });
    return found == pending_.end() ? std::nullopt : std::optional<TelegramPendingLink>(found->second);
}

StoreResult<Done> MemoryTelegramLinkStore::dropPending(const std::string& requestId) {
    std::lock_guard lock(mutex_);
    std::erase_if(pending_, [&](const auto& entry) { return entry.second.requestId == requestId; });
    return Done{};
}

}  // namespace sesame::server::store
