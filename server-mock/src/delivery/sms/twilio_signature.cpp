#include "delivery/sms/twilio_signature.h"

#include "crypto/base64url.h"
#include "crypto/constant_time.h"
#include "crypto/hmac.h"

#include <algorithm>

namespace sesame::server::delivery {

std::string twilioSignature(std::string_view authToken, std::string_view url, const FormFields& params) {
    FormFields sorted = params;
    // By name; a repeated name's values in order too, as Twilio's own validators do.
    std::sort(sorted.begin(), sorted.end());
    std::string data(url);
    for (const auto& [name, value] : sorted) {
        data += name;
        data += value;
    }
    return crypto::base64Encode(crypto::hmacSha1(authToken, data));
}

bool twilioSignatureValid(std::string_view authToken, std::string_view url, const FormFields& params,
                          const std::optional<std::string>& header) {
    if (!header || header->empty()) {
        return false;
    }
    return crypto::constantTimeEquals(twilioSignature(authToken, url, params), *header);
}

std::optional<DeliveryState> stateOfTwilioStatus(std::string_view status) {
    if (status == "sent") {
        return DeliveryState::Sent;
    }
    if (status == "delivered" || status == "read") {
        return DeliveryState::Delivered;
    }
    if (status == "undelivered" || status == "failed" || status == "canceled") {
        return DeliveryState::Failed;
    }
    return std::nullopt;
}

}  // namespace sesame::server::delivery
