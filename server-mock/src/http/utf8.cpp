#include "http/utf8.h"

#include <cstddef>

namespace sesame::server::http {
namespace {

bool isContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Length of the sequence starting with `lead` and the allowed range of its
// second byte (Table 3-7 of the Unicode standard); 0 when `lead` can never start one.
struct LeadInfo {
    std::size_t length;
    unsigned char secondMin;
    unsigned char secondMax;
};

LeadInfo leadInfo(unsigned char lead) {
    if (lead >= 0xC2 && lead <= 0xDF) return {2, 0x80, 0xBF};
    if (lead == 0xE0) return {3, 0xA0, 0xBF};  // excludes overlong forms
    if (lead == 0xED) return {3, 0x80, 0x9F};  // excludes surrogates
    if (lead >= 0xE1 && lead <= 0xEF) return {3, 0x80, 0xBF};
    if (lead == 0xF0) return {4, 0x90, 0xBF};  // excludes overlong forms
    if (lead >= 0xF1 && lead <= 0xF3) return {4, 0x80, 0xBF};
    if (lead == 0xF4) return {4, 0x80, 0x8F};  // nothing above U+10FFFF
    return {0, 0, 0};
}

}  // namespace

bool isValidUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        const LeadInfo info = leadInfo(lead);
        if (info.length == 0 || text.size() - i < info.length) {
            return false;
        }
        const auto second = static_cast<unsigned char>(text[i + 1]);
        if (second < info.secondMin || second > info.secondMax) {
            return false;
        }
        for (std::size_t k = 2; k < info.length; ++k) {
            if (!isContinuation(static_cast<unsigned char>(text[i + k]))) {
                return false;
            }
        }
        i += info.length;
    }
    return true;
}

}  // namespace sesame::server::http
