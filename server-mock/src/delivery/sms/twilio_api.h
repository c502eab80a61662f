#pragma once
// Twilio's Messages API (https://www.twilio.com/docs/messaging/api/message-resource):
// POST <api url>/2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded
// To, From or MessagingServiceSid, Body and StatusCallback, HTTP Basic auth
// with the Account SID and Auth Token; 201 with the Message resource, or an
// error {"code","message","more_info","status"}.

#include "config/settings.h"
#include "delivery/queue/dispatcher.h"
#include "delivery/upstream/http_client.h"

#include <string_view>

namespace sesame::server::delivery {

// The create call for an SMS with `text` to `to` (E.164). A messaging
// service, when configured, is used instead of From; StatusCallback only
// when a callback URL is configured.
HttpCall twilioCreateCall(const TwilioSettings& settings, std::string_view to, std::string_view text);

// 201 with a sid → Done (upstreamId = sid); 429 → RetryAfter; 5xx or no
// answer → Transient; any other error → Permanent naming Twilio's code
// ("twilio error 21211"): invalid number, unsubscribed (21610), bad credentials.
RunResult readTwilioAnswer(const contract::Expected<HttpReply, std::string>& reply);

}  // namespace sesame::server::delivery
