#pragma once
// AccountStore in process memory (mock mode and tests). A reader-writer lock
// makes every call one atomic step, as a transaction would. Refresh records
// are dropped once expired (by a sweep every few hundred rotations); until
// then a rotated one is kept so its reuse is still detected.

#include "store/account_store.h"

#include <cstddef>
#include <shared_mutex>
#include <unordered_map>

namespace sesame::server::store {

class MemoryAccountStore final : public AccountStore {
public:
    StoreResult<SignInResult> signIn(const SignInRequest& request) override;
    StoreResult<RotateOutcome> rotateRefresh(const RotateRequest& request) override;
    StoreResult<std::optional<SessionRecord>> findSession(const std::string& sessionId) override;
    StoreResult<std::optional<AccountView>> findAccount(const std::string& userId,
                                                        const std::string& sessionId) override;
    StoreResult<bool> updateProfile(const std::string& userId, const ProfileUpdate& update) override;
    StoreResult<std::vector<SessionRecord>> listSessions(const std::string& userId, TimePoint now) override;
    StoreResult<bool> revokeSession(const std::string& userId, const std::string& sessionId,
                                    TimePoint now) override;
    StoreResult<int> revokeSessions(const std::string& userId, const std::optional<std::string>& keep,
                                    TimePoint now) override;
    StoreResult<std::vector<ConsentRecord>> consents(const std::string& userId) override;

private:
    struct RefreshState {
        RefreshRecord record;
        std::optional<TimePoint> rotatedAt;
        std::string successorHash;
    };

    // The user, shop and given session; caller holds the lock.
    AccountView viewOf(const SessionRecord& session) const;
    void sweepRefresh(TimePoint now);

    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, UserRecord> users_;
    std::unordered_map<std::string, std::string> userByPhone_;
    std::unordered_map<std::string, ShopRecord> shops_;
    std::unordered_map<std::string, std::string> shopByOwner_;
    std::unordered_map<std::string, SessionRecord> sessions_;
    std::unordered_map<std::string, std::vector<std::string>> sessionsByUser_;  // creation order
    std::unordered_map<std::string, RefreshState> refresh_;
    std::unordered_map<std::string, std::vector<ConsentRecord>> consents_;
    std::size_t rotationsSinceSweep_ = 0;
};

}  // namespace sesame::server::store
