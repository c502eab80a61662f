#pragma once
// The human text that carries a code, in the user's language (English or
// Russian; other locales get English).

#include <chrono>
#include <string>
#include <string_view>

namespace sesame::server::delivery {

// E.g. "Your Sesame code: 123456. It expires in 5 minutes. Do not share it
// with anyone." A lifetime under a minute is shown as one minute.
std::string codeMessageText(std::string_view code, std::string_view locale, std::chrono::seconds lifetime);

}  // namespace sesame::server::delivery
