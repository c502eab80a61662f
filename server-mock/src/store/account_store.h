#pragma once
// Users, their shops, sessions, refresh tokens and consent records
// (PostgreSQL in full mode). Each call is one transaction: it happens entirely
// or not at all, and concurrent calls behave as if run one after another.
//
// Ids are chosen by the caller (random UUIDs), so every backend stores the
// same ids and none needs a sequence. Refresh tokens are known only by their
// hash (hex HMAC-SHA256 under the server pepper).

#include "store/store_result.h"

#include <sesame/contract/messages.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sesame::server::store {

struct UserRecord {
    std::string id;
    std::string phone;                // E.164, unique
    std::optional<std::string> name;  // absent until registration is completed
    TimePoint createdAt;
    bool operator==(const UserRecord&) const = default;
};

// The shop (tenant) a user owns; exactly one per user in v1.
struct ShopRecord {
    std::string id;
    std::string ownerId;
    std::optional<std::string> name;
    std::string language;
    std::string currency;
    std::string plan;
    TimePoint createdAt;
    bool operator==(const ShopRecord&) const = default;
};

struct SessionRecord {
    std::string id;
    std::string userId;
    std::string shopId;
    std::optional<contract::Device> device;
    TimePoint createdAt;
    TimePoint lastSeenAt;              // sign-in or the latest refresh
    TimePoint expiresAt;               // expiry of its newest refresh token (sliding)
    std::optional<TimePoint> revokedAt;
    bool operator==(const SessionRecord&) const = default;
};

// The access token minted together with a refresh token: enough to sign the
// identical JWT again when the refresh is replayed inside the reuse grace.
struct AccessGrant {
    std::string jti;
    TimePoint issuedAt;
    TimePoint expiresAt;
    bool operator==(const AccessGrant&) const = default;
};

// One refresh token of a session.
struct RefreshRecord {
    std::string tokenHash;
    std::string sessionId;
    TimePoint issuedAt;
    TimePoint expiresAt;
    AccessGrant access;
    bool operator==(const RefreshRecord&) const = default;
};

// A user with their shop and one of their sessions.
struct AccountView {
    UserRecord user;
    ShopRecord shop;
    SessionRecord session;
    bool operator==(const AccountView&) const = default;
};

struct SignInRequest {
    std::string phone;      // E.164
    UserRecord newUser;     // inserted only when no user has `phone` (newUser.phone == phone)
    ShopRecord newShop;     // inserted with a new user (ownerId == newUser.id)
    SessionRecord session;  // userId and shopId are filled in by the store
    RefreshRecord refresh;  // the session's first refresh token (sessionId == session.id)
};

struct SignInResult {
    AccountView account;  // the user (new or existing), their shop, the new session
    bool isNewUser = false;
};

struct RotateRequest {
    std::string presentedHash;        // hash of the refresh token the client sent
    RefreshRecord successor;          // its derived successor; sessionId is filled in by the store
    TimePoint now;
    std::chrono::seconds reuseGrace{0};
};

enum class RotateStatus {
    Rotated,        // presented token was current: successor stored, session slid and touched
    ReplayInGrace,  // presented token was rotated less than reuseGrace ago: nothing changed
    Reused,         // presented token was rotated earlier than that: the session is now revoked
    Invalid,        // unknown, expired, or its session is revoked or expired
};

struct RotateOutcome {
    RotateStatus status = RotateStatus::Invalid;
    // Rotated and ReplayInGrace: the account (session as updated) and the
    // refresh record to answer with: the new successor, or for a replay the
    // successor stored by the first rotation (with its original access grant).
    std::optional<AccountView> account;
    std::optional<RefreshRecord> issued;
    std::string sessionId;  // Reused: the session that was revoked
};

// Changes of PATCH /v1/me; absent members stay as they are.
struct ProfileUpdate {
    std::optional<std::string> name;
    std::optional<std::string> shopName;
    std::optional<std::string> shopLanguage;
    std::optional<std::string> shopCurrency;
    std::optional<contract::Consent> consent;  // appended to the user's consent history
    TimePoint now;                              // the consent record's time
};

struct ConsentRecord {
    std::string termsVersion;
    bool marketing = false;
    TimePoint at;
    bool operator==(const ConsentRecord&) const = default;
};

class AccountStore {
public:
    virtual ~AccountStore() = default;

    // In one transaction: finds the user by phone or inserts newUser and
    // newShop, then inserts the session and its first refresh token.
    virtual StoreResult<SignInResult> signIn(const SignInRequest& request) = 0;

    // Rotates a refresh token atomically (see RotateStatus). Concurrent calls
    // with one token: exactly one is Rotated, the others ReplayInGrace (or
    // Reused once the grace has passed).
    virtual StoreResult<RotateOutcome> rotateRefresh(const RotateRequest& request) = 0;

    // The session with this id, revoked or not; nullopt if unknown.
    virtual StoreResult<std::optional<SessionRecord>> findSession(const std::string& sessionId) = 0;

    // The user, their shop and the session `sessionId` if it belongs to them;
    // nullopt otherwise.
    virtual StoreResult<std::optional<AccountView>> findAccount(const std::string& userId,
                                                                const std::string& sessionId) = 0;

    // Applies `update` to the user and their shop and appends the consent in
    // one transaction; false if the user does not exist.
    virtual StoreResult<bool> updateProfile(const std::string& userId, const ProfileUpdate& update) = 0;

    // The user's sessions that are neither revoked nor expired at `now`, oldest first.
    virtual StoreResult<std::vector<SessionRecord>> listSessions(const std::string& userId, TimePoint now) = 0;

    // Revokes one session of the user (already revoked stays revoked, keeping
    // its first revokedAt); false if no session `sessionId` belongs to the user.
    virtual StoreResult<bool> revokeSession(const std::string& userId, const std::string& sessionId,
                                            TimePoint now) = 0;

    // Revokes every not yet revoked session of the user except `keep` (if
    // given); returns how many were revoked.
    virtual StoreResult<int> revokeSessions(const std::string& userId, const std::optional<std::string>& keep,
                                            TimePoint now) = 0;

    // The user's consent history, oldest first.
    virtual StoreResult<std::vector<ConsentRecord>> consents(const std::string& userId) = 0;
};

}  // namespace sesame::server::store
