#pragma once
// The upstreams' delivery reports: POST /v1/delivery/telegram-gateway (Telegram
// Gateway reports, signed with X-Request-Timestamp and X-Request-Signature)
// and POST /v1/delivery/twilio/status (Twilio StatusCallback, signed with
// X-Twilio-Signature). Unsigned or wrongly signed reports answer 403 forbidden.

#include "config/settings.h"
#include "http/router.h"

namespace sesame::server::delivery {
struct DeliveryContext;  // delivery/delivery_context.h
}

namespace sesame::server::api {

// Registers the route of each configured upstream (Gateway: token set; Twilio:
// account SID set); both update context.statuses. `settings` and `context`
// must outlive `router`.
void registerDeliveryCallbackRoutes(http::Router& router, const Settings& settings, delivery::DeliveryContext& context);

}  // namespace sesame::server::api
