#include "store/postgres/pg_pool.h"

#include <algorithm>
#include <utility>

namespace sesame::server::store {
namespace {

constexpr int kAttempts = 2;  // the first try and one retry

// libpq detects a dead peer after idle + interval * count seconds.
constexpr const char* kKeepalives[][2] = {
    {"keepalives", "1"}, {"keepalives_idle", "5"}, {"keepalives_interval", "2"}, {"keepalives_count", "3"}};

bool isUri(const std::string& url) { return url.starts_with("postgresql://") || url.starts_with("postgres://"); }

// Messages of libpq and PostgreSQL can span lines; the first one says what happened.
std::string firstLine(const char* message) {
    std::string text(message);
    return text.substr(0, text.find('\n'));
}

// SQLSTATE classes after which the connection is gone: 08 connection
// exception, 57P01..57P03 server shutting down or starting.
bool isConnectionLoss(const std::string& sqlstate) {
    return sqlstate.starts_with("08") || sqlstate.starts_with("57P");
}

// Load, not a bug: statement_timeout (57014), too many connections or out of
// resources (53), a lock not available (55P03).
bool isOverload(const std::string& sqlstate) {
    return sqlstate == "57014" || sqlstate.starts_with("53") || sqlstate == "55P03";
}

}  // namespace

std::string pgConnectionString(const std::string& url, std::chrono::seconds connectTimeout,
                               std::chrono::milliseconds statementTimeout) {
    const bool uri = isUri(url);
    std::string result = url;
    char separator = uri ? (url.find('?') == std::string::npos ? '?' : '&') : ' ';
    auto add = [&](const std::string& key, const std::string& value) {
        if (url.find(key + "=") != std::string::npos) {
            return;
        }
        result += separator + key + "=" + value;
        separator = uri ? '&' : ' ';
    };
    add("connect_timeout", std::to_string(connectTimeout.count()));
    for (const auto& [key, value] : kKeepalives) {
        add(key, value);
    }
    if (statementTimeout.count() > 0) {
        const std::string ms = std::to_string(statementTimeout.count());
        add("options", uri ? "-c%20statement_timeout%3D" + ms : "'-c statement_timeout=" + ms + "'");
    }
    return result;
}

PgPool::PgPool(PgPoolOptions options)
    : options_(std::move(options)),
      connectionString_(pgConnectionString(options_.url, options_.connectTimeout, options_.statementTimeout)),
      slots_(static_cast<std::size_t>(std::max(options_.size, 1))) {
    for (Slot& slot : slots_) {
        idle_.push_back(&slot);
    }
}

PgPool::~PgPool() = default;

void PgPool::define(std::vector<PgStatement> statements) {
    std::lock_guard lock(mutex_);
    for (auto& statement : statements) {
        const bool known = std::any_of(statements_.begin(), statements_.end(), [&](const PgStatement& defined) {
            return defined.name == statement.name && defined.sql == statement.sql;
        });
        if (!known) {
            statements_.push_back(std::move(statement));
        }
    }
}

StoreResult<Done> PgPool::run(std::string_view operation, const std::function<void(pqxx::connection&)>& work) {
    StoreError error;
    for (int i = 0; i < kAttempts; ++i) {
        auto slot = acquire(operation);
        if (!slot) {
            return contract::unexpected(slot.error());
        }
        const Attempt result = attempt(*slot.value(), operation, work, error);
        release(*slot.value());
        if (result == Attempt::Done) {
            return Done{};
        }
        if (result == Attempt::Failed) {
            break;
        }
    }
    return contract::unexpected(std::move(error));
}

bool PgPool::ping() {
    return run("ping", [](pqxx::connection& connection) {
               pqxx::nontransaction tx(connection);
               tx.exec("SELECT 1");
           })
        .hasValue();
}

StoreResult<PgPool::Slot*> PgPool::acquire(std::string_view operation) {
    Slot* slot = nullptr;
    {
        std::unique_lock lock(mutex_);
        if (!freed_.wait_for(lock, options_.acquireTimeout, [this] { return !idle_.empty(); })) {
            return storeUnavailable(std::string(operation) + ": all " + std::to_string(slots_.size()) +
                                    " PostgreSQL connections stayed busy");
        }
        slot = idle_.back();
        idle_.pop_back();
    }
    if (!slot->connection || !slot->connection->is_open()) {
        if (auto connected = connect(*slot, operation); !connected) {
            release(*slot);
            return contract::unexpected(connected.error());
        }
    }
    if (auto prepared = prepareDefined(*slot, operation); !prepared) {
        release(*slot);
        return contract::unexpected(prepared.error());
    }
    return slot;
}

StoreResult<Done> PgPool::prepareDefined(Slot& slot, std::string_view operation) {
    std::lock_guard lock(mutex_);
    try {
        for (; slot.prepared < statements_.size(); ++slot.prepared) {
            // Only recorded here; libpqxx sends the PREPARE with the first use.
            slot.connection->prepare(statements_[slot.prepared].name, statements_[slot.prepared].sql);
        }
        return Done{};
    } catch (const std::exception& e) {
        return storeInternal(std::string(operation) + ": " + e.what());  // one name, two definitions
    }
}

void PgPool::release(Slot& slot) {
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(&slot);
    }
    freed_.notify_one();
}

StoreResult<Done> PgPool::connect(Slot& slot, std::string_view operation) {
    slot.connection.reset();
    slot.prepared = 0;
    try {
        slot.connection = std::make_unique<pqxx::connection>(connectionString_);
        return Done{};
    } catch (const std::exception& e) {
        return storeUnavailable(std::string(operation) + ": cannot connect to PostgreSQL: " + firstLine(e.what()));
    }
}

void PgPool::discard(Slot& slot) {
    std::vector<std::unique_ptr<pqxx::connection>> closing;
    closing.push_back(std::move(slot.connection));
    slot.prepared = 0;
    std::lock_guard lock(mutex_);
    for (Slot* idle : idle_) {
        closing.push_back(std::move(idle->connection));
        idle->prepared = 0;
    }
    // `closing` is destroyed after the lock is released (declared first).
}

PgPool::Attempt PgPool::attempt(Slot& slot, std::string_view operation,
                                const std::function<void(pqxx::connection&)>& work, StoreError& error) {
    auto fail = [&](StoreErrorKind kind, const std::string& detail, Attempt result) {
        error = StoreError{kind, std::string(operation) + ": " + detail};
        return result;
    };
    try {
        work(*slot.connection);
        return Attempt::Done;
    } catch (const pqxx::in_doubt_error&) {
        discard(slot);
        return fail(StoreErrorKind::Unavailable, "connection lost during commit, outcome unknown", Attempt::Failed);
    } catch (const pqxx::statement_completion_unknown&) {
        discard(slot);
        return fail(StoreErrorKind::Unavailable, "connection lost during a statement, outcome unknown",
                    Attempt::Failed);
    } catch (const pqxx::broken_connection& e) {
        discard(slot);
        return fail(StoreErrorKind::Unavailable, "connection lost: " + firstLine(e.what()), Attempt::Retry);
    } catch (const pqxx::transaction_rollback&) {
        // serialization_failure or deadlock_detected: nothing was committed.
        return fail(StoreErrorKind::Unavailable, "transaction rolled back by a conflict", Attempt::Retry);
    } catch (const pqxx::sql_error& e) {
        // The server's message may quote values (a phone in a key); the SQLSTATE never does.
        const std::string state = e.sqlstate();
        if (isConnectionLoss(state) || !slot.connection->is_open()) {
            discard(slot);
            return fail(StoreErrorKind::Unavailable, "connection lost (SQLSTATE " + state + ")", Attempt::Retry);
        }
        if (isOverload(state)) {
            return fail(StoreErrorKind::Unavailable, "PostgreSQL is overloaded or timed out (SQLSTATE " + state + ")",
                        Attempt::Failed);
        }
        return fail(StoreErrorKind::Internal, "SQL error (SQLSTATE " + state + ")", Attempt::Failed);
    } catch (const pqxx::failure&) {
        if (!slot.connection->is_open()) {
            discard(slot);
            return fail(StoreErrorKind::Unavailable, "connection lost", Attempt::Retry);
        }
        return fail(StoreErrorKind::Internal, "unexpected answer from PostgreSQL", Attempt::Failed);
    } catch (const std::exception& e) {
        return fail(StoreErrorKind::Internal, e.what(), Attempt::Failed);
    } catch (...) {
        return fail(StoreErrorKind::Internal, "unknown exception", Attempt::Failed);
    }
}

}  // namespace sesame::server::store
