#pragma once
// What the Telegram Gateway, Twilio and MSG91 channels share: a code goes out
// as a sealed "send" job through the Dispatcher lane named after the channel
// (one attempt on the request thread when the lane has room, else queued
// durably). OtpService records the state send() reached; what happens later
// (a queued job's end, the upstream's reports) is recorded by a StatusRecorder.

#include "crypto/sealed_box.h"
#include "delivery/channel.h"
#include "delivery/delivery_context.h"
#include "delivery/status_recorder.h"

#include <sesame/contract/expected.h>

#include <string>
#include <string_view>

namespace sesame::server::delivery {

// The job payload of a code: CodeMessage as JSON, sealed (it holds the code and phone).
std::string sealCodeMessage(const crypto::SealedBox& sealer, const CodeMessage& message);
contract::Expected<CodeMessage, std::string> openCodeMessage(const crypto::SealedBox& sealer, std::string_view sealed);

class UpstreamChannel : public Channel {
public:
    struct Kind {
        std::string name;                   // the channel and lane name: "telegram_gateway", "twilio", "msg91"
        contract::Channel serves;           // what a client may ask for besides auto
        contract::DeliveryChannel answers;  // what POST /v1/otp tells the client
        double perSecond = 10;              // the lane's pace
    };
    // `context` must outlive the channel.
    UpstreamChannel(Kind kind, DeliveryContext& context);

    std::string_view name() const override { return kind_.name; }
    bool serves(contract::Channel requested) const override;
    // Submits the send job: Sent or Queued accept the code; Failed (refused,
    // unreachable, store down) lets the policy try the next channel.
    DeliveryResult send(const CodeMessage& message) override;

    // This channel's Dispatcher lane; add it before Dispatcher::start().
    Lane lane();

protected:
    // One attempt at delivering the code (the upstream's round trip).
    virtual RunResult deliver(const CodeMessage& message) = 0;
    // A job of another kind than "send" (the Gateway's "revoke"); Permanent by default.
    virtual RunResult runOther(const Job& job);

    DeliveryContext& context() const { return context_; }

private:
    RunResult run(const Job& job);
    void finished(const Job& job, const RunResult& result);

    Kind kind_;
    DeliveryContext& context_;
    StatusRecorder recorder_;
};

}  // namespace sesame::server::delivery
