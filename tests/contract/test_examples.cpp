// The golden examples shared by SDK and server tests (tests/contract/examples):
// index.json lists each file with the type it is an example of and whether it
// is valid; an invalid one names the field the error must point at.

#include <sesame/contract/json.h>
#include <sesame/contract/problem.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>

using namespace sesame::contract;
using nlohmann::json;

namespace {

// A document parsed as one type and written back by toJson, or why it did
// not parse. `stable` says that the written document parses to the same value.
struct Written {
    json document;
    bool stable = false;
};
using Outcome = Expected<Written, FieldError>;
using Parser = Outcome (*)(const json&);

template <class T>
Outcome parseAndWrite(const json& document) {
    const auto parsed = parse<T>(document);
    if (!parsed) {
        return unexpected(parsed.error());
    }
    const json written = toJson(*parsed);
    const auto again = parse<T>(written);
    return Written{written, again && *again == *parsed};
}

Outcome parseAndWriteProblem(const json& document) {
    const auto parsed = problemFromJson(document);
    if (!parsed) {
        return unexpected(parsed.error());
    }
    const json written = toJson(*parsed);
    const auto again = problemFromJson(written);
    const bool same = again && again->code == parsed->code && again->detail == parsed->detail
                      && again->extensions == parsed->extensions;
    return Written{written, same};
}

// Whether `part` is `whole` with some object members left out (at any depth).
bool isContainedIn(const json& part, const json& whole) {
    if (part.is_object() && whole.is_object()) {
        for (const auto& [name, value] : part.items()) {
            if (!whole.contains(name) || !isContainedIn(value, whole[name])) {
                return false;
            }
        }
        return true;
    }
    if (part.is_array() && whole.is_array() && part.size() == whole.size()) {
        for (std::size_t i = 0; i < part.size(); ++i) {
            if (!isContainedIn(part[i], whole[i])) {
                return false;
            }
        }
        return true;
    }
    return part == whole;
}

const std::map<std::string, Parser>& parsers() {
    static const std::map<std::string, Parser> byType{
        {"Device", parseAndWrite<Device>},
        {"User", parseAndWrite<User>},
        {"Shop", parseAndWrite<Shop>},
        {"SessionInfo", parseAndWrite<SessionInfo>},
        {"Consent", parseAndWrite<Consent>},
        {"ShopPatch", parseAndWrite<ShopPatch>},
        {"OutboxMessage", parseAndWrite<OutboxMessage>},
        {"Jwk", parseAndWrite<Jwk>},
        {"OtpRequest", parseAndWrite<OtpRequest>},
        {"VerifyRequest", parseAndWrite<VerifyRequest>},
        {"RefreshRequest", parseAndWrite<RefreshRequest>},
        {"LogoutRequest", parseAndWrite<LogoutRequest>},
        {"ProfilePatch", parseAndWrite<ProfilePatch>},
        {"OtpResponse", parseAndWrite<OtpResponse>},
        {"Session", parseAndWrite<Session>},
        {"MeResponse", parseAndWrite<MeResponse>},
        {"SessionList", parseAndWrite<SessionList>},
        {"Outbox", parseAndWrite<Outbox>},
        {"Jwks", parseAndWrite<Jwks>},
        {"Problem", parseAndWriteProblem},
    };
    return byType;
}

// A JSON file under the examples folder, or nullopt when it is missing or not JSON.
std::optional<json> load(const std::string& relative) {
    std::ifstream in(std::string(SESAME_EXAMPLES_DIR) + "/" + relative, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    json document = json::parse(text.str(), nullptr, false);
    return document.is_discarded() ? std::nullopt : std::optional(document);
}

json loadIndex() {
    const std::optional<json> index = load("index.json");
    REQUIRE(index.has_value());
    REQUIRE(index->is_array());
    REQUIRE_FALSE(index->empty());
    return *index;
}

bool isWellFormedEntry(const json& entry) {
    return entry.is_object() && entry.contains("file") && entry["file"].is_string() && entry.contains("type")
           && entry["type"].is_string() && parsers().count(entry["type"].get<std::string>()) != 0
           && entry.contains("valid") && entry["valid"].is_boolean()
           && (entry["valid"].get<bool>() || (entry.contains("field") && entry["field"].is_string()));
}

}  // namespace

TEST_CASE("the example index is well-formed", "[examples]") {
    std::set<std::string> files;
    for (const json& entry : loadIndex()) {
        INFO(entry.dump());
        REQUIRE(isWellFormedEntry(entry));
        CHECK(files.insert(entry["file"].get<std::string>()).second);
    }
}

TEST_CASE("every wire type has a valid and an invalid example", "[examples]") {
    std::set<std::string> valid;
    std::set<std::string> invalid;
    for (const json& entry : loadIndex()) {
        if (isWellFormedEntry(entry)) {
            (entry["valid"].get<bool>() ? valid : invalid).insert(entry["type"].get<std::string>());
        }
    }
    for (const auto& [type, parser] : parsers()) {
        INFO(type);
        CHECK(valid.count(type) == 1);
        CHECK(invalid.count(type) == 1);
    }
}

TEST_CASE("every example parses as the index says", "[examples]") {
    for (const json& entry : loadIndex()) {
        if (!isWellFormedEntry(entry)) {
            continue;  // reported by the index test
        }
        const std::string file = entry["file"].get<std::string>();
        INFO(file << " as " << entry["type"].get<std::string>());
        const std::optional<json> document = load(file);
        REQUIRE(document.has_value());
        const Outcome outcome = parsers().at(entry["type"].get<std::string>())(*document);
        if (entry["valid"].get<bool>()) {
            INFO((outcome ? std::string() : "refused: " + outcome.error().toString()));
            REQUIRE(outcome.hasValue());
            // Round trip: toJson writes the example back, less the members the
            // type does not know (parse ignores them), and what it writes
            // parses to the same value, so no known member was dropped.
            INFO("written back: " << outcome->document.dump());
            CHECK(isContainedIn(outcome->document, *document));
            CHECK(outcome->stable);
        } else {
            REQUIRE_FALSE(outcome.hasValue());
            CHECK(outcome.error().field == entry["field"].get<std::string>());
        }
    }
}
