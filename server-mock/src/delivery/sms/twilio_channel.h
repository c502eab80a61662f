#pragma once
// "twilio": codes by SMS through Twilio's Messages API. Refusals (invalid
// number 21211, unsubscribed 21610, ...) fail the channel so the policy
// falls through; StatusCallback reports arrive at POST /v1/delivery/twilio/status.

#include "config/settings.h"
#include "delivery/sms/upstream_channel.h"

namespace sesame::server::delivery {

class TwilioChannel final : public UpstreamChannel {
public:
    TwilioChannel(const TwilioSettings& settings, DeliveryContext& context);

private:
    RunResult deliver(const CodeMessage& message) override;

    TwilioSettings settings_;
};

}  // namespace sesame::server::delivery
