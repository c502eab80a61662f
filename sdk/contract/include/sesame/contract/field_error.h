#pragma once
// Why a JSON document does not match the contract, naming the field.

#include <string>

namespace sesame::contract {

struct FieldError {
    std::string field;    // JSON path of the offending field, e.g. "device.name"
    std::string message;  // e.g. "must be a string"

    // "device.name: must be a string"
    std::string toString() const { return field.empty() ? message : field + ": " + message; }
};

}  // namespace sesame::contract
