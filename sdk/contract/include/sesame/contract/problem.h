#pragma once
// RFC 9457 problem details (application/problem+json), the body of every error.

#include <nlohmann/json.hpp>
#include <sesame/contract/error_code.h>
#include <sesame/contract/expected.h>
#include <sesame/contract/field_error.h>

#include <string>

namespace sesame::contract {

inline constexpr std::string_view kProblemContentType = "application/problem+json";

struct Problem {
    ErrorCode code = ErrorCode::InternalError;
    std::string detail;
    // Members beside the standard ones: "field", "attempts_left", "retry_after", ...
    nlohmann::json extensions = nlohmann::json::object();

    int status() const { return httpStatus(code); }
};

// A 400 invalid_request naming the field, with "field" as an extension.
Problem invalidRequest(const FieldError& error);

// {"type","title","status","detail","code", ...extensions}
nlohmann::json toJson(const Problem& problem);
// Parses a problem+json body; an unknown `code` is an error naming "code".
Expected<Problem, FieldError> problemFromJson(const nlohmann::json& body);

}  // namespace sesame::contract
