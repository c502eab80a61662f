#include "delivery/message_text.h"

#include <algorithm>

namespace sesame::server::delivery {
namespace {

bool isRussian(std::string_view locale) {
    // "ru", "ru-RU", "ru_KZ", case-insensitive on the language subtag.
    return locale.size() >= 2 && (locale[0] == 'r' || locale[0] == 'R') && (locale[1] == 'u' || locale[1] == 'U') &&
           (locale.size() == 2 || locale[2] == '-' || locale[2] == '_');
}

// минута / минуты / минут, by the Russian plural rules.
std::string_view russianMinutes(long long n) {
    const long long lastTwo = n % 100;
    const long long last = n % 10;
    if (lastTwo >= 11 && lastTwo <= 14) {
        return "минут";
    }
    if (last == 1) {
        return "минуту";
    }
    if (last >= 2 && last <= 4) {
        return "минуты";
    }
    return "минут";
}

}  // namespace

std::string codeMessageText(std::string_view code, std::string_view locale, std::chrono::seconds lifetime) {
    const long long minutes = std::max<long long>(1, std::chrono::ceil<std::chrono::minutes>(lifetime).count());
    const std::string count = std::to_string(minutes);
    if (isRussian(locale)) {
        return "Ваш код Sesame: " + std::string(code) + ". Он действует " + count + " " +
               std::string(russianMinutes(minutes)) + ". Никому его не сообщайте.";
    }
    return "Your Sesame code: " + std::string(code) + ". It expires in " + count +
           (minutes == 1 ? " minute" : " minutes") + ". Do not share it with anyone.";
}

}  // namespace sesame::server::delivery
