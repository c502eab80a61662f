#pragma once
// The one place that picks backends by mode: mock mode gets the memory
// stores; full mode gets store/redis and store/postgres. Delivery channels
// are made here too (makeChannels): the configured upstreams in either mode,
// else the outbox (mock) or the log channel (full).

#include "api/ops_routes.h"
#include "config/settings.h"
#include "delivery/channel.h"
#include "delivery/delivery_context.h"
#include "delivery/delivery_status.h"
#include "delivery/outbox_channel.h"
#include "delivery/queue/job_queue.h"
#include "delivery/telegram/telegram_setup.h"
#include "store/account_store.h"
#include "store/audit_log.h"
#include "store/otp_store.h"
#include "store/rate_limit_store.h"

#include <sesame/contract/expected.h>

#include <memory>
#include <string>
#include <vector>

namespace sesame::server::store {
class PgPool;
class RedisPool;
}  // namespace sesame::server::store

namespace sesame::server::app {

struct Backends {
    std::unique_ptr<store::OtpStore> codes;
    std::unique_ptr<store::RateLimitStore> rateLimits;
    std::unique_ptr<store::AccountStore> accounts;
    std::unique_ptr<store::AuditLog> audit;
    std::unique_ptr<delivery::DeliveryStatusStore> deliveryStatuses;
    std::unique_ptr<delivery::JobQueue> deliveryJobs;
    std::shared_ptr<store::RedisPool> redis;     // full mode; null in mock mode
    std::shared_ptr<store::PgPool> postgres;     // full mode; null in mock mode
    std::vector<api::ReadinessCheck> readiness;  // what /readyz checks
};

// The backends of settings.mode, or why they cannot be made (a bad URL, a
// database whose schema is not at this server's version).
contract::Expected<Backends, std::string> makeBackends(const Settings& settings);

struct DeliveryChannels {
    std::vector<std::unique_ptr<delivery::Channel>> channels;  // the ChannelPolicy orders them
    delivery::OutboxChannel* outbox = nullptr;                 // mock mode without upstreams: the outbox
    std::unique_ptr<delivery::TelegramBotRuntime> telegram;    // when a bot token is configured
};

// The channels of every configured upstream (they add their Dispatcher lanes,
// so call this before Dispatcher::start()); when none is configured, the
// outbox in mock mode and the log channel in full mode. The error says what
// is misconfigured.
contract::Expected<DeliveryChannels, std::string> makeChannels(const Settings& settings,
                                                               delivery::DeliveryContext& context);

// `sesame-server migrate`: applies the PostgreSQL migrations of full mode
// (a no-op in mock mode); the process exit code.
int migrate(const Settings& settings);

}  // namespace sesame::server::app
