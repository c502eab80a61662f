#pragma once
// TelegramUpdateLog on Redis: `<prefix>tg:update:<id>` set with NX and a TTL
// per claimed update, `<prefix>tg:offset` for the polling offset; shared by
// every server instance on one Redis, and kept across restarts.

#include "store/redis/redis_pool.h"
#include "store/telegram_update_log.h"

#include <memory>
#include <string>

namespace sesame::server::store {

class RedisTelegramUpdateLog final : public TelegramUpdateLog {
public:
    explicit RedisTelegramUpdateLog(std::shared_ptr<RedisPool> pool, std::string keyPrefix = "sesame:");

    StoreResult<bool> claim(std::int64_t updateId, std::chrono::seconds keep) override;
    StoreResult<Done> release(std::int64_t updateId) override;
    StoreResult<std::optional<std::int64_t>> offset() override;
    StoreResult<Done> saveOffset(std::int64_t offset) override;

private:
    std::string updateKey(std::int64_t updateId) const;

    std::shared_ptr<RedisPool> pool_;
    const std::string prefix_;
};

}  // namespace sesame::server::store
