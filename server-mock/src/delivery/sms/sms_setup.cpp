#include "delivery/sms/sms_setup.h"

#include "delivery/delivery_context.h"
#include "delivery/sms/msg91_channel.h"
#include "delivery/sms/twilio_channel.h"
#include "delivery/telegram_gateway/telegram_gateway_channel.h"

namespace sesame::server::delivery {
namespace {

template <class T, class UpstreamSettings>
void add(std::vector<std::unique_ptr<Channel>>& channels, const UpstreamSettings& settings, DeliveryContext& context) {
    auto channel = std::make_unique<T>(settings, context);
    context.dispatcher.addLane(channel->lane());
    channels.push_back(std::move(channel));
}

}  // namespace

std::vector<std::unique_ptr<Channel>> makeGatewayAndSmsChannels(const Settings& settings, DeliveryContext& context) {
    const DeliverySettings& delivery = settings.delivery;
    std::vector<std::unique_ptr<Channel>> channels;
    if (!delivery.telegramGateway.token.empty()) {
        add<TelegramGatewayChannel>(channels, delivery.telegramGateway, context);
    }
    if (!delivery.twilio.accountSid.empty()) {
        add<TwilioChannel>(channels, delivery.twilio, context);
    }
    if (!delivery.msg91.authkey.empty()) {
        add<Msg91Channel>(channels, delivery.msg91, context);
    }
    return channels;
}

}  // namespace sesame::server::delivery
