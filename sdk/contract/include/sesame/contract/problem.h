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

// The problem `type` URI of a code: "https://sesame.dev/problems/<code>".
std::string problemType(ErrorCode code);

// A 400 invalid_request whose detail is error.toString(), with the path as the
// "field" extension ("" when the error is about the whole document).
Problem invalidRequest(const FieldError& error);

// {"type","title","status","detail","code", ...extensions}; type, title and
// status follow from the code, and extensions never override those members.
nlohmann::json toJson(const Problem& problem);
// Parses a problem+json body strictly: the five members are required, `type`
// and `status` must match `code` (an unknown code is an error naming "code"),
// the title may be any text (it is not kept). Every other member becomes an
// extension; the known ones are checked: "field" is a string, "attempts_left"
// and "retry_after" are non-negative integers, invalid_code carries
// attempts_left and every 429 carries retry_after.
Expected<Problem, FieldError> problemFromJson(const nlohmann::json& body);

}  // namespace sesame::contract
