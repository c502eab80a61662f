#include "delivery/sms/twilio_channel.h"

#include "delivery/message_text.h"
#include "delivery/sms/twilio_api.h"

namespace sesame::server::delivery {

TwilioChannel::TwilioChannel(const TwilioSettings& settings, DeliveryContext& context)
    : UpstreamChannel(Kind{"twilio", contract::Channel::Sms, contract::DeliveryChannel::Sms, settings.perSecond},
                      context),
      settings_(settings) {}

RunResult TwilioChannel::deliver(const CodeMessage& message) {
    const std::string text = codeMessageText(message.code, message.locale, message.lifetime);
    return readTwilioAnswer(context().http.call(twilioCreateCall(settings_, message.phone, text)));
}

}  // namespace sesame::server::delivery
