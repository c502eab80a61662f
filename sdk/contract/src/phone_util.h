#pragma once
// Private to the contract library: the one way its sources reach libphonenumber.

namespace i18n::phonenumbers {
class PhoneNumberUtil;
}

namespace sesame::contract::detail {

// The libphonenumber singleton, with its logger replaced by a NullLogger on
// first use so no input (a phone number) can ever reach stdout or stderr,
// whatever the library version's default logger is.
const i18n::phonenumbers::PhoneNumberUtil& phoneUtil();

}  // namespace sesame::contract::detail
