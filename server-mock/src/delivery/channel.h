#pragma once
// The one interface every code delivery backend implements (outbox and log
// here; Telegram and SMS providers later). OtpService tries its channels in
// order until one delivers.

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
};

struct DeliveryResult {
    bool delivered = false;
    // Where the user should look for the code (answered by POST /v1/otp).
    contract::DeliveryChannel channel = contract::DeliveryChannel::Sms;
    std::string detail;  // why it failed, for logs; never holds the code or phone
};

class Channel {
public:
    virtual ~Channel() = default;
    // A short stable name ("outbox", "log"), the `channel` label of metrics.
    virtual std::string_view name() const = 0;
    // Delivers the code or says why not. Called on an io thread; may block.
    virtual DeliveryResult send(const CodeMessage& message) = 0;
};

// What a stand-in backend (outbox, log) reports as the channel: what the
// client asked for, with `auto` answered as `sms`, which reaches any mobile.
contract::DeliveryChannel standInChannel(contract::Channel requested);

}  // namespace sesame::server::delivery
