#include "delivery/sms/msg91_channel.h"

#include "delivery/sms/msg91_api.h"

namespace sesame::server::delivery {

Msg91Channel::Msg91Channel(const Msg91Settings& settings, DeliveryContext& context)
    : UpstreamChannel(Kind{"msg91", contract::Channel::Sms, contract::DeliveryChannel::Sms, settings.perSecond},
                      context),
      settings_(settings) {}

RunResult Msg91Channel::deliver(const CodeMessage& message) {
    return readMsg91Answer(context().http.call(msg91OtpCall(settings_, message.phone, message.code, message.lifetime)));
}

}  // namespace sesame::server::delivery
