#pragma once
// As-you-type formatting of a phone number text field (libphonenumber's
// AsYouTypeFormatter behind a Qt-free, libphonenumber-free interface).

#include <string>
#include <string_view>

namespace sesame::contract {

class PhoneFormatter {
public:
    // Digits kept beyond this are dropped: E.164's 15 plus an international
    // call prefix. It also bounds the formatter's quadratic cost on a paste.
    static constexpr int kMaxDigits = 20;

    // `region` is the national-form hint (ISO 3166 alpha-2, case-insensitive);
    // an unknown one formats national input as bare digits, "+..." still works.
    explicit PhoneFormatter(std::string_view region);

    // Re-formats the whole field text: ASCII digits and a leading '+' are
    // kept, everything else is dropped; returns the display text (ASCII), e.g.
    // KZ "87001234567" -> "8 700 123 4567". Stateless and thread-safe.
    std::string format(std::string_view typed) const;

    // The caret position in `formatted` just after its `digitCount`-th digit,
    // so the caret keeps its place among the digits across a re-format;
    // 0 digits puts it after a leading '+'. Clamped to formatted's length.
    static int caretAfterDigits(std::string_view formatted, int digitCount);

    const std::string& region() const { return region_; }

private:
    std::string region_;  // canonical, or "" when unknown
};

}  // namespace sesame::contract
