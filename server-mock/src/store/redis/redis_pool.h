#pragma once
// Connections to one Redis server shared by the server's io threads.
//
// Each call borrows an idle connection (or opens one), runs one command and
// gives it back; a connection that failed is dropped, so the next call after
// Redis comes back reconnects by itself. Every failure is a StoreError, never
// an exception or a hang: connecting and each command are bounded by the
// timeouts of RedisOptions. Connections are opened on first use, so a pool can
// be made while Redis is down. Thread-safe. The process must ignore SIGPIPE
// (main does), as hiredis writes to sockets the server may have closed.

#include "store/redis/lua_script.h"
#include "store/redis/redis_connection.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sesame::server::store {

class RedisPool {
public:
    explicit RedisPool(RedisOptions options);
    ~RedisPool();
    RedisPool(const RedisPool&) = delete;
    RedisPool& operator=(const RedisPool&) = delete;

    // Runs one command. Error replies become StoreErrors: Unavailable for the
    // states a retry can outlive (LOADING, READONLY, MASTERDOWN, BUSY, OOM,
    // auth), Internal for the rest (a bug in a script or a command).
    StoreResult<RedisValue> command(const std::vector<std::string_view>& argv);

    // Runs `script` over `keys` and `args` with EVALSHA, and with EVAL when
    // Redis does not have it cached (NOSCRIPT: first use, restart, flush).
    StoreResult<RedisValue> eval(const LuaScript& script, const std::vector<std::string>& keys,
                                 const std::vector<std::string>& args);

    // True when Redis answers PING (for /readyz).
    bool ping();

private:
    using Connection = std::unique_ptr<RedisConnection>;

    StoreResult<Connection> borrow();
    // Hands the connection back (or drops it) according to how the call ended.
    StoreResult<RedisValue> settle(Connection connection, StoreResult<RedisValue> reply);
    void noteFailure(const StoreError& error);
    void noteSuccess();

    const RedisOptions options_;
    std::mutex mutex_;
    std::vector<Connection> idle_;  // guarded by mutex_; the most recently used last
    std::atomic<bool> healthy_{true};
};

}  // namespace sesame::server::store
