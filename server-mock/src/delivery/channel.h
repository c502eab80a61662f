#pragma once
// The one interface every code delivery backend implements: outbox and log,
// the Telegram bot, Telegram Gateway, Twilio and MSG91. OtpService asks the
// ChannelPolicy which channels may serve a request and tries them in order
// until one accepts the code.

#include <sesame/contract/messages.h>

#include <chrono>
#include <string>
#include <string_view>

namespace sesame::server::delivery {

// One code to deliver. Holds the code itself: channels must never log it.
struct CodeMessage {
    std::string phone;      // E.164
    std::string code;
    std::string locale;     // BCP 47 tag asked for by the client, or "" (English)
    std::string requestId;  // the OTP request this code belongs to
    contract::Channel requested = contract::Channel::Auto;
    std::chrono::seconds lifetime{0};          // how long the code works, for the message text
    std::chrono::system_clock::time_point at;  // when it is sent (the service clock)
    std::chrono::system_clock::time_point expiresAt() const { return at + lifetime; }
};

enum class SendStatus {
    Sent,          // the upstream accepted it now
    Queued,        // accepted into the durable delivery queue (paced or rate limited); it will be sent
    AwaitingLink,  // Telegram bot, phone not linked yet: the user opens linkUrl; the code follows there
    Failed,        // this channel cannot deliver it: try the next one
};

struct DeliveryResult {
    SendStatus status = SendStatus::Failed;
    // Where the user should look for the code (answered by POST /v1/otp).
    contract::DeliveryChannel channel = contract::DeliveryChannel::Sms;
    std::string upstreamId;  // the upstream's message id when Sent
    std::string linkUrl;     // AwaitingLink: https://t.me/<bot>?start=<nonce>
    std::string detail;      // why it failed, for logs; never holds the code or phone
    bool accepted() const { return status != SendStatus::Failed; }
};

class Channel {
public:
    virtual ~Channel() = default;
    // A short stable name ("outbox", "log", "telegram_bot", "telegram_gateway",
    // "twilio", "msg91"): the `channel` label of metrics and the policy's name.
    virtual std::string_view name() const = 0;
    // Whether it can serve a client that asked for `requested`: Telegram
    // channels serve auto and telegram, SMS channels auto and sms, the
    // stand-ins (outbox, log) everything.
    virtual bool serves(contract::Channel requested) const = 0;
    // Delivers the code, queues it, or says why not. Called on an io thread;
    // may block for one upstream round trip at most.
    virtual DeliveryResult send(const CodeMessage& message) = 0;
    // The code of `requestId` stopped working (used, replaced or expired):
    // a channel that left a message behind (the Telegram bot) deletes it.
    virtual void codeRetired(const std::string& requestId) { (void)requestId; }
};

// What a stand-in backend (outbox, log) reports as the channel: what the
// client asked for, with `auto` answered as `sms`, which reaches any mobile.
contract::DeliveryChannel standInChannel(contract::Channel requested);

}  // namespace sesame::server::delivery
