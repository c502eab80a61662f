#include <sesame/contract/phone_formatter.h>
#include <sesame/contract/phone.h>

#include "phone_util.h"

#include <phonenumbers/asyoutypeformatter.h>
#include <phonenumbers/phonenumberutil.h>

#include <memory>

namespace sesame::contract {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

PhoneFormatter::PhoneFormatter(std::string_view region) : region_(canonicalRegion(region)) {}

std::string PhoneFormatter::format(std::string_view typed) const
{
    // A fresh libphonenumber formatter per call (about 0.1 ms) keeps this
    // method const and thread-safe; its state is only the digits fed so far.
    const std::unique_ptr<i18n::phonenumbers::AsYouTypeFormatter> formatter(
        detail::phoneUtil().GetAsYouTypeFormatter(region_.empty() ? "ZZ" : region_));
    std::string display;
    bool first = true;
    int digits = 0;
    for (const char c : typed) {
        const bool keep = (isDigit(c) && digits < kMaxDigits) || (c == '+' && first);
        if (keep) {
            formatter->InputDigit(static_cast<unsigned char>(c), &display);
            digits += isDigit(c) ? 1 : 0;
            first = false;
        }
    }
    return display;
}

int PhoneFormatter::caretAfterDigits(std::string_view formatted, int digitCount)
{
    std::size_t position = (!formatted.empty() && formatted.front() == '+') ? 1 : 0;
    for (int seen = 0; seen < digitCount && position < formatted.size(); ++position) {
        seen += isDigit(formatted[position]) ? 1 : 0;
    }
    return static_cast<int>(position);
}

}  // namespace sesame::contract
