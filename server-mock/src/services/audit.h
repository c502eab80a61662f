#pragma once
// Writing audit entries from services.

#include "store/audit_log.h"

namespace sesame::server {

// Appends `entry`; a store failure is logged, never returned: the event itself
// has already happened and the client's answer must not depend on the log.
void appendAudit(store::AuditLog& audit, const store::AuditEntry& entry);

}  // namespace sesame::server
