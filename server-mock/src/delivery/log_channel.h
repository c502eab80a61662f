#pragma once
// A development backend: "delivers" by writing a log line. The code is masked
// unless the operator explicitly allows it; the phone is always masked.

#include "delivery/channel.h"

namespace sesame::server::delivery {

class LogChannel final : public Channel {
public:
    // `revealCode`: write the code itself (a local development server only).
    explicit LogChannel(bool revealCode = false);

    std::string_view name() const override { return "log"; }
    bool serves(contract::Channel) const override { return true; }
    // Always Sent; reports the channel the client asked for (standInChannel).
    DeliveryResult send(const CodeMessage& message) override;

private:
    bool revealCode_;
};

}  // namespace sesame::server::delivery
