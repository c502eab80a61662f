#pragma once
// What became of each OTP request's delivery: queued, sent, delivered, failed
// (or waiting for a Telegram link), with the channel and the upstream's
// message id. Written by OtpService, the Dispatcher's lanes and the upstream
// callbacks (Gateway delivery reports, Twilio StatusCallback); read by
// GET /v1/otp/{request_id}/delivery. Backends: memory (mock) and Redis (full),
// entries expire a while after the code does.

#include "delivery/channel.h"
#include "store/store_result.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sesame::server::delivery {

enum class DeliveryState { AwaitingLink, Queued, Sent, Delivered, Failed };
std::string_view wireName(DeliveryState state);  // "awaiting_link", "queued", "sent", "delivered", "failed"
// The state named `name` by wireName, or nullopt.
std::optional<DeliveryState> deliveryStateNamed(std::string_view name);
// The state a channel's answer puts a delivery in (Sent → sent, ...).
DeliveryState stateOf(SendStatus status);
// Whether `next` may replace `current`: a status never moves back
// (awaiting_link < queued < sent < delivered = failed), because the request
// thread, the lanes and the upstream callbacks race to record it.
bool mayFollow(DeliveryState current, DeliveryState next);

struct DeliveryStatus {
    std::string requestId;
    std::string channel;     // Channel::name(): "telegram_bot", "twilio", ...
    DeliveryState state = DeliveryState::Queued;
    std::string upstreamId;  // the upstream's message id, once known
    std::string detail;      // why it failed; never a phone, code or token
    std::chrono::system_clock::time_point updatedAt;
    bool operator==(const DeliveryStatus&) const = default;
};

class DeliveryStatusStore {
public:
    virtual ~DeliveryStatusStore() = default;
    // Records `status` in place of the request's previous one unless that one
    // is further along (mayFollow), kept until `keepUntil`. An empty
    // upstreamId keeps the one recorded before for the same channel.
    virtual store::StoreResult<store::Done> record(const DeliveryStatus& status,
                                                   std::chrono::system_clock::time_point keepUntil) = 0;
    virtual store::StoreResult<std::optional<DeliveryStatus>> byRequest(const std::string& requestId) = 0;
    // The request whose message `upstreamId` of `channel` is (for callbacks).
    virtual store::StoreResult<std::optional<std::string>> requestFor(const std::string& channel,
                                                                      const std::string& upstreamId) = 0;
};

}  // namespace sesame::server::delivery
