#include "policy/http_date.h"

#include <array>

namespace sesame {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Exactly `width` ASCII digits at `text[at...]`, or -1.
int digits(std::string_view text, std::size_t at, std::size_t width) {
    int value = 0;
    for (std::size_t i = at; i < at + width; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

template <std::size_t N>
int indexOf(const std::array<std::string_view, N>& names, std::string_view name) {
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parseHttpDate(std::string_view text) {
    using namespace std::chrono;
    // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, fixed punctuation.
    constexpr std::string_view kShape = "www, dd mmm yyyy hh:mm:ss GMT";
    if (text.size() != kShape.size() || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
        text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
        return std::nullopt;
    }
    const int weekday = indexOf(kWeekdays, text.substr(0, 3));
    const int dayOfMonth = digits(text, 5, 2);
    const int monthIndex = indexOf(kMonths, text.substr(8, 3));
    const int yearNumber = digits(text, 12, 4);
    const int hour = digits(text, 17, 2);
    const int minute = digits(text, 20, 2);
    const int second = digits(text, 23, 2);
    if (weekday < 0 || dayOfMonth < 1 || monthIndex < 0 || yearNumber < 1970 || hour < 0 || hour > 23 ||
        minute < 0 || minute > 59 || second < 0 || second > 59) {
        return std::nullopt;
    }
    const year_month_day date{year{yearNumber}, month{static_cast<unsigned>(monthIndex + 1)},
                              day{static_cast<unsigned>(dayOfMonth)}};
    // A weekday that does not match the date means the header is garbled.
    if (!date.ok() || std::chrono::weekday{sys_days{date}}.c_encoding() != static_cast<unsigned>(weekday)) {
        return std::nullopt;
    }
    return system_clock::time_point{sys_days{date} + hours{hour} + minutes{minute} + seconds{second}};
}

}  // namespace sesame
