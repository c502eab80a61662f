#include "app/backends.h"

#include "delivery/log_channel.h"
#include "delivery/memory_delivery_status_store.h"
#include "delivery/queue/memory_job_queue.h"
#include "delivery/sms/sms_setup.h"
#include "store/memory/memory_account_store.h"
#include "store/memory/memory_audit_log.h"
#include "store/memory/memory_otp_store.h"
#include "store/memory/memory_rate_limit_store.h"
#include "store/postgres/migrations.h"
#include "store/postgres/pg_account_store.h"
#include "store/postgres/pg_audit_log.h"
#include "store/postgres/pg_pool.h"
#include "store/redis/redis_delivery_status_store.h"
#include "store/redis/redis_job_queue.h"
#include "store/redis/redis_otp_store.h"
#include "store/redis/redis_pool.h"
#include "store/redis/redis_rate_limit_store.h"
#include "store/redis/redis_url.h"
#include "telemetry/log.h"

#include <iostream>

namespace sesame::server::app {
namespace {

Backends mockBackends() {
    Backends backends;
    backends.codes = std::make_unique<store::MemoryOtpStore>();
    backends.rateLimits = std::make_unique<store::MemoryRateLimitStore>();
    backends.accounts = std::make_unique<store::MemoryAccountStore>();
    backends.audit = std::make_unique<store::MemoryAuditLog>();
    backends.deliveryStatuses = std::make_unique<delivery::MemoryDeliveryStatusStore>();
    backends.deliveryJobs = std::make_unique<delivery::MemoryJobQueue>();
    // Nothing external to wait for: /readyz is ready as soon as the server listens.
    return backends;
}

contract::Expected<Backends, std::string> fullBackends(const Settings& settings) {
    auto endpoint = store::parseRedisUrl(settings.redisUrl);
    if (!endpoint) {
        return contract::unexpected("--redis-url: " + endpoint.error());
    }
    auto pg = std::make_shared<store::PgPool>(store::PgPoolOptions{settings.postgresUrl, settings.postgresPoolSize});
    if (auto schema = store::checkSchema(*pg); !schema) {
        return contract::unexpected("PostgreSQL: " + schema.error().detail);
    }
    auto redis = std::make_shared<store::RedisPool>(store::RedisOptions{endpoint.value()});
    Backends backends;
    backends.codes = std::make_unique<store::RedisOtpStore>(redis);
    backends.rateLimits = std::make_unique<store::RedisRateLimitStore>(redis);
    backends.accounts = std::make_unique<store::PgAccountStore>(pg);
    backends.audit = std::make_unique<store::PgAuditLog>(pg);
    backends.deliveryStatuses = std::make_unique<store::RedisDeliveryStatusStore>(redis);
    backends.deliveryJobs = std::make_unique<store::RedisJobQueue>(redis);
    backends.redis = redis;
    backends.postgres = pg;
    backends.readiness.push_back({"redis", [redis] { return redis->ping(); }});
    backends.readiness.push_back({"postgres", [pg] { return pg->ping(); }});
    return backends;
}

}  // namespace

contract::Expected<Backends, std::string> makeBackends(const Settings& settings) {
    if (settings.mode == Mode::Mock) {
        return mockBackends();
    }
    return fullBackends(settings);
}

contract::Expected<DeliveryChannels, std::string> makeChannels(const Settings& settings,
                                                               delivery::DeliveryContext& context) {
    DeliveryChannels made;
    auto madeBot = delivery::makeTelegramBot(settings, context);
    if (!madeBot) {
        return contract::unexpected("Telegram bot: " + madeBot.error());
    }
    delivery::TelegramBot bot = std::move(madeBot).value();
    for (auto& channel : bot.channels) {
        made.channels.push_back(std::move(channel));
    }
    made.telegram = std::move(bot.runtime);
    for (auto& channel : delivery::makeGatewayAndSmsChannels(settings, context)) {
        made.channels.push_back(std::move(channel));
    }
    if (!made.channels.empty()) {
        return made;
    }
    if (settings.mode == Mode::Mock) {
        auto outbox = std::make_unique<delivery::OutboxChannel>();
        made.outbox = outbox.get();
        made.channels.push_back(std::move(outbox));
    } else {
        made.channels.push_back(std::make_unique<delivery::LogChannel>(settings.delivery.logRevealCode));
    }
    return made;
}

int migrate(const Settings& settings) {
    if (settings.mode == Mode::Mock) {
        telemetry::log(telemetry::LogLevel::Info, "migrate_skipped", {{"reason", "mock mode has no database"}});
        return 0;
    }
    return store::runMigrations(settings.postgresUrl, std::cout);
}

}  // namespace sesame::server::app
