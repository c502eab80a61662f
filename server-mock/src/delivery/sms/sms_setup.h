#pragma once
// What app/backends.cpp calls to plug in the Telegram Gateway, Twilio and
// MSG91 channels. Their delivery-report callbacks are registered by
// api::registerDeliveryCallbackRoutes (api/delivery_callback_routes.h).

#include "config/settings.h"
#include "delivery/channel.h"

#include <memory>
#include <vector>

namespace sesame::server::delivery {

struct DeliveryContext;  // delivery/delivery_context.h

// The channels of the configured upstreams among telegram_gateway (token set),
// twilio (account SID set) and msg91 (authkey set), in no particular order
// (the ChannelPolicy orders them). Each adds its Dispatcher lane to
// `context.dispatcher`, so call it before Dispatcher::start(). `context` must
// outlive the channels.
std::vector<std::unique_ptr<Channel>> makeGatewayAndSmsChannels(const Settings& settings, DeliveryContext& context);

}  // namespace sesame::server::delivery
