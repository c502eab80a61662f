#pragma once
// The strict JSON mapping of the wire types in messages.h.
//
// parse<T> accepts exactly what API.md v1 allows: a missing required member, a
// wrong JSON type (null included, except for the nullable response members
// documented in messages.h), an enum value outside its set, or a string
// breaking its rule (length, charset, format) is a FieldError naming the member
// by its JSON path ("device.name", "sessions[1].id"; "" for the document
// itself). Unknown members are ignored. Strings must be valid UTF-8 without
// control characters; lengths count Unicode code points.
//
// Error messages describe the rule broken, never the value, so they are safe to
// log and to answer with (Problem invalidRequest).
//
// toJson writes members in wire form (empty optionals omitted, empty nullables
// as null); it does not validate, so a value parse would reject gives a
// document parse rejects.

#include <nlohmann/json.hpp>
#include <sesame/contract/expected.h>
#include <sesame/contract/field_error.h>
#include <sesame/contract/messages.h>

namespace sesame::contract {

// Reads a T from a JSON document; defined for every type of messages.h only.
template <class T>
Expected<T, FieldError> parse(const nlohmann::json& document);

template <> Expected<Device, FieldError> parse<Device>(const nlohmann::json&);
template <> Expected<User, FieldError> parse<User>(const nlohmann::json&);
template <> Expected<Shop, FieldError> parse<Shop>(const nlohmann::json&);
template <> Expected<SessionInfo, FieldError> parse<SessionInfo>(const nlohmann::json&);
template <> Expected<Consent, FieldError> parse<Consent>(const nlohmann::json&);
template <> Expected<ShopPatch, FieldError> parse<ShopPatch>(const nlohmann::json&);
template <> Expected<OutboxMessage, FieldError> parse<OutboxMessage>(const nlohmann::json&);
template <> Expected<Jwk, FieldError> parse<Jwk>(const nlohmann::json&);
template <> Expected<OtpRequest, FieldError> parse<OtpRequest>(const nlohmann::json&);
template <> Expected<VerifyRequest, FieldError> parse<VerifyRequest>(const nlohmann::json&);
template <> Expected<RefreshRequest, FieldError> parse<RefreshRequest>(const nlohmann::json&);
template <> Expected<LogoutRequest, FieldError> parse<LogoutRequest>(const nlohmann::json&);
template <> Expected<ProfilePatch, FieldError> parse<ProfilePatch>(const nlohmann::json&);
template <> Expected<OtpResponse, FieldError> parse<OtpResponse>(const nlohmann::json&);
template <> Expected<Session, FieldError> parse<Session>(const nlohmann::json&);
template <> Expected<MeResponse, FieldError> parse<MeResponse>(const nlohmann::json&);
template <> Expected<SessionList, FieldError> parse<SessionList>(const nlohmann::json&);
template <> Expected<Outbox, FieldError> parse<Outbox>(const nlohmann::json&);
template <> Expected<Jwks, FieldError> parse<Jwks>(const nlohmann::json&);

// The wire form of a value.
nlohmann::json toJson(const Device& value);
nlohmann::json toJson(const User& value);
nlohmann::json toJson(const Shop& value);
nlohmann::json toJson(const SessionInfo& value);
nlohmann::json toJson(const Consent& value);
nlohmann::json toJson(const ShopPatch& value);
nlohmann::json toJson(const OutboxMessage& value);
nlohmann::json toJson(const Jwk& value);
nlohmann::json toJson(const OtpRequest& value);
nlohmann::json toJson(const VerifyRequest& value);
nlohmann::json toJson(const RefreshRequest& value);
nlohmann::json toJson(const LogoutRequest& value);
nlohmann::json toJson(const ProfilePatch& value);
nlohmann::json toJson(const OtpResponse& value);
nlohmann::json toJson(const Session& value);
nlohmann::json toJson(const MeResponse& value);
nlohmann::json toJson(const SessionList& value);
nlohmann::json toJson(const Outbox& value);
nlohmann::json toJson(const Jwks& value);

}  // namespace sesame::contract
