#include "delivery/log_channel.h"

#include "telemetry/log.h"

#include <sesame/contract/phone.h>

namespace sesame::server::delivery {

LogChannel::LogChannel(bool revealCode) : revealCode_(revealCode) {}

DeliveryResult LogChannel::send(const CodeMessage& message) {
    const contract::DeliveryChannel channel = standInChannel(message.requested);
    telemetry::log(telemetry::LogLevel::Info, "code_delivered",
                   {{"channel", "log"},
                    {"as", contract::wireName(channel)},
                    {"phone", contract::maskPhone(message.phone)},
                    {"code", revealCode_ ? message.code : std::string(message.code.size(), '*')},
                    {"otp_request_id", message.requestId}});
    return DeliveryResult{SendStatus::Sent, channel, {}, {}, {}};
}

}  // namespace sesame::server::delivery
