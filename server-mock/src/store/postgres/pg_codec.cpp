#include "store/postgres/pg_codec.h"

#include <chrono>

namespace sesame::server::store {

long long toMicros(TimePoint time) {
    return std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
}

TimePoint fromMicros(long long micros) {
    return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(micros)));
}

std::optional<long long> toMicros(const std::optional<TimePoint>& time) {
    return time ? std::optional(toMicros(*time)) : std::nullopt;
}

bool isCanonicalUuid(std::string_view text) {
    if (text.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

std::optional<std::string> optionalText(const pqxx::field& field) {
    return field.is_null() ? std::nullopt : std::optional(field.as<std::string>());
}

TimePoint timeOf(const pqxx::field& field) { return fromMicros(field.as<long long>()); }

std::optional<TimePoint> optionalTime(const pqxx::field& field) {
    return field.is_null() ? std::nullopt : std::optional(timeOf(field));
}

}  // namespace sesame::server::store
