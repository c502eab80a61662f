#include "delivery/telegram_gateway/gateway_report.h"

#include "crypto/constant_time.h"
#include "crypto/hmac.h"
#include "delivery/sms/upstream_support.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace sesame::server::delivery {
namespace {

constexpr std::size_t kMaxTimestampDigits = 12;
constexpr std::size_t kSignatureHexDigits = 64;
constexpr std::size_t kMaxFieldBytes = 256;

std::optional<long long> decimalSeconds(std::string_view text) {
    if (text.empty() || text.size() > kMaxTimestampDigits ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    long long value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

std::optional<std::string> lowerHex(std::string_view text) {
    if (text.size() != kSignatureHexDigits) {
        return std::nullopt;
    }
    std::string out(text);
    for (char& c : out) {
        c = (c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c;
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return std::nullopt;
        }
    }
    return out;
}

}  // namespace

std::string_view describe(SignatureCheck check) {
    switch (check) {
        case SignatureCheck::Valid: return "valid";
        case SignatureCheck::Missing: return "missing";
        case SignatureCheck::Malformed: return "malformed";
        case SignatureCheck::Stale: return "stale";
        case SignatureCheck::Mismatch: return "mismatch";
    }
    return "mismatch";
}

std::string gatewaySignature(std::string_view token, std::string_view timestamp, std::string_view body) {
    std::string signed_(timestamp);
    signed_.push_back('\n');
    signed_.append(body);
    return crypto::hmacSha256Hex(crypto::sha256(token), signed_);
}

SignatureCheck checkGatewaySignature(std::string_view token, const std::optional<std::string>& timestamp,
                                     const std::optional<std::string>& signature, std::string_view body,
                                     std::chrono::system_clock::time_point now) {
    if (!timestamp || !signature || timestamp->empty() || signature->empty()) {
        return SignatureCheck::Missing;
    }
    const auto seconds = decimalSeconds(*timestamp);
    const auto received = lowerHex(*signature);
    if (!seconds || !received) {
        return SignatureCheck::Malformed;
    }
    const auto at = std::chrono::system_clock::time_point(std::chrono::seconds(*seconds));
    const auto skew = at > now ? at - now : now - at;
    if (skew > kGatewayReportWindow) {
        return SignatureCheck::Stale;
    }
    const bool equal = crypto::constantTimeEquals(gatewaySignature(token, *timestamp, body), *received);
    return equal ? SignatureCheck::Valid : SignatureCheck::Mismatch;
}

contract::Expected<GatewayReport, std::string> parseGatewayReport(std::string_view body) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (!json.is_object()) {
        return contract::unexpected(std::string("the report is not a JSON object"));
    }
    GatewayReport report{stringMember(json, "request_id"), stringMember(json, "payload"), {}};
    const auto delivery = json.find("delivery_status");
    if (delivery != json.end() && delivery->is_object()) {
        report.status = stringMember(*delivery, "status");
    }
    if (report.upstreamId.empty() || report.status.empty()) {
        return contract::unexpected(std::string("the report has no request_id or delivery_status.status"));
    }
    if (report.upstreamId.size() > kMaxFieldBytes || report.payload.size() > kMaxFieldBytes ||
        report.status.size() > kMaxFieldBytes) {
        return contract::unexpected(std::string("a report field is too long"));
    }
    return report;
}

std::optional<DeliveryState> stateOfGatewayStatus(std::string_view status) {
    if (status == "sent") {
        return DeliveryState::Sent;
    }
    if (status == "delivered" || status == "read") {
        return DeliveryState::Delivered;
    }
    if (status == "expired") {
        return DeliveryState::Failed;
    }
    return std::nullopt;
}

}  // namespace sesame::server::delivery
