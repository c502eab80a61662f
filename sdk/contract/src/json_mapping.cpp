#include "json_mapping.h"

#include <cstdint>

namespace sesame::contract::detail {

void Errors::add(std::string path, std::string message) {
    if (!first_) {
        first_ = FieldError{std::move(path), std::move(message)};
    }
}

std::string memberPath(const std::string& parent, std::string_view member) {
    return parent.empty() ? std::string(member) : parent + "." + std::string(member);
}

std::string elementPath(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

void readValue(const json& value, std::string& out, const std::string& path, Errors& errors, const TextRule& rule) {
    if (!value.is_string()) {
        errors.add(path, "must be a string");
        return;
    }
    const std::string& text = value.get_ref<const std::string&>();
    if (std::optional<std::string> violation = textViolation(text, rule)) {
        errors.add(path, std::move(*violation));
        return;
    }
    out = text;
}

namespace {

// The value when it is a JSON integer that fits 64 bits. Floats are refused
// even when whole (5.0): the wire has integers only.
std::optional<std::int64_t> integerOf(const json& value) {
    if (value.is_number_unsigned()) {
        const auto number = value.get<std::uint64_t>();
        return number <= static_cast<std::uint64_t>(INT64_MAX) ? std::optional(static_cast<std::int64_t>(number))
                                                                : std::nullopt;
    }
    return value.is_number_integer() ? std::optional(value.get<std::int64_t>()) : std::nullopt;
}

}  // namespace

void readValue(const json& value, int& out, const std::string& path, Errors& errors, const IntRule& rule) {
    const std::optional<std::int64_t> number = integerOf(value);
    if (!number || *number < rule.min || *number > rule.max) {
        errors.add(path, "must be an integer from " + std::to_string(rule.min) + " to " + std::to_string(rule.max));
        return;
    }
    out = static_cast<int>(*number);
}

void readValue(const json& value, bool& out, const std::string& path, Errors& errors) {
    if (!value.is_boolean()) {
        errors.add(path, "must be a boolean");
        return;
    }
    out = value.get<bool>();
}

Reader::Reader(const json& value, std::string path, Errors& errors)
    : value_(value), path_(std::move(path)), errors_(errors) {
    if (!value_.is_object()) {
        errors_.add(path_, "must be an object");
    }
}

void Reader::constant(std::string_view name, std::string_view expected) {
    const json* member = find(name);
    if (member == nullptr) {
        fail(name, "is required");
    } else if (!member->is_string() || member->get_ref<const std::string&>() != expected) {
        fail(name, "must be \"" + std::string(expected) + "\"");
    }
}

void Reader::expect(bool holds, std::string_view member, std::string_view message) {
    if (!holds) {
        fail(member, std::string(message));
    }
}

const json* Reader::find(std::string_view name) const {
    if (failed()) {
        return nullptr;
    }
    const auto it = value_.find(std::string(name));
    return it == value_.end() ? nullptr : &*it;
}

void Reader::fail(std::string_view member, std::string message) {
    errors_.add(memberPath(path_, member), std::move(message));
}

}  // namespace sesame::contract::detail
