#pragma once
// One blocking hiredis connection, used by one thread at a time (RedisPool
// hands them out). Internal to store/redis.

#include "store/redis/redis_url.h"
#include "store/redis/redis_value.h"
#include "store/store_result.h"

#include <chrono>
#include <memory>
#include <string_view>
#include <vector>

struct redisContext;

namespace sesame::server::store {

struct RedisOptions {
    RedisEndpoint endpoint;
    std::chrono::milliseconds connectTimeout{500};
    std::chrono::milliseconds commandTimeout{500};  // per command: a Redis that stops answering fails the call
    std::size_t maxIdleConnections = 8;             // kept open between calls; more are opened when busy
};

class RedisConnection {
public:
    // Connects, authenticates and selects the database; Unavailable on any failure.
    static StoreResult<std::unique_ptr<RedisConnection>> open(const RedisOptions& options);

    ~RedisConnection();
    RedisConnection(const RedisConnection&) = delete;
    RedisConnection& operator=(const RedisConnection&) = delete;

    // Sends one command (binary-safe arguments) and waits for its reply. A
    // Redis error reply is a value of Kind::Error; Unavailable means the
    // connection failed (I/O error, timeout, closed) and must be dropped.
    StoreResult<RedisValue> run(const std::vector<std::string_view>& argv);

    // True when an idle connection cannot be used: the server closed it
    // (restart, idle timeout) or sent something unasked.
    bool stale() const;

private:
    explicit RedisConnection(redisContext* context) : context_(context) {}

    redisContext* context_;
};

}  // namespace sesame::server::store
