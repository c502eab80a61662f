#include "store/postgres/pg_account_store.h"

#include "store/postgres/pg_account_sql.h"
#include "store/postgres/pg_codec.h"

namespace sesame::server::store {

using namespace account_sql;

namespace {

constexpr unsigned kRotationsPerPurge = 512;

// The time as the database keeps it, so comparisons here agree with stored values.
TimePoint stored(TimePoint time) { return fromMicros(toMicros(time)); }

std::optional<std::string> deviceName(const SessionRecord& session) {
    return session.device ? std::optional(session.device->name) : std::nullopt;
}

std::optional<std::string> devicePlatform(const SessionRecord& session) {
    return session.device ? std::optional(session.device->platform) : std::nullopt;
}

// Finds the user by phone or inserts the new user and shop; isNewUser tells which.
std::pair<UserRecord, ShopRecord> userAndShop(pqxx::work& tx, const SignInRequest& request, bool& isNewUser) {
    const UserRecord& user = request.newUser;
    const ShopRecord& shop = request.newShop;
    isNewUser = !pgExec(tx, kInsertUserAndShop, user.id, request.phone, user.name, toMicros(user.createdAt), shop.id,
                        shop.name, shop.language, shop.currency, shop.plan, toMicros(shop.createdAt))
                     .empty();
    // A concurrent sign-in of the same phone has committed by now: the insert waited for it.
    return readUserAndShop(pgExec1(tx, kUserWithShopByPhone, request.phone));
}

// Stores the successor of `locked` and slides its session.
RotateOutcome rotate(pqxx::work& tx, const RotateRequest& request, const LockedRefresh& locked, TimePoint now) {
    const RefreshRecord& successor = request.successor;
    const SessionRecord& session = locked.account.session;
    auto [issued, updated] = readRotated(
        pgExec1(tx, kRotate, successor.tokenHash, session.id, toMicros(successor.issuedAt),
                toMicros(successor.expiresAt), successor.access.jti, toMicros(successor.access.issuedAt),
                toMicros(successor.access.expiresAt), toMicros(now), request.presentedHash));
    AccountView account{locked.account.user, locked.account.shop, std::move(updated)};
    return RotateOutcome{RotateStatus::Rotated, std::move(account), std::move(issued), {}};
}

}  // namespace

PgAccountStore::PgAccountStore(std::shared_ptr<PgPool> pool) : pool_(std::move(pool)) {
    pool_->define(statements());
}

StoreResult<SignInResult> PgAccountStore::signIn(const SignInRequest& request) {
    return pool_->transact("accounts.sign_in", [&](pqxx::work& tx) {
        SignInResult result;
        auto [user, shop] = userAndShop(tx, request, result.isNewUser);
        const SessionRecord& session = request.session;
        const RefreshRecord& refresh = request.refresh;
        const pqxx::row row =
            pgExec1(tx, kInsertSessionAndRefresh, session.id, user.id, shop.id, deviceName(session),
                    devicePlatform(session), toMicros(session.createdAt), toMicros(session.lastSeenAt),
                    toMicros(session.expiresAt), toMicros(session.revokedAt), refresh.tokenHash,
                    toMicros(refresh.issuedAt), toMicros(refresh.expiresAt), refresh.access.jti,
                    toMicros(refresh.access.issuedAt), toMicros(refresh.access.expiresAt));
        result.account = AccountView{std::move(user), std::move(shop), readSession(row)};
        return result;
    });
}

StoreResult<RotateOutcome> PgAccountStore::rotateRefresh(const RotateRequest& request) {
    const TimePoint now = stored(request.now);
    if (++rotationsSincePurge_ % kRotationsPerPurge == 0) {
        purgeExpiredRefresh(now);
    }
    return pool_->transact("accounts.rotate_refresh", [&](pqxx::work& tx) -> RotateOutcome {
        const pqxx::result rows = pgExec(tx, kLockRefresh, request.presentedHash);
        if (rows.empty()) {
            return RotateOutcome{};
        }
        const LockedRefresh locked = readLockedRefresh(rows[0]);
        const SessionRecord& session = locked.account.session;
        if (session.revokedAt) {
            return RotateOutcome{};
        }
        if (locked.rotatedAt) {
            if (now < *locked.rotatedAt + request.reuseGrace) {
                const pqxx::result successor = pgExec(tx, kRefreshByHash, *locked.successorHash);
                if (successor.empty()) {
                    return RotateOutcome{};  // purged: the successor itself has expired
                }
                return RotateOutcome{RotateStatus::ReplayInGrace, locked.account, readRefresh(successor[0]), {}};
            }
            pgExec(tx, kRevokeById, session.id, toMicros(now));
            return RotateOutcome{RotateStatus::Reused, std::nullopt, std::nullopt, session.id};
        }
        if (now >= locked.record.expiresAt) {
            return RotateOutcome{};
        }
        return rotate(tx, request, locked, now);
    });
}

void PgAccountStore::purgeExpiredRefresh(TimePoint now) {
    (void)pool_->transact("accounts.purge_refresh", [&](pqxx::work& tx) {
        pgExec(tx, kPurgeRefresh, toMicros(now));
        return Done{};
    });
}

StoreResult<std::optional<SessionRecord>> PgAccountStore::findSession(const std::string& sessionId) {
    if (!isCanonicalUuid(sessionId)) {
        return std::optional<SessionRecord>();
    }
    return pool_->transact("accounts.find_session", [&](pqxx::work& tx) {
        const pqxx::result rows = pgExec(tx, kFindSession, sessionId);
        return rows.empty() ? std::optional<SessionRecord>() : readSession(rows[0]);
    });
}

StoreResult<std::optional<AccountView>> PgAccountStore::findAccount(const std::string& userId,
                                                                    const std::string& sessionId) {
    if (!isCanonicalUuid(userId) || !isCanonicalUuid(sessionId)) {
        return std::optional<AccountView>();
    }
    return pool_->transact("accounts.find_account", [&](pqxx::work& tx) {
        const pqxx::result rows = pgExec(tx, kFindAccount, sessionId, userId);
        return rows.empty() ? std::optional<AccountView>() : readAccount(rows[0]);
    });
}

StoreResult<bool> PgAccountStore::updateProfile(const std::string& userId, const ProfileUpdate& update) {
    if (!isCanonicalUuid(userId)) {
        return false;
    }
    const auto& consent = update.consent;
    return pool_->transact("accounts.update_profile", [&](pqxx::work& tx) {
        return pgExec1(tx, kUpdateProfile, userId, update.name, update.shopName, update.shopLanguage,
                       update.shopCurrency, consent ? std::optional(consent->termsVersion) : std::nullopt,
                       consent ? std::optional(consent->marketing) : std::nullopt, toMicros(update.now))[0]
                   .as<long long>() > 0;
    });
}

StoreResult<std::vector<SessionRecord>> PgAccountStore::listSessions(const std::string& userId, TimePoint now) {
    if (!isCanonicalUuid(userId)) {
        return std::vector<SessionRecord>();
    }
    return pool_->transact("accounts.list_sessions", [&](pqxx::work& tx) {
        std::vector<SessionRecord> sessions;
        for (const auto& row : pgExec(tx, kListSessions, userId, toMicros(now))) {
            sessions.push_back(readSession(row));
        }
        return sessions;
    });
}

StoreResult<bool> PgAccountStore::revokeSession(const std::string& userId, const std::string& sessionId,
                                                TimePoint now) {
    if (!isCanonicalUuid(userId) || !isCanonicalUuid(sessionId)) {
        return false;
    }
    return pool_->transact("accounts.revoke_session", [&](pqxx::work& tx) {
        return pgExec(tx, kRevokeSession, sessionId, userId, toMicros(now)).affected_rows() > 0;
    });
}

StoreResult<int> PgAccountStore::revokeSessions(const std::string& userId, const std::optional<std::string>& keep,
                                                TimePoint now) {
    if (!isCanonicalUuid(userId)) {
        return 0;
    }
    // An id that is no UUID names no session, so nothing is kept.
    const std::optional<std::string> kept = keep && isCanonicalUuid(*keep) ? keep : std::nullopt;
    return pool_->transact("accounts.revoke_sessions", [&](pqxx::work& tx) {
        return static_cast<int>(pgExec(tx, kRevokeSessions, userId, kept, toMicros(now)).affected_rows());
    });
}

StoreResult<std::vector<ConsentRecord>> PgAccountStore::consents(const std::string& userId) {
    if (!isCanonicalUuid(userId)) {
        return std::vector<ConsentRecord>();
    }
    return pool_->transact("accounts.consents", [&](pqxx::work& tx) {
        std::vector<ConsentRecord> history;
        for (const auto& row : pgExec(tx, kConsents, userId)) {
            history.push_back(ConsentRecord{row[0].as<std::string>(), row[1].as<bool>(), timeOf(row[2])});
        }
        return history;
    });
}

}  // namespace sesame::server::store
