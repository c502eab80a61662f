#pragma once
// The one place that picks backends by mode: mock mode gets the memory
// stores and the outbox channel; full mode gets store/redis, store/postgres
// and the delivery channels (plugged in here, nowhere else).

#include "api/ops_routes.h"
#include "config/settings.h"
#include "delivery/channel.h"
#include "delivery/outbox_channel.h"
#include "store/account_store.h"
#include "store/audit_log.h"
#include "store/otp_store.h"
#include "store/rate_limit_store.h"

#include <sesame/contract/expected.h>

#include <memory>
#include <string>
#include <vector>

namespace sesame::server::app {

struct Backends {
    std::unique_ptr<store::OtpStore> codes;
    std::unique_ptr<store::RateLimitStore> rateLimits;
    std::unique_ptr<store::AccountStore> accounts;
    std::unique_ptr<store::AuditLog> audit;
    std::vector<std::unique_ptr<delivery::Channel>> channels;  // in the order they are tried
    delivery::OutboxChannel* outbox = nullptr;                 // mock mode: the outbox among `channels`
    std::vector<api::ReadinessCheck> readiness;                // what /readyz checks
};

// The backends of settings.mode, or why they cannot be made (a bad URL, a
// database whose schema is not at this server's version).
contract::Expected<Backends, std::string> makeBackends(const Settings& settings);

// `sesame-server migrate`: applies the PostgreSQL migrations of full mode
// (a no-op in mock mode); the process exit code.
int migrate(const Settings& settings);

}  // namespace sesame::server::app
