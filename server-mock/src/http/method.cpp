#include "http/method.h"

#include <array>
#include <utility>

namespace sesame::server::http {
namespace {

constexpr std::array<std::pair<Method, std::string_view>, 7> kNames{{
    {Method::Get, "GET"},
    {Method::Post, "POST"},
    {Method::Patch, "PATCH"},
    {Method::Put, "PUT"},
    {Method::Delete, "DELETE"},
    {Method::Head, "HEAD"},
    {Method::Options, "OPTIONS"},
}};

}  // namespace

std::string_view methodName(Method method) {
    for (const auto& [value, name] : kNames) {
        if (value == method) {
            return name;
        }
    }
    return "OTHER";
}

Method methodFromName(std::string_view name) {
    for (const auto& [value, known] : kNames) {
        if (known == name) {
            return value;
        }
    }
    return Method::Other;
}

}  // namespace sesame::server::http
