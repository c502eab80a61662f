#pragma once
// A fixed-size pool of PostgreSQL connections shared by the postgres stores.
// Connections are opened on first use and replaced transparently when they
// break, so the stores recover by themselves once PostgreSQL is back. Every
// failure becomes a StoreError; nothing throws out of the pool.

#include "store/store_result.h"

#include <pqxx/pqxx>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sesame::server::store {

struct PgPoolOptions {
    std::string url;                                 // postgresql://… URI or "key=value …" string
    int size = 8;                                    // connections at most (io threads block on them)
    std::chrono::seconds connectTimeout{5};          // libpq connect_timeout; libpq treats 1 as 2
    std::chrono::milliseconds statementTimeout{5000};  // server-side statement_timeout; 0 = none
    std::chrono::milliseconds acquireTimeout{5000};  // wait for a free connection before Unavailable
};

// A named SQL statement, prepared on every connection of the pool.
struct PgStatement {
    std::string name;
    std::string sql;
};

// `url` (a postgresql:// URI or a "key=value ..." string) with connect_timeout,
// TCP keepalives and statement_timeout (unless zero) added, so neither
// connecting, a dead peer nor a stuck statement can hang a caller. What the
// URL sets itself wins; a URL with its own `options` gets no statement_timeout.
std::string pgConnectionString(const std::string& url, std::chrono::seconds connectTimeout,
                               std::chrono::milliseconds statementTimeout);

class PgPool {
public:
    explicit PgPool(PgPoolOptions options);
    ~PgPool();
    PgPool(const PgPool&) = delete;
    PgPool& operator=(const PgPool&) = delete;

    // Adds statements that every connection prepares before its next use
    // (exec_prepared by name); a statement defined before is skipped. A name
    // defined twice with different SQL fails each call that uses the pool.
    void define(std::vector<PgStatement> statements);

    // Runs `body(tx)` in one transaction and commits; the value of `body`.
    // A broken connection, serialization failure or deadlock runs `body`
    // once more on a fresh attempt, so `body` must only touch `tx` and its
    // locals. `operation` names the call in error details.
    template <class Body>
    auto transact(std::string_view operation, Body&& body)
        -> StoreResult<std::invoke_result_t<Body&, pqxx::work&>>;

    // Runs `work` on a pooled connection with the retry and error mapping of
    // transact(); `work` manages its own transaction.
    StoreResult<Done> run(std::string_view operation, const std::function<void(pqxx::connection&)>& work);

    // Whether PostgreSQL answers a trivial query now (for /readyz).
    bool ping();

private:
    struct Slot {
        std::unique_ptr<pqxx::connection> connection;
        std::size_t prepared = 0;  // how many of statements_ it has prepared
    };
    enum class Attempt { Done, Retry, Failed };

    StoreResult<Slot*> acquire(std::string_view operation);
    void release(Slot& slot);
    StoreResult<Done> connect(Slot& slot, std::string_view operation);
    StoreResult<Done> prepareDefined(Slot& slot, std::string_view operation);
    Attempt attempt(Slot& slot, std::string_view operation, const std::function<void(pqxx::connection&)>& work,
                    StoreError& error);
    // Closes `slot`'s connection and every idle one: a server restart or
    // failover has broken them all, and each would cost a failed call.
    void discard(Slot& slot);

    const PgPoolOptions options_;
    const std::string connectionString_;
    std::mutex mutex_;
    std::condition_variable freed_;
    std::vector<Slot> slots_;            // fixed size: pointers into it stay valid
    std::vector<Slot*> idle_;
    std::vector<PgStatement> statements_;
};

template <class Body>
auto PgPool::transact(std::string_view operation, Body&& body)
    -> StoreResult<std::invoke_result_t<Body&, pqxx::work&>> {
    using Value = std::invoke_result_t<Body&, pqxx::work&>;
    std::optional<Value> value;
    auto done = run(operation, [&](pqxx::connection& connection) {
        pqxx::work tx(connection);
        value.emplace(body(tx));
        tx.commit();
    });
    if (!done) {
        return contract::unexpected(done.error());
    }
    return std::move(*value);
}

}  // namespace sesame::server::store
