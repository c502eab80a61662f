#pragma once
// "msg91": codes by SMS through MSG91's SendOTP API with the operator's
// DLT-approved template; MSG91 puts our code into it. type:error fails the
// channel so the policy falls through.

#include "config/settings.h"
#include "delivery/sms/upstream_channel.h"

namespace sesame::server::delivery {

class Msg91Channel final : public UpstreamChannel {
public:
    Msg91Channel(const Msg91Settings& settings, DeliveryContext& context);

private:
    RunResult deliver(const CodeMessage& message) override;

    Msg91Settings settings_;
};

}  // namespace sesame::server::delivery
