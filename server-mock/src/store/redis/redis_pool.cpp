#include "store/redis/redis_pool.h"

#include "telemetry/log.h"

#include <algorithm>
#include <array>

namespace sesame::server::store {
namespace {

constexpr std::size_t kMaxDetail = 200;

// Error replies that describe the server's state, not the command.
constexpr std::array<std::string_view, 10> kTransientErrors = {
    "LOADING", "READONLY", "MASTERDOWN", "BUSY", "TRYAGAIN", "CLUSTERDOWN", "OOM", "NOAUTH", "WRONGPASS", "NOPERM"};

StoreError classifyErrorReply(const std::string& message) {
    const std::string_view code = std::string_view(message).substr(0, message.find(' '));
    const bool transient = std::find(kTransientErrors.begin(), kTransientErrors.end(), code) != kTransientErrors.end();
    return StoreError{transient ? StoreErrorKind::Unavailable : StoreErrorKind::Internal,
                      "redis: " + message.substr(0, kMaxDetail)};
}

bool isNoScript(const StoreResult<RedisValue>& reply) {
    return reply && reply->kind == RedisValue::Kind::Error && reply->text.starts_with("NOSCRIPT");
}

}  // namespace

RedisPool::RedisPool(RedisOptions options) : options_(std::move(options)) {}

RedisPool::~RedisPool() = default;

StoreResult<RedisPool::Connection> RedisPool::borrow() {
    for (;;) {
        Connection connection;
        {
            std::lock_guard lock(mutex_);
            if (idle_.empty()) {
                break;
            }
            connection = std::move(idle_.back());
            idle_.pop_back();
        }
        if (!connection->stale()) {
            return connection;
        }
    }
    auto opened = RedisConnection::open(options_);
    if (!opened) {
        noteFailure(opened.error());
    }
    return opened;
}

StoreResult<RedisValue> RedisPool::settle(Connection connection, StoreResult<RedisValue> reply) {
    if (!reply) {
        noteFailure(reply.error());
        return reply;  // the connection is dropped: its state is unknown
    }
    if (reply->kind == RedisValue::Kind::Error) {
        StoreError error = classifyErrorReply(reply->text);
        if (error.kind == StoreErrorKind::Unavailable) {
            noteFailure(error);
            return contract::unexpected(std::move(error));  // dropped: the next call reconnects (failover)
        }
        reply = contract::unexpected(std::move(error));
    } else {
        noteSuccess();
    }
    std::lock_guard lock(mutex_);
    if (idle_.size() < options_.maxIdleConnections) {
        idle_.push_back(std::move(connection));
    }
    return reply;
}

StoreResult<RedisValue> RedisPool::command(const std::vector<std::string_view>& argv) {
    auto connection = borrow();
    if (!connection) {
        return contract::unexpected(connection.error());
    }
    auto reply = (*connection)->run(argv);
    return settle(std::move(connection.value()), std::move(reply));
}

StoreResult<RedisValue> RedisPool::eval(const LuaScript& script, const std::vector<std::string>& keys,
                                        const std::vector<std::string>& args) {
    auto connection = borrow();
    if (!connection) {
        return contract::unexpected(connection.error());
    }
    const std::string keyCount = std::to_string(keys.size());
    std::vector<std::string_view> argv{"EVALSHA", script.sha1(), keyCount};
    argv.insert(argv.end(), keys.begin(), keys.end());
    argv.insert(argv.end(), args.begin(), args.end());
    auto reply = (*connection)->run(argv);
    if (isNoScript(reply)) {
        argv[0] = "EVAL";
        argv[1] = script.source();
        reply = (*connection)->run(argv);
    }
    return settle(std::move(connection.value()), std::move(reply));
}

bool RedisPool::ping() {
    const auto reply = command({"PING"});
    return reply && reply->kind == RedisValue::Kind::Status && reply->text == "PONG";
}

// One log line per change of state, not one per failed call.
void RedisPool::noteFailure(const StoreError& error) {
    if (healthy_.exchange(false, std::memory_order_relaxed)) {
        telemetry::log(telemetry::LogLevel::Warn, "redis_unavailable", {{"detail", error.detail}});
    }
}

void RedisPool::noteSuccess() {
    if (!healthy_.load(std::memory_order_relaxed) && !healthy_.exchange(true, std::memory_order_relaxed)) {
        telemetry::log(telemetry::LogLevel::Info, "redis_recovered");
    }
}

}  // namespace sesame::server::store
