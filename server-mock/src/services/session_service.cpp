#include "services/session_service.h"

#include "crypto/random.h"
#include "services/audit.h"
#include "services/rfc3339.h"
#include "services/wire_mapping.h"

#include <sesame/contract/phone.h>

namespace sesame::server {

using contract::ErrorCode;
using store::AuditEvent;

namespace {

// How many sessions a logout with `scope` ended.
store::StoreResult<int> revokeForLogout(store::AccountStore& accounts, const Principal& principal,
                                        contract::LogoutScope scope, TimePoint now) {
    if (scope != contract::LogoutScope::Local) {
        const bool keepThis = scope == contract::LogoutScope::Others;
        return accounts.revokeSessions(principal.userId,
                                       keepThis ? std::optional(principal.sessionId) : std::nullopt, now);
    }
    auto revoked = accounts.revokeSession(principal.userId, principal.sessionId, now);
    if (!revoked) {
        return contract::unexpected(revoked.error());
    }
    return revoked.value() ? 1 : 0;
}

}  // namespace

SessionService::SessionService(const TokenSettings& settings, ShopDefaults shopDefaults, TokenService& tokens,
                               store::AccountStore& accounts, store::AuditLog& audit, AuthMetrics& metrics,
                               const Clock& clock)
    : settings_(settings),
      shopDefaults_(std::move(shopDefaults)),
      tokens_(tokens),
      accounts_(accounts),
      audit_(audit),
      metrics_(metrics),
      clock_(clock) {}

contract::Session SessionService::sessionObject(const store::AccountView& account, const store::AccessGrant& grant,
                                                const std::string& refreshToken, TimePoint refreshExpiresAt,
                                                bool isNewUser, TimePoint now) const {
    contract::Session session;
    session.accessToken = tokens_.accessToken(grant, account.user.id, account.session.id, account.shop.id);
    session.expiresIn = secondsUntil(grant.expiresAt, now);
    session.refreshToken = refreshToken;
    session.refreshExpiresIn = secondsUntil(refreshExpiresAt, now);
    session.sessionId = account.session.id;
    session.isNewUser = isNewUser;
    session.user = toWire(account.user);
    session.shop = toWire(account.shop);
    return session;
}

store::StoreResult<contract::Session> SessionService::signIn(const std::string& phone,
                                                             const std::optional<contract::Device>& device) {
    const TimePoint now = clock_.now();
    const store::AccessGrant grant = tokens_.newAccessGrant(now);
    const std::string refreshToken = tokens_.newRefreshToken();

    store::SignInRequest request;
    request.phone = phone;
    request.newUser = store::UserRecord{crypto::randomUuid(), phone, std::nullopt, now};
    request.newShop = store::ShopRecord{crypto::randomUuid(), request.newUser.id,     std::nullopt,
                                        shopDefaults_.language, shopDefaults_.currency, shopDefaults_.plan, now};
    request.refresh = tokens_.refreshRecord(refreshToken, grant, now);
    request.session = store::SessionRecord{crypto::randomUuid(), {}, {}, device, now, now,
                                           request.refresh.expiresAt, std::nullopt};
    request.refresh.sessionId = request.session.id;

    auto result = accounts_.signIn(request);
    if (!result) {
        return contract::unexpected(result.error());
    }
    return sessionObject(result->account, grant, refreshToken, request.refresh.expiresAt, result->isNewUser, now);
}

ServiceResult<contract::Session> SessionService::refresh(const contract::RefreshRequest& request,
                                                         const ClientContext& client) {
    const TimePoint now = clock_.now();
    const std::string successor = tokens_.successorOf(request.refreshToken);
    store::RotateRequest rotate{tokens_.hashOf(request.refreshToken),
                                tokens_.refreshRecord(successor, tokens_.newAccessGrant(now), now), now,
                                settings_.reuseGrace};
    auto outcome = accounts_.rotateRefresh(rotate);
    if (!outcome) {
        metrics_.refresh("error");
        return contract::unexpected(storeProblem(outcome.error(), "accounts.rotate_refresh"));
    }
    switch (outcome->status) {
    case store::RotateStatus::Rotated:
    case store::RotateStatus::ReplayInGrace: {
        const bool replay = outcome->status == store::RotateStatus::ReplayInGrace;
        const store::AccountView& account = *outcome->account;
        metrics_.refresh(replay ? "replayed" : "rotated");
        appendAudit(audit_, {AuditEvent::TokenRefreshed, now, contract::maskPhone(account.user.phone), client.ip,
                             deviceLabel(account.session.device),
                             account.user.id, account.session.id, "", replay ? "replay_in_grace" : "rotated"});
        return sessionObject(account, outcome->issued->access, successor, outcome->issued->expiresAt, false, now);
    }
    case store::RotateStatus::Reused:
        metrics_.refresh("reused");
        appendAudit(audit_, {AuditEvent::RefreshReuseDetected, now, "", client.ip, "", "", outcome->sessionId, "",
                             "session_revoked"});
        return fail(ErrorCode::RefreshTokenReused,
                    "this refresh token was already used; the session has been ended, sign in again");
    case store::RotateStatus::Invalid:
        break;
    }
    metrics_.refresh("invalid");
    return fail(ErrorCode::InvalidRefreshToken, "the refresh token is unknown, expired or revoked");
}

ServiceResult<Principal> SessionService::authenticate(std::string_view accessToken) {
    const TimePoint now = clock_.now();
    auto claims = tokens_.verifyAccess(accessToken, now);
    if (!claims) {
        return claims.error() == ErrorCode::TokenExpired
                   ? fail(ErrorCode::TokenExpired, "the access token has expired; refresh it")
                   : fail(ErrorCode::InvalidToken, "the access token is not valid");
    }
    auto session = accounts_.findSession(claims->sessionId);
    if (!session) {
        return contract::unexpected(storeProblem(session.error(), "accounts.find_session"));
    }
    const auto& found = session.value();
    if (!found || found->userId != claims->userId || found->revokedAt || now >= found->expiresAt) {
        return fail(ErrorCode::InvalidToken, "the session of this access token has ended");
    }
    return Principal{claims->userId, claims->sessionId, found->shopId, deviceLabel(found->device)};
}

ServiceResult<store::Done> SessionService::logout(const Principal& principal, contract::LogoutScope scope,
                                                  const ClientContext& client) {
    const TimePoint now = clock_.now();
    auto revoked = revokeForLogout(accounts_, principal, scope, now);
    if (!revoked) {
        return contract::unexpected(storeProblem(revoked.error(), "accounts.logout"));
    }
    appendAudit(audit_, {AuditEvent::Logout, now, "", client.ip, principal.device, principal.userId,
                         principal.sessionId, "",
                         "scope=" + std::string(contract::wireName(scope)) + " revoked=" +
                             std::to_string(revoked.value())});
    return store::Done{};
}

ServiceResult<contract::SessionList> SessionService::list(const Principal& principal) {
    auto sessions = accounts_.listSessions(principal.userId, clock_.now());
    if (!sessions) {
        return contract::unexpected(storeProblem(sessions.error(), "accounts.list_sessions"));
    }
    contract::SessionList list;
    for (const auto& session : sessions.value()) {
        contract::SessionInfo info = toWire(session);
        info.lastSeenAt = formatRfc3339(session.lastSeenAt);
        info.current = session.id == principal.sessionId;
        list.sessions.push_back(std::move(info));
    }
    return list;
}

ServiceResult<store::Done> SessionService::revoke(const Principal& principal, const std::string& sessionId,
                                                  const ClientContext& client) {
    const TimePoint now = clock_.now();
    // A session that has ended is gone for the client too (GET /v1/sessions no longer lists it).
    auto existing = accounts_.findSession(sessionId);
    if (!existing) {
        return contract::unexpected(storeProblem(existing.error(), "accounts.find_session"));
    }
    const auto& session = existing.value();
    if (!session || session->userId != principal.userId || session->revokedAt || session->expiresAt <= now) {
        return fail(ErrorCode::NotFound, "no active session with this id belongs to you");
    }
    auto revoked = accounts_.revokeSession(principal.userId, sessionId, now);
    if (!revoked) {
        return contract::unexpected(storeProblem(revoked.error(), "accounts.revoke_session"));
    }
    if (!revoked.value()) {
        return fail(ErrorCode::NotFound, "no active session with this id belongs to you");
    }
    appendAudit(audit_, {AuditEvent::SessionRevoked, now, "", client.ip, principal.device, principal.userId,
                         sessionId, "", sessionId == principal.sessionId ? "current" : "other"});
    return store::Done{};
}

}  // namespace sesame::server
