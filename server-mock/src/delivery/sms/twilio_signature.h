#pragma once
// Twilio's request signatures (https://www.twilio.com/docs/usage/webhooks/webhooks-security):
// X-Twilio-Signature = base64(HMAC-SHA1(auth token, the full URL Twilio
// called + every POST parameter's name and value, sorted by name)).

#include "delivery/delivery_status.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sesame::server::delivery {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// The signature of a POST of `params` to `url`.
std::string twilioSignature(std::string_view authToken, std::string_view url, const FormFields& params);

// Whether `header` is that signature (constant-time); false when it is missing.
bool twilioSignatureValid(std::string_view authToken, std::string_view url, const FormFields& params,
                          const std::optional<std::string>& header);

// The state a MessageStatus means: sent → Sent; delivered and read →
// Delivered; undelivered, failed and canceled → Failed; nullopt for the
// statuses before sending (queued, accepted, scheduled, sending) and unknown ones.
std::optional<DeliveryState> stateOfTwilioStatus(std::string_view status);

}  // namespace sesame::server::delivery
