#include "store/memory/memory_account_store.h"

#include <mutex>

namespace sesame::server::store {
namespace {

constexpr std::size_t kRotationsPerSweep = 512;

}  // namespace

AccountView MemoryAccountStore::viewOf(const SessionRecord& session) const {
    return AccountView{users_.at(session.userId), shops_.at(session.shopId), session};
}

void MemoryAccountStore::sweepRefresh(TimePoint now) {
    std::erase_if(refresh_, [now](const auto& entry) { return now >= entry.second.record.expiresAt; });
}

StoreResult<SignInResult> MemoryAccountStore::signIn(const SignInRequest& request) {
    std::unique_lock lock(mutex_);
    SignInResult result;
    auto known = userByPhone_.find(request.phone);
    result.isNewUser = known == userByPhone_.end();
    if (result.isNewUser) {
        users_.emplace(request.newUser.id, request.newUser);
        userByPhone_.emplace(request.phone, request.newUser.id);
        shops_.emplace(request.newShop.id, request.newShop);
        shopByOwner_.emplace(request.newUser.id, request.newShop.id);
    }
    const std::string& userId = result.isNewUser ? request.newUser.id : known->second;
    SessionRecord session = request.session;
    session.userId = userId;
    session.shopId = shopByOwner_.at(userId);
    sessions_.insert_or_assign(session.id, session);
    sessionsByUser_[userId].push_back(session.id);
    refresh_.insert_or_assign(request.refresh.tokenHash, RefreshState{request.refresh, std::nullopt, {}});
    result.account = viewOf(session);
    return result;
}

StoreResult<RotateOutcome> MemoryAccountStore::rotateRefresh(const RotateRequest& request) {
    std::unique_lock lock(mutex_);
    const TimePoint now = request.now;
    if (++rotationsSinceSweep_ >= kRotationsPerSweep) {
        rotationsSinceSweep_ = 0;
        sweepRefresh(now);
    }
    auto found = refresh_.find(request.presentedHash);
    if (found == refresh_.end()) {
        return RotateOutcome{};
    }
    RefreshState& presented = found->second;
    auto sessionIt = sessions_.find(presented.record.sessionId);
    if (sessionIt == sessions_.end() || sessionIt->second.revokedAt) {
        return RotateOutcome{};
    }
    SessionRecord& session = sessionIt->second;
    if (presented.rotatedAt) {
        if (now < *presented.rotatedAt + request.reuseGrace) {
            auto successor = refresh_.find(presented.successorHash);
            if (successor == refresh_.end()) {
                return RotateOutcome{};  // swept: the successor itself has expired
            }
            return RotateOutcome{RotateStatus::ReplayInGrace, viewOf(session), successor->second.record, {}};
        }
        session.revokedAt = now;
        return RotateOutcome{RotateStatus::Reused, std::nullopt, std::nullopt, session.id};
    }
    if (now >= presented.record.expiresAt) {
        return RotateOutcome{};
    }
    RefreshRecord successor = request.successor;
    successor.sessionId = session.id;
    presented.rotatedAt = now;
    presented.successorHash = successor.tokenHash;
    session.lastSeenAt = now;
    session.expiresAt = successor.expiresAt;
    refresh_.insert_or_assign(successor.tokenHash, RefreshState{successor, std::nullopt, {}});
    return RotateOutcome{RotateStatus::Rotated, viewOf(session), successor, {}};
}

StoreResult<std::optional<SessionRecord>> MemoryAccountStore::findSession(const std::string& sessionId) {
    std::shared_lock lock(mutex_);
    auto it = sessions_.find(sessionId);
    return it == sessions_.end() ? std::optional<SessionRecord>() : it->second;
}

StoreResult<std::optional<AccountView>> MemoryAccountStore::findAccount(const std::string& userId,
                                                                        const std::string& sessionId) {
    std::shared_lock lock(mutex_);
    auto it = sessions_.find(sessionId);
    if (it == sessions_.end() || it->second.userId != userId) {
        return std::optional<AccountView>();
    }
    return std::optional<AccountView>(viewOf(it->second));
}

StoreResult<bool> MemoryAccountStore::updateProfile(const std::string& userId, const ProfileUpdate& update) {
    std::unique_lock lock(mutex_);
    auto user = users_.find(userId);
    if (user == users_.end()) {
        return false;
    }
    ShopRecord& shop = shops_.at(shopByOwner_.at(userId));
    if (update.name) {
        user->second.name = update.name;
    }
    if (update.shopName) {
        shop.name = update.shopName;
    }
    if (update.shopLanguage) {
        shop.language = *update.shopLanguage;
    }
    if (update.shopCurrency) {
        shop.currency = *update.shopCurrency;
    }
    if (update.consent) {
        consents_[userId].push_back(ConsentRecord{update.consent->termsVersion, update.consent->marketing, update.now});
    }
    return true;
}

StoreResult<std::vector<SessionRecord>> MemoryAccountStore::listSessions(const std::string& userId,
                                                                         TimePoint now) {
    std::shared_lock lock(mutex_);
    std::vector<SessionRecord> active;
    if (auto ids = sessionsByUser_.find(userId); ids != sessionsByUser_.end()) {
        for (const auto& id : ids->second) {
            const SessionRecord& session = sessions_.at(id);
            if (!session.revokedAt && now < session.expiresAt) {
                active.push_back(session);
            }
        }
    }
    return active;
}

StoreResult<bool> MemoryAccountStore::revokeSession(const std::string& userId, const std::string& sessionId,
                                                    TimePoint now) {
    std::unique_lock lock(mutex_);
    auto it = sessions_.find(sessionId);
    if (it == sessions_.end() || it->second.userId != userId) {
        return false;
    }
    if (!it->second.revokedAt) {
        it->second.revokedAt = now;
    }
    return true;
}

StoreResult<int> MemoryAccountStore::revokeSessions(const std::string& userId,
                                                    const std::optional<std::string>& keep, TimePoint now) {
    std::unique_lock lock(mutex_);
    int revoked = 0;
    if (auto ids = sessionsByUser_.find(userId); ids != sessionsByUser_.end()) {
        for (const auto& id : ids->second) {
            SessionRecord& session = sessions_.at(id);
            if (!session.revokedAt && id != keep) {
                session.revokedAt = now;
                ++revoked;
            }
        }
    }
    return revoked;
}

StoreResult<std::vector<ConsentRecord>> MemoryAccountStore::consents(const std::string& userId) {
    std::shared_lock lock(mutex_);
    auto it = consents_.find(userId);
    return it == consents_.end() ? std::vector<ConsentRecord>() : it->second;
}

}  // namespace sesame::server::store
