#include "delivery/channel.h"

namespace sesame::server::delivery {

contract::DeliveryChannel standInChannel(contract::Channel requested) {
    return requested == contract::Channel::Telegram ? contract::DeliveryChannel::Telegram
                                                    : contract::DeliveryChannel::Sms;
}

}  // namespace sesame::server::delivery
