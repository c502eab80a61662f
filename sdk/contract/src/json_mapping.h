#pragma once
// The machinery behind json.h and problem.h: each wire type is described once
// by a `describe(visitor, value)` function listing its members; a Reader
// visitor parses and validates them, a Writer visitor writes them.
//
//   void describe(auto& v, Is<Device> auto& device) {
//       v.field("name", device.name, kName);
//       v.field("platform", device.platform, kPlatform);
//   }
//
// `describe` overloads are found by argument-dependent lookup, so they live in
// this namespace, in the .cpp that owns the type.

#include "text_rules.h"

#include <sesame/contract/expected.h>
#include <sesame/contract/field_error.h>

#include <nlohmann/json.hpp>

#include <concepts>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace sesame::contract::detail {

using nlohmann::json;

// `Is<T> auto& m` binds both T and const T, so one describe serves both visitors.
template <class M, class T>
concept Is = std::same_as<std::remove_const_t<M>, T>;

// How an enum looks on the wire; specialised next to the enum with
//   static std::optional<E> fromWire(std::string_view);
//   static std::string_view toWire(E);
//   static std::string unknownMessage();   // why a string is not accepted
template <class E>
struct WireEnum;

// A WireEnum over an array of {value, wire name} rows.
template <class E, const auto& kNames>
struct TableWireEnum {
    static std::optional<E> fromWire(std::string_view wire) {
        for (const auto& [value, name] : kNames) {
            if (name == wire) {
                return value;
            }
        }
        return std::nullopt;
    }
    static std::string_view toWire(E value) {
        for (const auto& [candidate, name] : kNames) {
            if (candidate == value) {
                return name;
            }
        }
        return {};
    }
    static std::string unknownMessage() {
        std::string message = "must be one of";
        for (const auto& row : kNames) {
            message += (&row == &kNames[0] ? " " : ", ") + std::string(row.second);
        }
        return message;
    }
};

struct IntRule {
    int min = 0;
    int max = 0;
};
inline constexpr IntRule kSeconds{0, std::numeric_limits<int>::max()};
inline constexpr IntRule kCount{0, std::numeric_limits<int>::max()};
inline constexpr IntRule kCodeLength{1, 16};
inline constexpr IntRule kHttpStatus{100, 599};

// The first error met while reading a document; later ones are not looked for.
class Errors {
public:
    bool any() const { return first_.has_value(); }
    void add(std::string path, std::string message);
    const std::optional<FieldError>& first() const { return first_; }

private:
    std::optional<FieldError> first_;
};

std::string memberPath(const std::string& parent, std::string_view member);
std::string elementPath(const std::string& parent, std::size_t index);

void readValue(const json& value, std::string& out, const std::string& path, Errors& errors, const TextRule& rule);
void readValue(const json& value, int& out, const std::string& path, Errors& errors, const IntRule& rule);
void readValue(const json& value, bool& out, const std::string& path, Errors& errors);
template <class E>
    requires std::is_enum_v<E>
void readValue(const json& value, E& out, const std::string& path, Errors& errors);
template <class T, class... Rule>
void readValue(const json& value, std::vector<T>& out, const std::string& path, Errors& errors, const Rule&... rule);
template <class T>
    requires std::is_class_v<T>
void readValue(const json& value, T& out, const std::string& path, Errors& errors);

// Reads the members of one JSON object; a non-object is an error at its path.
class Reader {
public:
    Reader(const json& value, std::string path, Errors& errors);

    bool failed() const { return errors_.any(); }

    // A required member.
    template <class T, class... Rule>
    void field(std::string_view name, T& out, const Rule&... rule) {
        const json* member = find(name);
        if (member == nullptr) {
            fail(name, "is required");
            return;
        }
        readValue(*member, out, memberPath(path_, name), errors_, rule...);
    }

    // An optional member: absent leaves `out` empty.
    template <class T, class... Rule>
    void field(std::string_view name, std::optional<T>& out, const Rule&... rule) {
        const json* member = find(name);
        if (member == nullptr) {
            return;
        }
        T value{};
        readValue(*member, value, memberPath(path_, name), errors_, rule...);
        if (!failed()) {
            out = std::move(value);
        }
    }

    // A member that is always present but may be null (nullopt).
    template <class T, class... Rule>
    void nullable(std::string_view name, std::optional<T>& out, const Rule&... rule) {
        const json* member = find(name);
        if (member != nullptr && member->is_null()) {
            out.reset();
            return;
        }
        T value{};
        field(name, value, rule...);
        if (!failed()) {
            out = std::move(value);
        }
    }

    // A required string member with one allowed value.
    void constant(std::string_view name, std::string_view expected);

    // A rule spanning members: when `holds` is false, `member` (a path relative
    // to this object) gets `message`.
    void expect(bool holds, std::string_view member, std::string_view message);

private:
    // The member, or null when absent (or when an error already stopped reading).
    const json* find(std::string_view name) const;
    void fail(std::string_view member, std::string message);

    const json& value_;
    std::string path_;
    Errors& errors_;
};

// Writes the members of one JSON object.
class Writer {
public:
    explicit Writer(json& out) : out_(out) {}

    template <class T, class... Rule>
    void field(std::string_view name, const T& value, const Rule&...);
    template <class T, class... Rule>
    void field(std::string_view name, const std::optional<T>& value, const Rule&...);
    template <class T, class... Rule>
    void nullable(std::string_view name, const std::optional<T>& value, const Rule&...);
    void constant(std::string_view name, std::string_view value) { out_[std::string(name)] = std::string(value); }
    void expect(bool, std::string_view, std::string_view) {}

private:
    json& out_;
};

// Parses a whole document as T.
template <class T>
Expected<T, FieldError> readDocument(const json& document) {
    Errors errors;
    T value{};
    readValue(document, value, std::string(), errors);
    if (errors.any()) {
        return unexpected(*errors.first());
    }
    return value;
}

// ---- template definitions ----

template <class E>
    requires std::is_enum_v<E>
void readValue(const json& value, E& out, const std::string& path, Errors& errors) {
    const std::optional<E> parsed = value.is_string() ? WireEnum<E>::fromWire(value.get_ref<const std::string&>())
                                                      : std::nullopt;
    if (!parsed) {
        errors.add(path, WireEnum<E>::unknownMessage());
        return;
    }
    out = *parsed;
}

template <class T, class... Rule>
void readValue(const json& value, std::vector<T>& out, const std::string& path, Errors& errors, const Rule&... rule) {
    if (!value.is_array()) {
        errors.add(path, "must be an array");
        return;
    }
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size() && !errors.any(); ++i) {
        T item{};
        readValue(value[i], item, elementPath(path, i), errors, rule...);
        out.push_back(std::move(item));
    }
}

template <class T>
    requires std::is_class_v<T>
void readValue(const json& value, T& out, const std::string& path, Errors& errors) {
    Reader reader(value, path, errors);
    describe(reader, out);
}

inline json writeValue(const std::string& value) { return value; }
inline json writeValue(int value) { return value; }
inline json writeValue(bool value) { return value; }

template <class T>
json writeValue(const T& value) {
    if constexpr (std::is_enum_v<T>) {
        return std::string(WireEnum<T>::toWire(value));
    } else {
        json out = json::object();
        Writer writer(out);
        describe(writer, value);
        return out;
    }
}

template <class T>
json writeValue(const std::vector<T>& values) {
    json out = json::array();
    for (const T& value : values) {
        out.push_back(writeValue(value));
    }
    return out;
}

template <class T, class... Rule>
void Writer::field(std::string_view name, const T& value, const Rule&...) {
    out_[std::string(name)] = writeValue(value);
}

template <class T, class... Rule>
void Writer::field(std::string_view name, const std::optional<T>& value, const Rule&...) {
    if (value) {
        out_[std::string(name)] = writeValue(*value);
    }
}

template <class T, class... Rule>
void Writer::nullable(std::string_view name, const std::optional<T>& value, const Rule&...) {
    out_[std::string(name)] = value ? writeValue(*value) : json(nullptr);
}

}  // namespace sesame::contract::detail
