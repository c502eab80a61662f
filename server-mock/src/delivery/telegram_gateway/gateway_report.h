#pragma once
// Delivery reports of the Telegram Gateway ("Report delivery" in
// https://core.telegram.org/gateway/api): a POST of a RequestStatus JSON to
// our callback_url, signed with X-Request-Timestamp and X-Request-Signature =
// hex(HMAC-SHA256(key = SHA256(api token), timestamp + "\n" + body)).

#include "delivery/delivery_status.h"

#include <sesame/contract/expected.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sesame::server::delivery {

// How far a report's timestamp may be from our clock, either way.
inline constexpr std::chrono::seconds kGatewayReportWindow{300};

enum class SignatureCheck { Valid, Missing, Malformed, Stale, Mismatch };
std::string_view describe(SignatureCheck check);  // "valid", "missing", ... for logs

// The signature the Gateway puts on `body` sent at `timestamp` (lower-case hex).
std::string gatewaySignature(std::string_view token, std::string_view timestamp, std::string_view body);

// Checks a report: both headers present, the timestamp decimal seconds within
// kGatewayReportWindow of `now`, the signature (hex, any case) equal to ours
// in constant time.
SignatureCheck checkGatewaySignature(std::string_view token, const std::optional<std::string>& timestamp,
                                     const std::optional<std::string>& signature, std::string_view body,
                                     std::chrono::system_clock::time_point now);

struct GatewayReport {
    std::string upstreamId;  // request_id
    std::string payload;     // ours: the OTP request id; may be ""
    std::string status;      // delivery_status.status: "sent", "delivered", "read", "expired", "revoked"
};

// The fields of a RequestStatus body, or why it is not one.
contract::Expected<GatewayReport, std::string> parseGatewayReport(std::string_view body);

// The state a Gateway delivery status means; nullopt for "revoked" (we asked
// for it: nothing to record) and unknown ones.
std::optional<DeliveryState> stateOfGatewayStatus(std::string_view status);

}  // namespace sesame::server::delivery
