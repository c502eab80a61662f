#pragma once
// The prepared statements of PgAccountStore and the readers of their rows.
// Values only ever travel as parameters ($1, $2, ...).

#include "store/account_store.h"
#include "store/postgres/pg_pool.h"

#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sesame::server::store::account_sql {

// Statement names (for pgExec).
inline const std::string kInsertUserAndShop = "accounts.insert_user_and_shop";
inline const std::string kUserWithShopByPhone = "accounts.user_with_shop_by_phone";
inline const std::string kInsertSessionAndRefresh = "accounts.insert_session_and_refresh";
inline const std::string kLockRefresh = "accounts.lock_refresh";
inline const std::string kRefreshByHash = "accounts.refresh_by_hash";
inline const std::string kRotate = "accounts.rotate";
inline const std::string kRevokeById = "accounts.revoke_by_id";
inline const std::string kFindSession = "accounts.find_session";
inline const std::string kFindAccount = "accounts.find_account";
inline const std::string kUpdateProfile = "accounts.update_profile";
inline const std::string kListSessions = "accounts.list_sessions";
inline const std::string kRevokeSession = "accounts.revoke_session";
inline const std::string kRevokeSessions = "accounts.revoke_sessions";
inline const std::string kConsents = "accounts.consents";
inline const std::string kPurgeRefresh = "accounts.purge_refresh";

// Every statement above with its SQL.
std::vector<PgStatement> statements();

// Rows of kUserWithShopByPhone.
std::pair<UserRecord, ShopRecord> readUserAndShop(const pqxx::row& row);

// Rows of kInsertSessionAndRefresh, kFindSession, kListSessions (a session)
// and kFindAccount (session, user, shop).
SessionRecord readSession(const pqxx::row& row);
AccountView readAccount(const pqxx::row& row);

// Rows of kRefreshByHash (a refresh record).
RefreshRecord readRefresh(const pqxx::row& row);

// Rows of kRotate: the stored successor and the session as updated.
std::pair<RefreshRecord, SessionRecord> readRotated(const pqxx::row& row);

// Rows of kLockRefresh: the presented refresh record, its rotation, and the
// account of its session.
struct LockedRefresh {
    RefreshRecord record;
    std::optional<TimePoint> rotatedAt;
    std::optional<std::string> successorHash;
    AccountView account;
};
LockedRefresh readLockedRefresh(const pqxx::row& row);

}  // namespace sesame::server::store::account_sql
