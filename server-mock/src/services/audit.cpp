#include "services/audit.h"

#include "services/service_result.h"

namespace sesame::server {

void appendAudit(store::AuditLog& audit, const store::AuditEntry& entry) {
    if (auto done = audit.append(entry); !done) {
        logStoreError(done.error(), std::string("audit.") + std::string(store::wireName(entry.event)));
    }
}

}  // namespace sesame::server
