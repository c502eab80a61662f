#pragma once
// "telegram_gateway": codes shown in the user's Telegram by Telegram's
// Gateway API, for phones with Telegram but no chat with our bot. Each attempt
// asks checkSendAbility first (a refusal such as PHONE_NUMBER_NOT_AVAILABLE
// fails the channel so the policy falls through) and then sends our own code
// with sendVerificationMessage on that request_id, which makes the check free.
// A retired code's message is revoked.

#include "config/settings.h"
#include "delivery/sms/upstream_channel.h"

namespace sesame::server::delivery {

class TelegramGatewayChannel final : public UpstreamChannel {
public:
    TelegramGatewayChannel(const TelegramGatewaySettings& settings, DeliveryContext& context);

    // Queues revokeVerificationMessage for the request's Gateway message, if it has one.
    void codeRetired(const std::string& requestId) override;

private:
    RunResult deliver(const CodeMessage& message) override;
    RunResult runOther(const Job& job) override;  // "revoke"

    TelegramGatewaySettings settings_;
};

}  // namespace sesame::server::delivery
