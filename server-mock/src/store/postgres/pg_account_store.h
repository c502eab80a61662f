#pragma once
// AccountStore on PostgreSQL (full mode), with the exact semantics of
// MemoryAccountStore. Each call is one transaction on a pooled connection;
// rotations of one token are serialized by a row lock. Times are kept to the
// microsecond. Ids must be canonical UUIDs: any other id is unknown.

#include "store/account_store.h"
#include "store/postgres/pg_pool.h"

#include <atomic>
#include <memory>

namespace sesame::server::store {

class PgAccountStore final : public AccountStore {
public:
    // Defines the store's statements on `pool`; the schema must be migrated.
    explicit PgAccountStore(std::shared_ptr<PgPool> pool);

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
    // Deletes a batch of expired refresh tokens every few hundred rotations,
    // as the memory store sweeps; a failure only postpones it.
    void purgeExpiredRefresh(TimePoint now);

    std::shared_ptr<PgPool> pool_;
    std::atomic<unsigned> rotationsSincePurge_{0};
};

}  // namespace sesame::server::store
