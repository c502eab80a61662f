#include <sesame/error.h>

#include <QtCore/QCoreApplication>

#include <array>
#include <cstddef>

namespace sesame {
namespace {

using contract::ErrorCode;

// The wire codes come first in Error, in contract order, right after None.
constexpr std::size_t kFirstWire = 1;
constexpr std::size_t kWireCount = static_cast<std::size_t>(ErrorCode::InternalError) + 1;
static_assert(static_cast<std::size_t>(Error::InternalError) == kWireCount,
              "Error must list every contract::ErrorCode in contract order after None");
static_assert(static_cast<std::size_t>(Error::InvalidRequest) == kFirstWire &&
                  static_cast<std::size_t>(Error::ServiceUnavailable) ==
                      static_cast<std::size_t>(ErrorCode::ServiceUnavailable) + kFirstWire,
              "Error and contract::ErrorCode drifted apart");

// One sentence per value, in enum order; lupdate reads the context "Sesame".
constexpr std::array kTexts{
    QT_TRANSLATE_NOOP("Sesame", "No error."),
    QT_TRANSLATE_NOOP("Sesame", "The request was not understood. Please update the app."),
    QT_TRANSLATE_NOOP("Sesame", "This phone number is not valid."),
    QT_TRANSLATE_NOOP("Sesame", "Too many requests. Please wait a little and try again."),
    QT_TRANSLATE_NOOP("Sesame", "Please wait before asking for another code."),
    QT_TRANSLATE_NOOP("Sesame", "The code could not be delivered. Please try again later."),
    QT_TRANSLATE_NOOP("Sesame", "The code is wrong."),
    QT_TRANSLATE_NOOP("Sesame", "The code has expired. Please ask for a new one."),
    QT_TRANSLATE_NOOP("Sesame", "Too many wrong codes. Please ask for a new one."),
    QT_TRANSLATE_NOOP("Sesame", "There is no code to check. Please ask for a new one."),
    QT_TRANSLATE_NOOP("Sesame", "Your session has ended. Please sign in again."),
    QT_TRANSLATE_NOOP("Sesame", "Your session was ended for your safety. Please sign in again."),
    QT_TRANSLATE_NOOP("Sesame", "Your session needs renewing."),
    QT_TRANSLATE_NOOP("Sesame", "Your session is no longer valid. Please sign in again."),
    QT_TRANSLATE_NOOP("Sesame", "You are not allowed to do this."),
    QT_TRANSLATE_NOOP("Sesame", "Not found."),
    QT_TRANSLATE_NOOP("Sesame", "The request was not understood. Please update the app."),
    QT_TRANSLATE_NOOP("Sesame", "The server took too long. Please try again."),
    QT_TRANSLATE_NOOP("Sesame", "The request is too large."),
    QT_TRANSLATE_NOOP("Sesame", "The request was not understood. Please update the app."),
    QT_TRANSLATE_NOOP("Sesame", "The request is too large."),
    QT_TRANSLATE_NOOP("Sesame", "The service is temporarily unavailable. Please try again later."),
    QT_TRANSLATE_NOOP("Sesame", "Something went wrong on the server. Please try again later."),
    QT_TRANSLATE_NOOP("Sesame", "No connection to the server. Check your internet connection."),
    QT_TRANSLATE_NOOP("Sesame", "A secure connection to the server could not be established."),
    QT_TRANSLATE_NOOP("Sesame", "The server did not answer in time. Please try again."),
    QT_TRANSLATE_NOOP("Sesame", "The secure storage of this device is unavailable or locked."),
    QT_TRANSLATE_NOOP("Sesame", "The connection to the server is not secure."),
    QT_TRANSLATE_NOOP("Sesame", "The server sent an answer the app does not understand."),
    QT_TRANSLATE_NOOP("Sesame", "This is not possible right now."),
    QT_TRANSLATE_NOOP("Sesame", "Please sign in first."),
    QT_TRANSLATE_NOOP("Sesame", "The request was cancelled."),
};
static_assert(kTexts.size() == static_cast<std::size_t>(Error::Cancelled) + 1,
              "every Error needs a text");

}  // namespace

Error errorFromWire(ErrorCode code) {
    const auto index = static_cast<std::size_t>(code);
    return index < kWireCount ? static_cast<Error>(index + kFirstWire) : Error::InternalError;
}

std::optional<ErrorCode> wireCode(Error error) {
    const auto index = static_cast<std::size_t>(error);
    if (index < kFirstWire || index >= kFirstWire + kWireCount) {
        return std::nullopt;
    }
    return static_cast<ErrorCode>(index - kFirstWire);
}

QString errorText(Error error) {
    const auto index = static_cast<std::size_t>(error);
    const char* source = index < kTexts.size() ? kTexts[index] : kTexts[0];
    return QCoreApplication::translate("Sesame", source);
}

}  // namespace sesame
