#include "store/audit_log.h"

namespace sesame::server::store {

std::string_view wireName(AuditEvent event) {
    switch (event) {
    case AuditEvent::CodeRequested: return "requested";
    case AuditEvent::CodeVerified: return "verified";
    case AuditEvent::CodeFailed: return "failed";
    case AuditEvent::CodeLocked: return "locked";
    case AuditEvent::TokenRefreshed: return "refreshed";
    case AuditEvent::RefreshReuseDetected: return "reuse_detected";
    case AuditEvent::Logout: return "logout";
    case AuditEvent::SessionRevoked: return "session_revoked";
    case AuditEvent::CodeDelivery: return "delivery";
    }
    return "unknown";
}

}  // namespace sesame::server::store
