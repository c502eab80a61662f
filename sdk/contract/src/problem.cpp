#include "json_mapping.h"

#include <sesame/contract/problem.h>

#include <algorithm>
#include <array>

namespace sesame::contract {
namespace detail {

template <>
struct WireEnum<ErrorCode> {
    static std::optional<ErrorCode> fromWire(std::string_view wire) { return errorCodeFromWire(wire); }
    static std::string_view toWire(ErrorCode code) { return wireName(code); }
    static std::string unknownMessage() { return "is not a known error code"; }
};

}  // namespace detail

namespace {

constexpr std::array<std::string_view, 5> kStandardMembers{"type", "title", "status", "detail", "code"};

bool isStandardMember(const std::string& name) {
    return std::find(kStandardMembers.begin(), kStandardMembers.end(), name) != kStandardMembers.end();
}

// The members a Problem keeps as extensions: all but the standard five.
nlohmann::json extensionsOf(const nlohmann::json& body) {
    nlohmann::json extensions = nlohmann::json::object();
    for (const auto& [name, value] : body.items()) {
        if (!isStandardMember(name)) {
            extensions[name] = value;
        }
    }
    return extensions;
}

void readStandardMembers(detail::Reader& reader, Problem& problem) {
    // Read to be checked only: toJson derives all three from the code.
    std::string type;
    std::string titleText;
    int status = 0;
    reader.field("code", problem.code);
    reader.field("type", type, detail::kHttpsUrl);
    reader.expect(type == problemType(problem.code), "type", "must be the type URI of the code");
    reader.field("title", titleText, detail::kProblemTitle);
    reader.field("status", status, detail::kHttpStatus);
    reader.expect(status == httpStatus(problem.code), "status", "must be the HTTP status of the code");
    reader.field("detail", problem.detail, detail::kProblemDetail);
}

void checkKnownExtensions(detail::Reader& reader, ErrorCode code) {
    std::optional<std::string> field;
    std::optional<int> attemptsLeft;
    std::optional<int> retryAfter;
    reader.field("field", field, detail::kFieldPath);
    reader.field("attempts_left", attemptsLeft, detail::kCount);
    reader.field("retry_after", retryAfter, detail::kSeconds);
    reader.expect(code != ErrorCode::InvalidCode || attemptsLeft.has_value(), "attempts_left",
                  "is required for invalid_code");
    reader.expect(httpStatus(code) != 429 || retryAfter.has_value(), "retry_after", "is required with status 429");
}

}  // namespace

std::string problemType(ErrorCode code) { return "https://sesame.dev/problems/" + std::string(wireName(code)); }

Problem invalidRequest(const FieldError& error) {
    return Problem{ErrorCode::InvalidRequest, error.toString(), {{"field", error.field}}};
}

nlohmann::json toJson(const Problem& problem) {
    nlohmann::json body = problem.extensions.is_object() ? problem.extensions : nlohmann::json::object();
    body["type"] = problemType(problem.code);
    body["title"] = std::string(title(problem.code));
    body["status"] = problem.status();
    body["detail"] = problem.detail;
    body["code"] = std::string(wireName(problem.code));
    return body;
}

Expected<Problem, FieldError> problemFromJson(const nlohmann::json& body) {
    detail::Errors errors;
    detail::Reader reader(body, std::string(), errors);
    Problem problem;
    readStandardMembers(reader, problem);
    checkKnownExtensions(reader, problem.code);
    if (errors.any()) {
        return unexpected(*errors.first());
    }
    problem.extensions = extensionsOf(body);
    return problem;
}

}  // namespace sesame::contract
