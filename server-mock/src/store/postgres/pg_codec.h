#pragma once
// Values between the stores and PostgreSQL: times travel as microseconds
// since the Unix epoch (the schema's sesame_from_us/sesame_to_us), ids as
// canonical UUID text, and every value as a statement parameter.

#include "store/store_result.h"

#include <pqxx/pqxx>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sesame::server::store {

// Microseconds since the epoch; PostgreSQL keeps no finer resolution.
long long toMicros(TimePoint time);
TimePoint fromMicros(long long micros);
std::optional<long long> toMicros(const std::optional<TimePoint>& time);

// Whether `text` is a UUID in lower-case canonical form, the only form a
// uuid column gives back. Any other id cannot name a row, so the stores
// answer "not found" without asking the database.
bool isCanonicalUuid(std::string_view text);

// A text column that may be NULL.
std::optional<std::string> optionalText(const pqxx::field& field);
// A sesame_to_us(...) column, NULL or not.
TimePoint timeOf(const pqxx::field& field);
std::optional<TimePoint> optionalTime(const pqxx::field& field);

namespace detail {

// libpq passes text parameters as C strings, so a NUL would silently cut the
// value short; such a value is refused instead (callers validate text before).
inline void rejectNul(const std::string& text) {
    if (text.find('\0') != std::string::npos) {
        throw std::invalid_argument("a text value contains a NUL byte");
    }
}
inline void rejectNul(const std::optional<std::string>& text) {
    if (text) {
        rejectNul(*text);
    }
}
template <class T>
void rejectNul(const T&) {}

}  // namespace detail

// Executes the prepared statement `name` with `args` as its parameters.
template <class... Args>
pqxx::result pgExec(pqxx::transaction_base& tx, const std::string& name, const Args&... args) {
    (detail::rejectNul(args), ...);
    return tx.exec_prepared(name, args...);
}

// The same for a statement that answers exactly one row (anything else is an error).
template <class... Args>
pqxx::row pgExec1(pqxx::transaction_base& tx, const std::string& name, const Args&... args) {
    (detail::rejectNul(args), ...);
    return tx.exec_prepared1(name, args...);
}

}  // namespace sesame::server::store
