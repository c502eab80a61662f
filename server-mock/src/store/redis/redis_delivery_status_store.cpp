#include "store/redis/redis_delivery_status_store.h"

#include "store/redis/redis_codec.h"

#include <array>

namespace sesame::server::store {
namespace {

// KEYS: the status hash. ARGV: channel, state, upstream id, detail, updated
// (encoded), ttl (ms), the index key prefix of the channel, the request id.
constexpr const char* kRecord = R"lua(
local RANK = {awaiting_link = 0, queued = 1, sent = 2, delivered = 3, failed = 3}
local current = redis.call('HMGET', KEYS[1], 'state', 'channel', 'upstream')
if current[1] and RANK[ARGV[2]] < (RANK[current[1]] or 0) then return 'done' end
local upstream = ARGV[3]
if upstream == '' and current[2] == ARGV[1] and current[3] then upstream = current[3] end
redis.call('HSET', KEYS[1], 'channel', ARGV[1], 'state', ARGV[2], 'upstream', upstream, 'detail', ARGV[4],
           'updated', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
if upstream ~= '' then redis.call('SET', ARGV[7] .. upstream, ARGV[8], 'PX', ARGV[6]) end
return 'done'
)lua";

}  // namespace

RedisDeliveryStatusStore::RedisDeliveryStatusStore(std::shared_ptr<RedisPool> pool, std::string keyPrefix)
    : pool_(std::move(pool)), prefix_(std::move(keyPrefix)), record_(kRecord) {}

std::string RedisDeliveryStatusStore::statusKey(const std::string& requestId) const {
    return prefix_ + "delivery:{" + requestId + "}";
}

std::string RedisDeliveryStatusStore::indexKey(const std::string& channel, const std::string& upstreamId) const {
    return prefix_ + "delivery-upstream:" + channel + ":" + upstreamId;
}

StoreResult<Done> RedisDeliveryStatusStore::record(const delivery::DeliveryStatus& status, TimePoint keepUntil) {
    const long long ttl = ttlMillis(keepUntil, status.updatedAt);
    if (ttl <= 0) {
        return Done{};
    }
    return expectDone(pool_->eval(record_, {statusKey(status.requestId)},
                                  {status.channel, std::string(delivery::wireName(status.state)), status.upstreamId,
                                   status.detail, encodeTime(status.updatedAt), std::to_string(ttl),
                                   indexKey(status.channel, ""), status.requestId}));
}

StoreResult<std::optional<delivery::DeliveryStatus>> RedisDeliveryStatusStore::byRequest(
    const std::string& requestId) {
    const std::string key = statusKey(requestId);
    const auto reply = pool_->command({"HMGET", key, "channel", "state", "upstream", "detail", "updated"});
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    if (reply->elements.empty() || reply->elements[0].kind == RedisValue::Kind::Nil) {
        return std::optional<delivery::DeliveryStatus>{};
    }
    std::array<const std::string*, 5> field{};
    for (std::size_t i = 0; i < field.size(); ++i) {
        if ((field[i] = textAt(*reply, i)) == nullptr) {
            return storeInternal("redis: malformed delivery status");
        }
    }
    const auto state = delivery::deliveryStateNamed(*field[1]);
    const auto updated = decodeTime(*field[4]);
    if (!state || !updated) {
        return storeInternal("redis: malformed delivery status");
    }
    return std::optional<delivery::DeliveryStatus>{
        delivery::DeliveryStatus{requestId, *field[0], *state, *field[2], *field[3], *updated}};
}

StoreResult<std::optional<std::string>> RedisDeliveryStatusStore::requestFor(const std::string& channel,
                                                                              const std::string& upstreamId) {
    const std::string key = indexKey(channel, upstreamId);
    const auto reply = pool_->command({"GET", key});
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    if (reply->kind == RedisValue::Kind::Nil) {
        return std::optional<std::string>{};
    }
    if (reply->kind != RedisValue::Kind::String) {
        return storeInternal("redis: malformed delivery index");
    }
    return std::optional<std::string>{reply->text};
}

}  // namespace sesame::server::store
