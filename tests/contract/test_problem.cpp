#include <sesame/contract/problem.h>

#include <catch2/catch.hpp>

#include <string>

using namespace sesame::contract;
using nlohmann::json;

namespace {

json rateLimitedBody() {
    return {{"type", "https://sesame.dev/problems/rate_limited"},
            {"title", "Too many requests"},
            {"status", 429},
            {"detail", "Try again later."},
            {"code", "rate_limited"},
            {"retry_after", 42}};
}

// The field named by the error parsing `body`; fails the test if it parsed.
std::string failingField(const json& body) {
    const auto parsed = problemFromJson(body);
    REQUIRE_FALSE(parsed.hasValue());
    CHECK_FALSE(parsed.error().message.empty());
    return parsed.error().field;
}

}  // namespace

TEST_CASE("toJson writes the RFC 9457 members from the code", "[problem]") {
    const Problem problem{ErrorCode::InvalidCode, "Wrong code.", {{"attempts_left", 2}}};
    const json body = toJson(problem);
    CHECK(body == json{{"type", "https://sesame.dev/problems/invalid_code"},
                       {"title", "Invalid code"},
                       {"status", 400},
                       {"detail", "Wrong code."},
                       {"code", "invalid_code"},
                       {"attempts_left", 2}});
    CHECK(problem.status() == 400);
    CHECK(problemType(ErrorCode::NotFound) == "https://sesame.dev/problems/not_found");
}

TEST_CASE("extensions never override the standard members", "[problem]") {
    const Problem problem{ErrorCode::NotFound, "No such session.",
                          {{"status", 200}, {"code", "forbidden"}, {"type", "about:blank"}, {"session", "s1"}}};
    const json body = toJson(problem);
    CHECK(body["status"] == 404);
    CHECK(body["code"] == "not_found");
    CHECK(body["type"] == "https://sesame.dev/problems/not_found");
    CHECK(body["session"] == "s1");
}

TEST_CASE("non-object extensions are not written", "[problem]") {
    const Problem problem{ErrorCode::InternalError, "", json::array({1, 2})};
    const json body = toJson(problem);
    CHECK(body.size() == 5);
    CHECK(problemFromJson(body).hasValue());
}

TEST_CASE("every code's problem round-trips", "[problem]") {
    for (ErrorCode code : allErrorCodes()) {
        INFO(wireName(code));
        Problem problem{code, "detail of " + std::string(wireName(code))};
        if (code == ErrorCode::InvalidCode) {
            problem.extensions["attempts_left"] = 1;
        }
        if (httpStatus(code) == 429) {
            problem.extensions["retry_after"] = 30;
        }
        const auto parsed = problemFromJson(toJson(problem));
        REQUIRE(parsed.hasValue());
        CHECK(parsed->code == code);
        CHECK(parsed->detail == problem.detail);
        CHECK(parsed->extensions == problem.extensions);
        CHECK(toJson(*parsed) == toJson(problem));
    }
}

TEST_CASE("problemFromJson keeps extensions, not the standard members", "[problem]") {
    json body = rateLimitedBody();
    body["scope"] = "phone";
    body["nested"] = {{"a", json::array({1, nullptr})}};
    const auto parsed = problemFromJson(body);
    REQUIRE(parsed.hasValue());
    CHECK(parsed->code == ErrorCode::RateLimited);
    CHECK(parsed->detail == "Try again later.");
    CHECK(parsed->extensions == json{{"retry_after", 42}, {"scope", "phone"}, {"nested", {{"a", json::array({1, nullptr})}}}});
}

TEST_CASE("problemFromJson accepts any title text", "[problem]") {
    json body = rateLimitedBody();
    body["title"] = "Слишком много запросов";
    CHECK(problemFromJson(body).hasValue());
}

TEST_CASE("invalidRequest names the field", "[problem]") {
    const Problem problem = invalidRequest(FieldError{"device.name", "must be a string"});
    CHECK(problem.code == ErrorCode::InvalidRequest);
    CHECK(problem.status() == 400);
    CHECK(problem.detail == "device.name: must be a string");
    CHECK(problem.extensions == json{{"field", "device.name"}});
    const auto parsed = problemFromJson(toJson(problem));
    REQUIRE(parsed.hasValue());
    CHECK(parsed->extensions["field"] == "device.name");
}

TEST_CASE("invalidRequest about the whole document has an empty field", "[problem]") {
    const Problem problem = invalidRequest(FieldError{"", "must be an object"});
    CHECK(problem.detail == "must be an object");
    CHECK(problem.extensions == json{{"field", ""}});
    CHECK(problemFromJson(toJson(problem)).hasValue());
}

TEST_CASE("each missing standard member is named", "[problem]") {
    for (const char* member : {"type", "title", "status", "detail", "code"}) {
        INFO(member);
        json body = rateLimitedBody();
        body.erase(member);
        CHECK(failingField(body) == member);
    }
}

TEST_CASE("standard members of the wrong type are named", "[problem]") {
    const std::pair<const char*, json> cases[] = {
        {"type", 1},          {"type", nullptr},      {"title", json::array()}, {"title", false},
        {"status", "429"},    {"status", 429.0},      {"status", nullptr},      {"status", true},
        {"detail", 5},        {"detail", json::object()}, {"code", 7},           {"code", nullptr},
        {"code", json::array({"rate_limited"})},
    };
    for (const auto& [member, value] : cases) {
        INFO(member << " = " << value.dump());
        json body = rateLimitedBody();
        body[member] = value;
        CHECK(failingField(body) == member);
    }
}

TEST_CASE("an unknown code is an error naming code", "[problem]") {
    for (const char* code : {"", "Rate_Limited", "teapot", "rate_limited "}) {
        json body = rateLimitedBody();
        body["code"] = code;
        CHECK(failingField(body) == "code");
    }
}

TEST_CASE("type and status must match the code", "[problem]") {
    json body = rateLimitedBody();
    body["type"] = "https://sesame.dev/problems/resend_too_soon";
    CHECK(failingField(body) == "type");
    body = rateLimitedBody();
    body["type"] = "about:blank";
    CHECK(failingField(body) == "type");
    body = rateLimitedBody();
    body["status"] = 400;
    CHECK(failingField(body) == "status");
    body["status"] = 100000;
    CHECK(failingField(body) == "status");
}

TEST_CASE("known extensions are checked", "[problem]") {
    json body = rateLimitedBody();
    body.erase("retry_after");
    CHECK(failingField(body) == "retry_after");
    for (const json& bad : {json(-1), json("42"), json(1.5), json(nullptr), json(1e30)}) {
        body["retry_after"] = bad;
        CHECK(failingField(body) == "retry_after");
    }
    const Problem wrongCode{ErrorCode::InvalidCode, "Wrong code."};
    CHECK(failingField(toJson(wrongCode)) == "attempts_left");
    Problem withField = invalidRequest(FieldError{"phone", "is required"});
    withField.extensions["field"] = 3;
    CHECK(failingField(toJson(withField)) == "field");
}

TEST_CASE("hostile problem documents are refused", "[problem]") {
    for (const json& body : {json(nullptr), json::array(), json("rate_limited"), json(429), json::object()}) {
        INFO(body.dump());
        CHECK_FALSE(problemFromJson(body).hasValue());
    }
    CHECK(failingField(json::array({rateLimitedBody()})).empty());
}

TEST_CASE("a huge or control-laden detail is refused", "[problem]") {
    json body = rateLimitedBody();
    body["detail"] = std::string(4096, 'x');
    CHECK(problemFromJson(body).hasValue());
    body["detail"] = std::string(4097, 'x');
    CHECK(failingField(body) == "detail");
    body["detail"] = std::string(1 << 20, 'x');
    CHECK(failingField(body) == "detail");
    body["detail"] = std::string("bad\0byte", 8);
    CHECK(failingField(body) == "detail");
    body["detail"] = "bad \x1b[31m escape";
    CHECK(failingField(body) == "detail");
    body["detail"] = "bad \xff utf-8";
    CHECK(failingField(body) == "detail");
    body["detail"] = "two\nlines, \xD0\xB8 \xD1\x8E\xD0\xBD\xD0\xB8\xD0\xBA\xD0\xBE\xD0\xB4";
    CHECK(problemFromJson(body).hasValue());
}
