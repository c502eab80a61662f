#include <sesame/contract/json.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace sesame::contract;
using nlohmann::json;

namespace {

// ---- generic checks driven by one valid document per type ----

// Every member and array element inside a document, by its FieldError path.
struct Location {
    std::string path;
    json::json_pointer pointer;
    bool element = false;
};

void collect(const json& value, const std::string& path, const json::json_pointer& pointer,
             std::vector<Location>& out) {
    if (value.is_object()) {
        for (const auto& [name, member] : value.items()) {
            const std::string child = path.empty() ? name : path + "." + name;
            out.push_back({child, pointer / name, false});
            collect(member, child, pointer / name, out);
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            const std::string child = path + "[" + std::to_string(i) + "]";
            out.push_back({child, pointer / i, true});
            collect(value[i], child, pointer / i, out);
        }
    }
}

std::vector<Location> locationsIn(const json& document) {
    std::vector<Location> out;
    collect(document, "", json::json_pointer(), out);
    return out;
}

// null, bool, integer, float, string, array, object: JSON kinds a parser must tell apart.
int kindOf(const json& value) {
    if (value.is_number_integer()) {
        return 2;
    }
    if (value.is_number_float()) {
        return 3;
    }
    return static_cast<int>(value.type()) + 10;
}

std::vector<json> wrongKindsFor(const json& value) {
    std::vector<json> out;
    for (json candidate : {json(nullptr), json(true), json(7), json(1.5), json("text"), json::array(), json::object()}) {
        if (kindOf(candidate) != kindOf(value)) {
            out.push_back(candidate);
        }
    }
    return out;
}

// Strings no member of any wire type accepts.
std::vector<std::string> hostileStrings() {
    return {"",
            "   ",
            std::string(5000, 'a'),
            std::string("a\0b", 3),
            "a\x01z",
            "tab\there",
            "bell\x7f",
            "c1\xC2\x85here",             // U+0085 NEL
            "bidi\xE2\x80\xAEoverride",  // U+202E
            "bad\xFFutf8",
            "overlong\xC0\xAF",
            "surrogate\xED\xA0\x80",
            "truncated\xD0"};
}

template <class T>
FieldError failure(const json& document) {
    const auto parsed = parse<T>(document);
    REQUIRE_FALSE(parsed.hasValue());
    CHECK_FALSE(parsed.error().message.empty());
    return parsed.error();
}

template <class T>
std::string failingField(const json& document) {
    return failure<T>(document).field;
}

template <class T>
void checkRoundTrip(const json& document) {
    const auto parsed = parse<T>(document);
    INFO(document.dump() << " -> " << (parsed ? std::string("ok") : parsed.error().toString()));
    REQUIRE(parsed.hasValue());
    CHECK(toJson(*parsed) == document);
    const auto again = parse<T>(toJson(*parsed));
    REQUIRE(again.hasValue());
    CHECK(*again == *parsed);
}

// Paths that must not be left out, and those that may be null.
struct Shape {
    std::set<std::string> required;
    std::set<std::string> nullable;
};

// The whole strictness contract of one type, from a valid document that has
// every member.
template <class T>
void checkStrict(const json& valid, const Shape& shape) {
    checkRoundTrip<T>(valid);
    const std::vector<Location> locations = locationsIn(valid);
    for (const Location& at : locations) {
        INFO("at " << at.path);
        for (const json& wrong : wrongKindsFor(valid[at.pointer])) {
            INFO("set to " << wrong.dump());
            json document = valid;
            document[at.pointer] = wrong;
            if (wrong.is_null() && shape.nullable.count(at.path) != 0) {
                checkRoundTrip<T>(document);
            } else {
                CHECK(failingField<T>(document) == at.path);
            }
        }
        if (valid[at.pointer].is_string()) {
            for (const std::string& text : hostileStrings()) {
                INFO("set to a hostile string of " << text.size() << " bytes");
                json document = valid;
                document[at.pointer] = text;
                CHECK(failingField<T>(document) == at.path);
            }
        }
        if (!at.element) {
            json document = valid;
            document[at.pointer.parent_pointer()].erase(at.pointer.back());
            if (shape.required.count(at.path) != 0) {
                CHECK(failingField<T>(document) == at.path);
            } else {
                checkRoundTrip<T>(document);
            }
        }
    }
    for (const std::set<std::string>& paths : {shape.required, shape.nullable}) {
        for (const std::string& path : paths) {
            INFO(path << " is in the sample");
            CHECK(std::any_of(locations.begin(), locations.end(), [&](const Location& at) { return at.path == path; }));
        }
    }
}

// Unknown members are ignored at every level.
template <class T>
void checkUnknownMembersIgnored(const json& valid) {
    json document = valid;
    for (const Location& at : locationsIn(valid)) {
        if (valid[at.pointer].is_object()) {
            document[at.pointer]["x_unknown"] = {{"nested", json::array({nullptr, 1, "\x01"})}};
        }
    }
    document["x_unknown"] = nullptr;
    const auto parsed = parse<T>(document);
    REQUIRE(parsed.hasValue());
    CHECK(toJson(*parsed) == valid);
}

template <class T>
void checkNotAnObject() {
    for (const json& document : {json(nullptr), json::array(), json::array({json::object()}), json("{}"), json(1), json(false)}) {
        const FieldError error = failure<T>(document);
        CHECK(error.field.empty());
        CHECK(error.message == "must be an object");
    }
}

template <class T>
void checkType(const json& valid, const Shape& shape) {
    checkStrict<T>(valid, shape);
    checkUnknownMembersIgnored<T>(valid);
    checkNotAnObject<T>();
}

// One member set to each value: accepted ones round-trip, refused ones name the member.
template <class T>
void checkValues(const json& valid, const std::string& path, const std::vector<json>& accepted,
                 const std::vector<json>& refused) {
    const json::json_pointer pointer("/" + path);
    for (const json& value : accepted) {
        INFO(path << " = " << value.dump());
        json document = valid;
        document[pointer] = value;
        checkRoundTrip<T>(document);
    }
    for (const json& value : refused) {
        INFO(path << " = " << value.dump(-1, ' ', false, json::error_handler_t::replace));
        json document = valid;
        document[pointer] = value;
        CHECK(failingField<T>(document) == path);
    }
}

std::string repeat(std::string_view piece, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) {
        out += piece;
    }
    return out;
}

// ---- one valid document per type ----

const json kDevice = {{"name", "Aigerim's Pixel 8"}, {"platform", "android"}};
const json kUser = {{"id", "0f8e4c52-6b1a-4d1e-9a57-3c2b9e1d7a40"},
                    {"phone", "+77001234567"},
                    {"name", "Айгерим"},
                    {"created_at", "2024-05-01T12:00:00Z"}};
const json kShop = {{"id", "shop_01HZX3"}, {"name", "Цветы у дома"}, {"language", "kk-KZ"}, {"currency", "KZT"}, {"plan", "free"}};
const json kSessionEntry = {{"id", "ses_1"},
                            {"device", kDevice},
                            {"created_at", "2024-05-01T12:00:00Z"},
                            {"last_seen_at", "2024-05-03T08:15:30.250Z"},
                            {"current", true}};
const json kMeSession = {{"id", "ses_1"}, {"device", kDevice}, {"created_at", "2024-05-01T12:00:00Z"}};
const json kConsent = {{"terms_version", "2024-06-01"}, {"marketing", false}};
const json kShopPatch = {{"name", "Flowers"}, {"language", "ru"}, {"currency", "USD"}};
const json kOutboxMessage = {{"phone", "+77001234567"},
                             {"channel", "telegram"},
                             {"text", "Sesame code: 123456\nDo not share it."},
                             {"code", "123456"},
                             {"sent_at", "2024-05-01T11:59:30.125Z"}};
const json kJwk = {{"kty", "OKP"},
                   {"crv", "Ed25519"},
                   {"x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
                   {"kid", "2024-05-01.k1"},
                   {"alg", "EdDSA"},
                   {"use", "sig"}};
const json kOtpRequest = {{"phone", "8 (700) 123-45-67"}, {"region", "KZ"}, {"channel", "telegram"}, {"locale", "ru-KZ"}};
const json kVerifyRequest = {{"phone", "+77001234567"},
                             {"region", "KZ"},
                             {"code", "123456"},
                             {"request_id", "req_01HZX3"},
                             {"device", kDevice}};
const json kRefreshRequest = {{"refresh_token", "46XZgXv3dHrQCuRYoSI291T9q4jqIcfYJpoubgvqiFQ"}};
const json kLogoutRequest = {{"scope", "others"}};
const json kProfilePatch = {{"name", "Айгерим"}, {"shop", kShopPatch}, {"consent", kConsent}};
const json kOtpResponse = {{"request_id", "req_01HZX3"},
                           {"phone", "+77001234567"},
                           {"channel", "telegram_link"},
                           {"expires_in", 300},
                           {"resend_in", 60},
                           {"code_length", 6},
                           {"link_url", "https://t.me/SesameBot?start=Zk3q9XwT"}};
const json kSession = {{"access_token", "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl"},
                       {"token_type", "Bearer"},
                       {"expires_in", 900},
                       {"refresh_token", "46XZgXv3dHrQCuRYoSI291T9q4jqIcfYJpoubgvqiFQ"},
                       {"refresh_expires_in", 2592000},
                       {"session_id", "ses_1"},
                       {"is_new_user", true},
                       {"user", kUser},
                       {"shop", kShop}};
const json kMeResponse = {{"user", kUser}, {"shop", kShop}, {"session", kMeSession}};
const json kSessionList = {{"sessions", json::array({kSessionEntry, kSessionEntry})}};
const json kOutbox = {{"messages", json::array({kOutboxMessage})}};
const json kJwks = {{"keys", json::array({kJwk})}};

const std::set<std::string> kUserRequired{"id", "phone", "name", "created_at"};
const std::set<std::string> kShopRequired{"id", "name", "language", "currency", "plan"};

std::set<std::string> prefixed(const std::string& prefix, const std::set<std::string>& paths) {
    std::set<std::string> out;
    for (const std::string& path : paths) {
        out.insert(prefix + path);
    }
    return out;
}

std::set<std::string> united(std::initializer_list<std::set<std::string>> sets) {
    std::set<std::string> out;
    for (const auto& set : sets) {
        out.insert(set.begin(), set.end());
    }
    return out;
}

}  // namespace

// ---- every type: happy path, missing members, wrong kinds, hostile strings,
//      unknown members, documents that are not objects ----

TEST_CASE("Device is strict", "[messages]") { checkType<Device>(kDevice, {{"name", "platform"}, {}}); }
TEST_CASE("User is strict", "[messages]") { checkType<User>(kUser, {kUserRequired, {"name"}}); }
TEST_CASE("Shop is strict", "[messages]") { checkType<Shop>(kShop, {kShopRequired, {"name"}}); }
TEST_CASE("SessionInfo is strict", "[messages]") {
    checkType<SessionInfo>(kSessionEntry, {{"id", "device", "created_at", "device.name", "device.platform"}, {"device"}});
}
TEST_CASE("Consent is strict", "[messages]") { checkType<Consent>(kConsent, {{"terms_version", "marketing"}, {}}); }
TEST_CASE("ShopPatch is strict", "[messages]") { checkType<ShopPatch>(kShopPatch, {}); }
TEST_CASE("OutboxMessage is strict", "[messages]") {
    checkType<OutboxMessage>(kOutboxMessage, {{"phone", "channel", "text", "code", "sent_at"}, {}});
}
TEST_CASE("Jwk is strict", "[messages]") { checkType<Jwk>(kJwk, {{"kty", "crv", "x", "kid", "alg", "use"}, {}}); }
TEST_CASE("OtpRequest is strict", "[messages]") { checkType<OtpRequest>(kOtpRequest, {{"phone"}, {}}); }
TEST_CASE("VerifyRequest is strict", "[messages]") {
    checkType<VerifyRequest>(kVerifyRequest, {{"phone", "code", "device.name", "device.platform"}, {}});
}
TEST_CASE("RefreshRequest is strict", "[messages]") {
    checkType<RefreshRequest>(kRefreshRequest, {{"refresh_token"}, {}});
}
TEST_CASE("LogoutRequest is strict", "[messages]") { checkType<LogoutRequest>(kLogoutRequest, {}); }
TEST_CASE("ProfilePatch is strict", "[messages]") {
    checkType<ProfilePatch>(kProfilePatch, {{"consent.terms_version", "consent.marketing"}, {}});
}
TEST_CASE("OtpResponse is strict", "[messages]") {
    checkType<OtpResponse>(
        kOtpResponse, {{"request_id", "phone", "channel", "expires_in", "resend_in", "code_length", "link_url"}, {}});
}
TEST_CASE("Session is strict", "[messages]") {
    checkType<Session>(kSession, {united({{"access_token", "token_type", "expires_in", "refresh_token",
                                           "refresh_expires_in", "session_id", "is_new_user", "user", "shop"},
                                          prefixed("user.", kUserRequired), prefixed("shop.", kShopRequired)}),
                                  {"user.name", "shop.name"}});
}
TEST_CASE("MeResponse is strict", "[messages]") {
    checkType<MeResponse>(kMeResponse, {united({{"user", "shop", "session", "session.id", "session.device",
                                                 "session.created_at", "session.device.name",
                                                 "session.device.platform"},
                                                prefixed("user.", kUserRequired), prefixed("shop.", kShopRequired)}),
                                        {"user.name", "shop.name", "session.device"}});
}
TEST_CASE("SessionList is strict", "[messages]") {
    Shape shape{{"sessions"}, {}};
    for (const std::string entry : {"sessions[0]", "sessions[1]"}) {
        shape.required.merge(prefixed(entry + ".", {"id", "device", "created_at", "last_seen_at", "current",
                                                    "device.name", "device.platform"}));
        shape.nullable.insert(entry + ".device");
    }
    checkType<SessionList>(kSessionList, shape);
}
TEST_CASE("Outbox is strict", "[messages]") {
    checkType<Outbox>(kOutbox,
                      {united({{"messages"}, prefixed("messages[0].", {"phone", "channel", "text", "code", "sent_at"})}),
                       {}});
}
TEST_CASE("Jwks is strict", "[messages]") {
    checkType<Jwks>(kJwks, {united({{"keys"}, prefixed("keys[0].", {"kty", "crv", "x", "kid", "alg", "use"})}), {}});
}

// ---- values of typed C++ structs ----

TEST_CASE("parsed values carry the wire data", "[messages]") {
    const auto session = parse<Session>(kSession);
    REQUIRE(session.hasValue());
    CHECK(session->accessToken == "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl");
    CHECK(session->expiresIn == 900);
    CHECK(session->refreshExpiresIn == 2592000);
    CHECK(session->isNewUser);
    CHECK(session->user.name == std::optional<std::string>("Айгерим"));
    CHECK(session->shop.currency == "KZT");

    const auto otp = parse<OtpRequest>(kOtpRequest);
    REQUIRE(otp.hasValue());
    CHECK(otp->channel == Channel::Telegram);
    CHECK(otp->region == std::optional<std::string>("KZ"));

    const auto patch = parse<ProfilePatch>(kProfilePatch);
    REQUIRE(patch.hasValue());
    REQUIRE(patch->consent.has_value());
    CHECK(patch->consent->termsVersion == "2024-06-01");
    CHECK_FALSE(patch->consent->marketing);
}

TEST_CASE("toJson writes constants and leaves out empty optionals", "[messages]") {
    Session session;
    session.accessToken = "a.b.c";
    session.refreshToken = "r";
    session.sessionId = "s";
    session.user = {"u", "+77001234567", std::nullopt, "2024-05-01T12:00:00Z"};
    session.shop = {"h", std::nullopt, "ru", "KZT", "free"};
    const json body = toJson(session);
    CHECK(body["token_type"] == "Bearer");
    CHECK(body["user"]["name"].is_null());
    CHECK(body["shop"]["name"].is_null());
    CHECK(parse<Session>(body).hasValue());

    CHECK(toJson(LogoutRequest{}) == json::object());
    CHECK(toJson(LogoutRequest{LogoutScope::Global}) == json{{"scope", "global"}});
    CHECK(toJson(OtpRequest{"+77001234567", std::nullopt, std::nullopt, std::nullopt}) == json{{"phone", "+77001234567"}});
    CHECK(toJson(ProfilePatch{}) == json::object());
    CHECK(toJson(SessionInfo{"s", std::nullopt, "2024-05-01T12:00:00Z", std::nullopt, std::nullopt})
          == json{{"id", "s"}, {"device", nullptr}, {"created_at", "2024-05-01T12:00:00Z"}});
    CHECK(toJson(Jwks{}) == json{{"keys", json::array()}});
}

TEST_CASE("enums have their wire names", "[messages]") {
    CHECK(wireName(Channel::Auto) == "auto");
    CHECK(wireName(Channel::Telegram) == "telegram");
    CHECK(wireName(Channel::Sms) == "sms");
    CHECK(wireName(DeliveryChannel::Telegram) == "telegram");
    CHECK(wireName(DeliveryChannel::TelegramLink) == "telegram_link");
    CHECK(wireName(DeliveryChannel::Sms) == "sms");
    CHECK(wireName(LogoutScope::Local) == "local");
    CHECK(wireName(LogoutScope::Others) == "others");
    CHECK(wireName(LogoutScope::Global) == "global");
}

// ---- nulls: nullable members versus optional ones ----

TEST_CASE("nullable response members take null but must be present", "[messages]") {
    json user = kUser;
    user["name"] = nullptr;
    checkRoundTrip<User>(user);
    json shop = kShop;
    shop["name"] = nullptr;
    checkRoundTrip<Shop>(shop);
    json me = kMeResponse;
    me["session"]["device"] = nullptr;
    checkRoundTrip<MeResponse>(me);
    me["session"].erase("device");
    CHECK(failingField<MeResponse>(me) == "session.device");
}

TEST_CASE("optional members refuse null", "[messages]") {
    const std::pair<json, std::string> cases[] = {
        {{{"phone", "+77001234567"}, {"region", nullptr}}, "region"},
        {{{"phone", "+77001234567"}, {"channel", nullptr}}, "channel"},
        {{{"phone", "+77001234567"}, {"locale", nullptr}}, "locale"},
    };
    for (const auto& [document, field] : cases) {
        CHECK(failingField<OtpRequest>(document) == field);
    }
    CHECK(failingField<LogoutRequest>(json{{"scope", nullptr}}) == "scope");
    CHECK(failingField<ProfilePatch>(json{{"shop", nullptr}}) == "shop");
    CHECK(failingField<VerifyRequest>(json{{"phone", "+7"}, {"code", "1"}, {"device", nullptr}}) == "device");
    json otp = kOtpResponse;
    otp["link_url"] = nullptr;
    CHECK(failingField<OtpResponse>(otp) == "link_url");
}

// ---- rules that span members ----

TEST_CASE("telegram_link needs link_url, other channels do not", "[messages]") {
    json otp = kOtpResponse;
    otp.erase("link_url");
    CHECK(failingField<OtpResponse>(otp) == "link_url");
    for (const char* channel : {"telegram", "sms"}) {
        otp["channel"] = channel;
        checkRoundTrip<OtpResponse>(otp);
    }
    CHECK(parse<OtpResponse>(otp)->channel == DeliveryChannel::Sms);
}

TEST_CASE("GET /v1/me's session may leave out last_seen_at and current", "[messages]") {
    checkRoundTrip<MeResponse>(kMeResponse);
    checkRoundTrip<SessionInfo>(kMeSession);
    json list = {{"sessions", json::array({kSessionEntry, kMeSession})}};
    CHECK(failingField<SessionList>(list) == "sessions[1].last_seen_at");
    list["sessions"][1]["last_seen_at"] = "2024-05-03T08:15:30Z";
    CHECK(failingField<SessionList>(list) == "sessions[1].current");
    checkRoundTrip<SessionList>(json{{"sessions", json::array()}});
}

TEST_CASE("errors in arrays name the element", "[messages]") {
    json list = kSessionList;
    list["sessions"][1]["device"]["name"] = 5;
    CHECK(failingField<SessionList>(list) == "sessions[1].device.name");
    json outbox = kOutbox;
    outbox["messages"].push_back(json::array());
    CHECK(failingField<Outbox>(outbox) == "messages[1]");
}

// ---- enums ----

TEST_CASE("enum values outside their set are refused", "[messages]") {
    checkValues<OtpRequest>(kOtpRequest, "channel", {"auto", "telegram", "sms"},
                            {"telegram_link", "SMS", "Telegram", "email", "sms ", "", std::string("auto\0", 5)});
    checkValues<OtpResponse>(kOtpResponse, "channel", {"telegram", "telegram_link", "sms"},
                             {"auto", "mock", "telegram_gateway", "TELEGRAM"});
    checkValues<OutboxMessage>(kOutboxMessage, "channel", {"telegram", "sms"}, {"auto", "whatsapp"});
    checkValues<LogoutRequest>(kLogoutRequest, "scope", {"local", "others", "global"}, {"all", "Local", "other", ""});
    CHECK(failure<LogoutRequest>(json{{"scope", "all"}}).message == "must be one of local, others, global");
}

TEST_CASE("constants must have their one value", "[messages]") {
    checkValues<Jwk>(kJwk, "kty", {}, {"RSA", "EC", "okp"});
    checkValues<Jwk>(kJwk, "crv", {}, {"X25519", "P-256", "ed25519"});
    checkValues<Jwk>(kJwk, "alg", {}, {"ES256", "RS256", "none", "eddsa"});
    checkValues<Jwk>(kJwk, "use", {}, {"enc"});
    checkValues<Session>(kSession, "token_type", {}, {"bearer", "MAC", "Bearer "});
}

// ---- integers ----

TEST_CASE("integers are whole JSON numbers within range", "[messages]") {
    for (const char* member : {"expires_in", "resend_in"}) {
        checkValues<OtpResponse>(kOtpResponse, member, {0, 1, 2147483647},
                                 {-1, 2147483648LL, 9223372036854775807LL, 18446744073709551615ULL, 300.0, 3e2,
                                  "300", true});
    }
    checkValues<OtpResponse>(kOtpResponse, "code_length", {1, 4, 8, 16}, {0, 17, -6, 6.5});
    checkValues<Session>(kSession, "refresh_expires_in", {0, 2592000}, {-2592000, 1e10});
}

// ---- strings, rule by rule ----

TEST_CASE("request phones are bounded raw text", "[messages]") {
    checkValues<OtpRequest>(kOtpRequest, "phone",
                            {"+77001234567", "8 (700) 123-45-67", "+7 700 123 45 67", repeat("7", 64),
                             "\u0668\u0667\u0660\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667"},
                            {repeat("7", 65), " ", "\t+77001234567", "+7700\n1234567", repeat("\u0667", 65)});
    checkValues<VerifyRequest>(kVerifyRequest, "phone", {"87001234567"}, {repeat("1", 65)});
}

TEST_CASE("response phones are E.164", "[messages]") {
    checkValues<User>(kUser, "phone", {"+77001234567", "+12", "+123456789012345"},
                      {"77001234567", "+07001234567", "+7 700 123 45 67", "+7-700", "+1234567890123456", "+", "+7",
                       "+7a", "8 (700) 123-45-67", "\uff0b77001234567"});
    checkValues<OtpResponse>(kOtpResponse, "phone", {"+15551234567"}, {"5551234567"});
    checkValues<OutboxMessage>(kOutboxMessage, "phone", {"+15551234567"}, {"+7 700"});
}

TEST_CASE("regions are two letters", "[messages]") {
    checkValues<OtpRequest>(kOtpRequest, "region", {"KZ", "us", "Ru"},
                            {"KAZ", "K", "K1", "12", "\u041a\u0417", "K Z", "001"});
}

TEST_CASE("locales and languages are BCP 47 tags", "[messages]") {
    const std::vector<json> accepted{"ru", "kk-KZ", "zh-Hans-CN", "sr-Latn-RS", "es-419", "de-CH-1996",
                                     "abcdefgh-abcdefgh-abcdefgh-abcdefgh"};
    const std::vector<json> refused{"ru_RU", "-ru", "ru-", "r", "ru--KZ", "abcdefghi", "ru-abcdefghi", "1ru",
                                    "abcdefgh-abcdefgh-abcdefgh-abcdefgh-a", "ru KZ", "\u0440\u0443"};
    checkValues<OtpRequest>(kOtpRequest, "locale", accepted, refused);
    checkValues<Shop>(kShop, "language", accepted, refused);
    checkValues<ShopPatch>(kShopPatch, "language", {"en"}, {"en_US"});
}

TEST_CASE("currencies are ISO 4217 codes", "[messages]") {
    checkValues<Shop>(kShop, "currency", {"KZT", "USD", "EUR"}, {"kzt", "Kzt", "KZ", "KZTT", "K1T", "₸", "$"});
    checkValues<ShopPatch>(kShopPatch, "currency", {"RUB"}, {"rub"});
}

TEST_CASE("codes are 1 to 16 ASCII digits", "[messages]") {
    checkValues<VerifyRequest>(kVerifyRequest, "code", {"123456", "0000", "0", repeat("9", 16)},
                               {"12345a", "12 3456", repeat("1", 17), "\u0661\u0662\u0663\u0664", "-123", "+123",
                                "12.34", "\uff11\uff12\uff13"});
    checkValues<OutboxMessage>(kOutboxMessage, "code", {"000000"}, {"abc"});
}

TEST_CASE("identifiers are short URL-safe ASCII", "[messages]") {
    const std::vector<json> accepted{"req_01HZX3", "550e8400-e29b-41d4-a716-446655440000", "a:b.c~d", "x",
                                     repeat("a", 128)};
    const std::vector<json> refused{"with space", "slash/", "q?x", repeat("a", 129), "\u043a\u043b\u044e\u0447",
                                    "a\"b", "a\\b", "<script>"};
    checkValues<VerifyRequest>(kVerifyRequest, "request_id", accepted, refused);
    checkValues<User>(kUser, "id", accepted, refused);
    checkValues<Shop>(kShop, "plan", {"free", "pro"}, {"free plan"});
    checkValues<Session>(kSession, "session_id", {"s-1"}, {"s 1"});
    checkValues<Jwk>(kJwk, "kid", {"k1"}, {"k 1"});
    checkValues<Consent>(kConsent, "terms_version", {"v1.2", repeat("1", 32)}, {repeat("1", 33), "v 1"});
}

TEST_CASE("tokens are RFC 6750 b64tokens", "[messages]") {
    const std::vector<json> accepted{"abc", "abc==", "a+b/c", "eyJh.eyJz.sig-_", repeat("a", 4096)};
    const std::vector<json> refused{"abc def", "=abc", "a=b", "tok\"en", "a,b", repeat("a", 4097), "\u0442\u043e\u043a\u0435\u043d", "=="};
    checkValues<Session>(kSession, "access_token", accepted, refused);
    checkValues<RefreshRequest>(kRefreshRequest, "refresh_token", {"abc", "a+b/c==", repeat("a", 512)},
                                {"abc def", "=abc", repeat("a", 513)});
    checkValues<Session>(kSession, "refresh_token", {"r", repeat("r", 512)}, {"r r", repeat("r", 513)});
}

TEST_CASE("times are RFC 3339 UTC", "[messages]") {
    checkValues<User>(kUser, "created_at",
                      {"2024-05-01T12:00:00Z", "2024-02-29T23:59:60.123456789Z", "2000-02-29T00:00:00.5Z",
                       "1970-01-01T00:00:00Z", "2024-12-31T23:59:59Z"},
                      {"2024-05-01 12:00:00Z", "2024-05-01T12:00:00", "2024-05-01T12:00:00+00:00",
                       "2024-05-01T17:00:00+05:00", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
                       "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z", "2024-04-31T00:00:00Z",
                       "2024-05-01T24:00:00Z", "2024-05-01T12:60:00Z", "2024-05-01T12:00:61Z",
                       "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00.1234567890Z", "2024-05-01t12:00:00z",
                       "2024-05-01T12:00:00ZZ", "1714564800", "2024-5-1T12:00:00Z", "+2024-05-01T12:00:00Z",
                       "2024-05-01T12:00:00,5Z", "２０２４-05-01T12:00:00Z"});
    checkValues<SessionInfo>(kSessionEntry, "last_seen_at", {"2024-05-03T08:15:30Z"}, {"yesterday"});
    checkValues<OutboxMessage>(kOutboxMessage, "sent_at", {"2024-05-03T08:15:30Z"}, {"2024-05-03"});
}

TEST_CASE("link URLs are https", "[messages]") {
    checkValues<OtpResponse>(kOtpResponse, "link_url",
                             {"https://t.me/SesameBot?start=abc123", "https://t.me/x", "https://" + repeat("a", 2040)},
                             {"http://t.me/SesameBot?start=abc", "https://", "https:///path", "https://t.me/a b",
                              "javascript:alert(1)", "t.me/SesameBot", "HTTPS://t.me/x", "https://t.me/\u0431\u043e\u0442",
                              "https://" + repeat("a", 2041)});
}

TEST_CASE("JWK x is a canonical 32-byte base64url key", "[messages]") {
    checkValues<Jwk>(kJwk, "x", {"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", repeat("A", 43)},
                     {"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURoA",
                      "11qYAYKxCrfVS+7TyWQHOg7hcvPapiMlrwIaaPcHURo", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
                      "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURp", repeat("A", 42) + "B"});
}

TEST_CASE("names are bounded, single-line, displayable text", "[messages]") {
    const std::vector<json> accepted{"Айгерим", "O'Brien-Smith", "\xF0\x9F\x8C\xB8 Flowers", repeat("\u0416", 100),
                                     repeat("\xF0\x9F\x92\xBB", 100), " padded ", "\u0645\u0631\u062d\u0628\u0627",
                                     "zero\u200cwidth"};
    const std::vector<json> refused{repeat("\u0416", 101), repeat("a", 101), "line\nbreak", "\u202Eevil",
                                    "iso\u2066late", "sep\u2028arator", "  ", std::string("nul\0", 4)};
    checkValues<ProfilePatch>(kProfilePatch, "name", accepted, refused);
    checkValues<User>(kUser, "name", accepted, refused);
    checkValues<Shop>(kShop, "name", accepted, refused);
    checkValues<ShopPatch>(kShopPatch, "name", {repeat("n", 100)}, {repeat("n", 101)});
    checkValues<Device>(kDevice, "name", accepted, refused);
    checkValues<Device>(kDevice, "platform", {"linux", "Windows 11", repeat("p", 32)}, {repeat("p", 33), "a\tb"});
}

TEST_CASE("message texts may span lines but stay bounded", "[messages]") {
    checkValues<OutboxMessage>(kOutboxMessage, "text",
                               {"one line", "two\nlines", repeat("\u0416", 4096), "\n\ncode\n"},
                               {repeat("x", 4097), "tab\there", "cr\r\nlf", "\n", "\x1b[31mred"});
}
