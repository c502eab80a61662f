#pragma once
// The DeliveryStatusStore on Redis (full mode): a hash per request,
// `<prefix>delivery:{<request id>}`, and an index key per upstream message
// id, both expiring at keepUntil. Each record is one script, so the "never
// back" rule (delivery::mayFollow) holds across instances and callbacks.

#include "delivery/delivery_status.h"
#include "store/redis/lua_script.h"
#include "store/redis/redis_pool.h"

#include <memory>
#include <string>

namespace sesame::server::store {

class RedisDeliveryStatusStore final : public delivery::DeliveryStatusStore {
public:
    explicit RedisDeliveryStatusStore(std::shared_ptr<RedisPool> pool, std::string keyPrefix = "sesame:");

    StoreResult<Done> record(const delivery::DeliveryStatus& status, TimePoint keepUntil) override;
    StoreResult<std::optional<delivery::DeliveryStatus>> byRequest(const std::string& requestId) override;
    StoreResult<std::optional<std::string>> requestFor(const std::string& channel,
                                                       const std::string& upstreamId) override;

private:
    std::string statusKey(const std::string& requestId) const;
    std::string indexKey(const std::string& channel, const std::string& upstreamId) const;

    std::shared_ptr<RedisPool> pool_;
    std::string prefix_;
    LuaScript record_;
};

}  // namespace sesame::server::store
