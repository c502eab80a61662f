#include "store/postgres/pg_account_sql.h"

#include "store/postgres/pg_codec.h"

namespace sesame::server::store::account_sql {
namespace {

// Column lists shared by the SELECTs; the readers below follow their order.
const std::string kSessionColumns =
    "s.id, s.user_id, s.shop_id, s.device_name, s.device_platform, sesame_to_us(s.created_at), "
    "sesame_to_us(s.last_seen_at), sesame_to_us(s.expires_at), sesame_to_us(s.revoked_at)";
constexpr int kSessionWidth = 9;
const std::string kUserColumns = "u.id, u.phone, u.name, sesame_to_us(u.created_at)";
constexpr int kUserWidth = 4;
const std::string kShopColumns =
    "sh.id, sh.owner_id, sh.name, sh.language, sh.currency, sh.plan, sesame_to_us(sh.created_at)";
const std::string kRefreshColumns =
    "r.token_hash, r.session_id, sesame_to_us(r.issued_at), sesame_to_us(r.expires_at), r.access_jti, "
    "sesame_to_us(r.access_iat), sesame_to_us(r.access_exp)";
constexpr int kRefreshWidth = 7;
// A session with its user and shop.
const std::string kAccountFrom =
    " FROM sessions s JOIN users u ON u.id = s.user_id JOIN shops sh ON sh.id = s.shop_id ";

UserRecord userAt(const pqxx::row& row, int first) {
    return UserRecord{row[first].as<std::string>(), row[first + 1].as<std::string>(), optionalText(row[first + 2]),
                      timeOf(row[first + 3])};
}

ShopRecord shopAt(const pqxx::row& row, int first) {
    return ShopRecord{row[first].as<std::string>(),     row[first + 1].as<std::string>(),
                      optionalText(row[first + 2]),     row[first + 3].as<std::string>(),
                      row[first + 4].as<std::string>(), row[first + 5].as<std::string>(),
                      timeOf(row[first + 6])};
}

SessionRecord sessionAt(const pqxx::row& row, int first) {
    SessionRecord session;
    session.id = row[first].as<std::string>();
    session.userId = row[first + 1].as<std::string>();
    session.shopId = row[first + 2].as<std::string>();
    if (!row[first + 3].is_null()) {
        session.device = contract::Device{row[first + 3].as<std::string>(), row[first + 4].as<std::string>()};
    }
    session.createdAt = timeOf(row[first + 5]);
    session.lastSeenAt = timeOf(row[first + 6]);
    session.expiresAt = timeOf(row[first + 7]);
    session.revokedAt = optionalTime(row[first + 8]);
    return session;
}

RefreshRecord refreshAt(const pqxx::row& row, int first) {
    return RefreshRecord{row[first].as<std::string>(), row[first + 1].as<std::string>(), timeOf(row[first + 2]),
                         timeOf(row[first + 3]),
                         AccessGrant{row[first + 4].as<std::string>(), timeOf(row[first + 5]), timeOf(row[first + 6])}};
}

AccountView accountAt(const pqxx::row& row, int first) {
    SessionRecord session = sessionAt(row, first);
    return AccountView{userAt(row, first + kSessionWidth), shopAt(row, first + kSessionWidth + kUserWidth),
                       std::move(session)};
}

}  // namespace

std::vector<PgStatement> statements() {
    return {
        // The shop is inserted only when the user was (ON CONFLICT inserts nothing).
        {kInsertUserAndShop,
         "WITH new_user AS ("
         " INSERT INTO users (id, phone, name, created_at) VALUES ($1, $2, $3, sesame_from_us($4))"
         " ON CONFLICT (phone) DO NOTHING RETURNING id)"
         " INSERT INTO shops (id, owner_id, name, language, currency, plan, created_at)"
         " SELECT $5::uuid, id, $6::text, $7::text, $8::text, $9::text, sesame_from_us($10) FROM new_user"
         " RETURNING id"},
        {kUserWithShopByPhone,
         "SELECT " + kUserColumns + ", " + kShopColumns +
             " FROM users u JOIN shops sh ON sh.owner_id = u.id WHERE u.phone = $1"},
        // Answers the stored session.
        {kInsertSessionAndRefresh,
         "WITH s AS ("
         " INSERT INTO sessions (id, user_id, shop_id, device_name, device_platform, created_at, last_seen_at,"
         " expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, sesame_from_us($6), sesame_from_us($7),"
         " sesame_from_us($8), sesame_from_us($9)) RETURNING *),"
         " r AS (INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at, access_jti,"
         " access_iat, access_exp) SELECT $10::text, id, sesame_from_us($11), sesame_from_us($12), $13::text,"
         " sesame_from_us($14), sesame_from_us($15) FROM s)"
         " SELECT " + kSessionColumns + " FROM s"},
        // Concurrent rotations of one token queue on the row lock of the
        // token, then see the first one's rotation (READ COMMITTED re-reads
        // a row it waited for). The session is locked too: reuse revokes it.
        {kLockRefresh,
         "SELECT " + kRefreshColumns + ", sesame_to_us(r.rotated_at), r.successor_hash, " + kSessionColumns + ", " +
             kUserColumns + ", " + kShopColumns +
             " FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id"
             " JOIN users u ON u.id = s.user_id JOIN shops sh ON sh.id = s.shop_id"
             " WHERE r.token_hash = $1 FOR UPDATE OF r FOR NO KEY UPDATE OF s"},
        {kRefreshByHash, "SELECT " + kRefreshColumns + " FROM refresh_tokens r WHERE r.token_hash = $1"},
        // $1 successor hash, $2 session, $3..$7 successor times and grant, $8 now,
        // $9 presented hash. Answers the stored successor and session.
        {kRotate,
         "WITH r AS ("
         " INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at, access_jti, access_iat,"
         " access_exp) VALUES ($1, $2, sesame_from_us($3), sesame_from_us($4), $5, sesame_from_us($6),"
         " sesame_from_us($7)) RETURNING *),"
         " presented AS (UPDATE refresh_tokens SET rotated_at = sesame_from_us($8), successor_hash = $1"
         " WHERE token_hash = $9),"
         " s AS (UPDATE sessions SET last_seen_at = sesame_from_us($8), expires_at = sesame_from_us($4)"
         " WHERE id = $2 RETURNING *)"
         " SELECT " + kRefreshColumns + ", " + kSessionColumns + " FROM r, s"},
        {kRevokeById, "UPDATE sessions SET revoked_at = sesame_from_us($2) WHERE id = $1"},
        {kFindSession, "SELECT " + kSessionColumns + " FROM sessions s WHERE s.id = $1"},
        {kFindAccount, "SELECT " + kSessionColumns + ", " + kUserColumns + ", " + kShopColumns + kAccountFrom +
                           "WHERE s.id = $1 AND s.user_id = $2"},
        // NULL parameters leave a column as it is; the consent ($6..$8) is appended when given.
        {kUpdateProfile,
         "WITH target AS (UPDATE users SET name = COALESCE($2::text, name) WHERE id = $1 RETURNING id),"
         " shop AS (UPDATE shops SET name = COALESCE($3::text, name), language = COALESCE($4::text, language),"
         " currency = COALESCE($5::text, currency) WHERE owner_id IN (SELECT id FROM target)),"
         " consent AS (INSERT INTO consents (user_id, terms_version, marketing, at)"
         " SELECT id, $6::text, $7::boolean, sesame_from_us($8) FROM target WHERE $6::text IS NOT NULL)"
         " SELECT count(*) FROM target"},
        {kListSessions, "SELECT " + kSessionColumns +
                            " FROM sessions s WHERE s.user_id = $1 AND s.revoked_at IS NULL"
                            " AND s.expires_at > sesame_from_us($2) ORDER BY s.seq"},
        // A session revoked before keeps its first revoked_at.
        {kRevokeSession,
         "UPDATE sessions SET revoked_at = COALESCE(revoked_at, sesame_from_us($3)) WHERE id = $1 AND user_id = $2"},
        {kRevokeSessions, "UPDATE sessions SET revoked_at = sesame_from_us($3)"
                          " WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2::uuid"},
        {kConsents, "SELECT terms_version, marketing, sesame_to_us(at) FROM consents WHERE user_id = $1 ORDER BY id"},
        // In batches, skipping rows a rotation holds right now.
        {kPurgeRefresh, "DELETE FROM refresh_tokens WHERE token_hash IN (SELECT token_hash FROM refresh_tokens"
                        " WHERE expires_at <= sesame_from_us($1) LIMIT 1000 FOR UPDATE SKIP LOCKED)"},
    };
}

std::pair<UserRecord, ShopRecord> readUserAndShop(const pqxx::row& row) {
    return {userAt(row, 0), shopAt(row, kUserWidth)};
}

SessionRecord readSession(const pqxx::row& row) { return sessionAt(row, 0); }

AccountView readAccount(const pqxx::row& row) { return accountAt(row, 0); }

RefreshRecord readRefresh(const pqxx::row& row) { return refreshAt(row, 0); }

std::pair<RefreshRecord, SessionRecord> readRotated(const pqxx::row& row) {
    return {refreshAt(row, 0), sessionAt(row, kRefreshWidth)};
}

LockedRefresh readLockedRefresh(const pqxx::row& row) {
    return LockedRefresh{refreshAt(row, 0), optionalTime(row[kRefreshWidth]), optionalText(row[kRefreshWidth + 1]),
                         accountAt(row, kRefreshWidth + 2)};
}

}  // namespace sesame::server::store::account_sql
