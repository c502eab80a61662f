#include "store/redis/redis_telegram_update_log.h"

#include <algorithm>
#include <charconv>

namespace sesame::server::store {

RedisTelegramUpdateLog::RedisTelegramUpdateLog(std::shared_ptr<RedisPool> pool, std::string keyPrefix)
    : pool_(std::move(pool)), prefix_(std::move(keyPrefix)) {}

std::string RedisTelegramUpdateLog::updateKey(std::int64_t updateId) const {
    return prefix_ + "tg:update:" + std::to_string(updateId);
}

StoreResult<bool> RedisTelegramUpdateLog::claim(std::int64_t updateId, std::chrono::seconds keep) {
    const std::string key = updateKey(updateId);
    const std::string seconds = std::to_string(std::max<long long>(1, keep.count()));
    auto reply = pool_->command({"SET", key, "1", "NX", "EX", seconds});
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    // OK when set, nil when the key existed.
    return reply->kind == RedisValue::Kind::Status;
}

StoreResult<Done> RedisTelegramUpdateLog::release(std::int64_t updateId) {
    const std::string key = updateKey(updateId);
    auto reply = pool_->command({"DEL", key});
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    return Done{};
}

StoreResult<std::optional<std::int64_t>> RedisTelegramUpdateLog::offset() {
    const std::string key = prefix_ + "tg:offset";
    auto reply = pool_->command({"GET", key});
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    if (reply->kind == RedisValue::Kind::Nil) {
        return std::optional<std::int64_t>();
    }
    std::int64_t value = 0;
    const std::string& text = reply->text;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (reply->kind != RedisValue::Kind::String || error != std::errc{} || end != text.data() + text.size()) {
        return storeInternal("redis: malformed telegram offset");
    }
    return std::optional<std::int64_t>(value);
}

StoreResult<Done> RedisTelegramUpdateLog::saveOffset(std::int64_t offset) {
    const std::string key = prefix_ + "tg:offset";
    const std::string value = std::to_string(offset);
    auto reply = pool_->command({"SET", key, value});
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    return Done{};
}

}  // namespace sesame::server::store
