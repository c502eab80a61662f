#pragma once
// Sessions: creating one when a code is verified, refresh-token rotation with
// the reuse grace, bearer-token checks, logout and the session list.

#include "config/settings.h"
#include "services/auth_metrics.h"
#include "services/client_context.h"
#include "services/clock.h"
#include "services/service_result.h"
#include "services/token_service.h"
#include "store/account_store.h"
#include "store/audit_log.h"

#include <sesame/contract/messages.h>

#include <optional>
#include <string>
#include <string_view>

namespace sesame::server {

// The caller of a protected endpoint, after authenticate().
struct Principal {
    std::string userId;
    std::string sessionId;
    std::string shopId;
    std::string device;  // deviceLabel() of the session, for the audit log
};

// What a new user's shop starts with.
struct ShopDefaults {
    std::string language;
    std::string currency;
    std::string plan = "free";
};

class SessionService {
public:
    SessionService(const TokenSettings& settings, ShopDefaults shopDefaults, TokenService& tokens,
                   store::AccountStore& accounts, store::AuditLog& audit, AuthMetrics& metrics, const Clock& clock);

    // Creates the session of a verified phone (and the user and shop on a
    // first login) in one store transaction. A store error is returned as is,
    // so the caller can give its code claim back.
    store::StoreResult<contract::Session> signIn(const std::string& phone,
                                                 const std::optional<contract::Device>& device);

    // Rotates a refresh token: a new pair; the same pair again within the reuse
    // grace; 401 refresh_token_reused (and the session revoked) after it;
    // 401 invalid_refresh_token for an unknown, expired or revoked token.
    ServiceResult<contract::Session> refresh(const contract::RefreshRequest& request, const ClientContext& client);

    // The principal of a bearer access token whose session is live: 401
    // token_expired for an expired token, 401 invalid_token for anything else
    // (bad signature, wrong iss/aud/alg, revoked or unknown session).
    ServiceResult<Principal> authenticate(std::string_view accessToken);

    // Ends this session (local), every other one (others) or all (global).
    ServiceResult<store::Done> logout(const Principal& principal, contract::LogoutScope scope,
                                      const ClientContext& client);

    // The principal's live sessions, oldest first, the calling one marked current.
    ServiceResult<contract::SessionList> list(const Principal& principal);

    // Revokes one of the principal's sessions; 404 not_found for any other id.
    ServiceResult<store::Done> revoke(const Principal& principal, const std::string& sessionId,
                                      const ClientContext& client);

private:
    contract::Session sessionObject(const store::AccountView& account, const store::AccessGrant& grant,
                                    const std::string& refreshToken, TimePoint refreshExpiresAt, bool isNewUser,
                                    TimePoint now) const;

    TokenSettings settings_;
    ShopDefaults shopDefaults_;
    TokenService& tokens_;
    store::AccountStore& accounts_;
    store::AuditLog& audit_;
    AuthMetrics& metrics_;
    const Clock& clock_;
};

}  // namespace sesame::server
