#pragma once
// What every delivery channel may use, made once by app/backends.cpp and
// handed to the channel factories (makeTelegramBot, makeGatewayAndSmsChannels)
// and the callback routes. Everything here outlives the channels.

#include "crypto/sealed_box.h"
#include "delivery/delivery_status.h"
#include "delivery/queue/dispatcher.h"
#include "delivery/upstream/http_client.h"
#include "services/clock.h"
#include "store/audit_log.h"
#include "telemetry/metrics.h"

#include <memory>

namespace sesame::server::store {
class PgPool;
class RedisPool;
}  // namespace sesame::server::store

namespace sesame::server::delivery {

struct DeliveryContext {
    HttpClient& http;                 // upstream calls (http:// for the fakes, https:// for the real services)
    Dispatcher& dispatcher;           // add lanes before it starts; submit/schedule jobs
    DeliveryStatusStore& statuses;    // each request's delivery state (GET /v1/otp/{id}/delivery)
    const crypto::SealedBox& sealer;  // seals queued payloads that hold a code
    const Clock& clock;
    store::AuditLog& audit;
    telemetry::Metrics& metrics;
    std::shared_ptr<store::RedisPool> redis;    // full mode; null in mock mode
    std::shared_ptr<store::PgPool> postgres;    // full mode; null in mock mode
};

}  // namespace sesame::server::delivery
