#pragma once
// The append-only record of authentication events (issue 3, "Security").
// Entries hold a masked phone only, never a phone, code or token.

#include "store/store_result.h"

#include <string>
#include <string_view>

namespace sesame::server::store {

enum class AuditEvent {
    CodeRequested,         // a code was stored and delivered
    CodeVerified,          // a code was exchanged for a session
    CodeFailed,            // a verify was refused (wrong, expired, locked or no code)
    CodeLocked,            // a wrong code used up the last attempt
    TokenRefreshed,        // a refresh token was rotated (or replayed inside the grace)
    RefreshReuseDetected,  // a rotated refresh token came back after the grace; session revoked
    Logout,                // POST /v1/logout
    SessionRevoked,        // DELETE /v1/sessions/{id}
    CodeDelivery,          // a code's delivery was sent, delivered or failed (detail: "<channel> <state>")
};

// "requested", "verified", "failed", "locked", "refreshed", "reuse_detected",
// "logout", "session_revoked", "delivery": the stored event name.
std::string_view wireName(AuditEvent event);

struct AuditEntry {
    AuditEvent event = AuditEvent::CodeRequested;
    TimePoint at;
    std::string maskedPhone;  // contract::maskPhone output, or ""
    std::string clientIp;
    std::string device;       // "name (platform)", or ""
    std::string userId;       // or ""
    std::string sessionId;    // or ""
    std::string requestId;    // the OTP request id, or ""
    std::string detail;       // short machine-readable reason, e.g. "invalid_code", "scope=global"

    bool operator==(const AuditEntry&) const = default;
};

class AuditLog {
public:
    virtual ~AuditLog() = default;

    // Appends one entry; entries are never changed or removed by the server.
    virtual StoreResult<Done> append(const AuditEntry& entry) = 0;
};

}  // namespace sesame::server::store
