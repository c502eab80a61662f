#include "store/redis/redis_connection.h"

#include <hiredis/hiredis.h>
#include <poll.h>

namespace sesame::server::store {
namespace {

timeval toTimeval(std::chrono::milliseconds duration) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(duration);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(duration - seconds);
    return timeval{static_cast<time_t>(seconds.count()), static_cast<suseconds_t>(micros.count())};
}

RedisValue toValue(const redisReply& reply) {
    RedisValue value;
    switch (reply.type) {
    case REDIS_REPLY_INTEGER:
        value.kind = RedisValue::Kind::Integer;
        value.integer = reply.integer;
        break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
        value.kind = reply.type == REDIS_REPLY_STRING   ? RedisValue::Kind::String
                     : reply.type == REDIS_REPLY_STATUS ? RedisValue::Kind::Status
                                                        : RedisValue::Kind::Error;
        value.text.assign(reply.str, reply.len);
        break;
    case REDIS_REPLY_ARRAY:
        value.kind = RedisValue::Kind::Array;
        value.elements.reserve(reply.elements);
        for (std::size_t i = 0; i < reply.elements; ++i) {
            value.elements.push_back(toValue(*reply.element[i]));
        }
        break;
    default:
        value.kind = RedisValue::Kind::Nil;
    }
    return value;
}

// Runs a setup command (AUTH, SELECT) and turns an error reply into Unavailable.
StoreResult<Done> setup(RedisConnection& connection, const std::vector<std::string_view>& argv,
                        std::string_view what) {
    auto reply = connection.run(argv);
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    if (reply->kind == RedisValue::Kind::Error) {
        return storeUnavailable("redis " + std::string(what) + " failed: " + reply->text.substr(0, 200));
    }
    return Done{};
}

}  // namespace

StoreResult<std::unique_ptr<RedisConnection>> RedisConnection::open(const RedisOptions& options) {
    const auto& endpoint = options.endpoint;
    redisContext* context =
        redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, toTimeval(options.connectTimeout));
    if (context == nullptr) {
        return storeUnavailable("redis connect: out of memory");
    }
    std::unique_ptr<RedisConnection> connection(new RedisConnection(context));
    if (context->err != 0) {
        return storeUnavailable("redis connect to " + endpoint.host + ':' + std::to_string(endpoint.port) + ": " +
                                context->errstr);
    }
    if (redisSetTimeout(context, toTimeval(options.commandTimeout)) != REDIS_OK) {
        return storeUnavailable(std::string("redis set timeout: ") + context->errstr);
    }
    redisEnableKeepAlive(context);
    if (!endpoint.password.empty() || !endpoint.user.empty()) {
        auto argv = endpoint.user.empty() ? std::vector<std::string_view>{"AUTH", endpoint.password}
                                          : std::vector<std::string_view>{"AUTH", endpoint.user, endpoint.password};
        if (auto done = setup(*connection, argv, "AUTH"); !done) {
            return contract::unexpected(done.error());
        }
    }
    if (endpoint.db != 0) {
        const auto db = std::to_string(endpoint.db);
        if (auto done = setup(*connection, {"SELECT", db}, "SELECT"); !done) {
            return contract::unexpected(done.error());
        }
    }
    return connection;
}

RedisConnection::~RedisConnection() {
    redisFree(context_);
}

StoreResult<RedisValue> RedisConnection::run(const std::vector<std::string_view>& argv) {
    std::vector<const char*> pointers;
    std::vector<std::size_t> lengths;
    pointers.reserve(argv.size());
    lengths.reserve(argv.size());
    for (const auto arg : argv) {
        pointers.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    auto* reply = static_cast<redisReply*>(
        redisCommandArgv(context_, static_cast<int>(argv.size()), pointers.data(), lengths.data()));
    if (reply == nullptr) {
        return storeUnavailable(std::string("redis: ") +
                                (context_->err == REDIS_ERR_EOF ? "connection closed" : context_->errstr));
    }
    RedisValue value = toValue(*reply);
    freeReplyObject(reply);
    return value;
}

bool RedisConnection::stale() const {
    pollfd descriptor{context_->fd, POLLIN, 0};
    return ::poll(&descriptor, 1, 0) != 0;
}

}  // namespace sesame::server::store
