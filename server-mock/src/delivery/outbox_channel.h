#pragma once
// Mock mode's delivery backend: keeps every message in memory so tests and
// GET /mock/outbox can read the code. Bounded: the newest `perPhone` messages
// of each phone and `total` messages overall (the oldest go first).

#include "delivery/channel.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace sesame::server::delivery {

struct OutboxEntry {
    std::string phone;  // E.164
    contract::DeliveryChannel channel = contract::DeliveryChannel::Sms;
    std::string text;   // the localised message, code included
    std::string code;
    std::chrono::system_clock::time_point sentAt;
    bool operator==(const OutboxEntry&) const = default;
};

class OutboxChannel final : public Channel {
public:
    explicit OutboxChannel(std::size_t perPhone = 20, std::size_t total = 10000);

    std::string_view name() const override { return "outbox"; }
    bool serves(contract::Channel) const override { return true; }
    // Always Sent; reports the channel the client asked for (standInChannel).
    DeliveryResult send(const CodeMessage& message) override;

    // The messages held for `phone` (E.164), newest last.
    std::vector<OutboxEntry> messagesFor(const std::string& phone) const;

private:
    const std::size_t perPhone_;
    const std::size_t total_;
    mutable std::mutex mutex_;
    struct Held {
        std::uint64_t sequence = 0;
        OutboxEntry entry;
    };
    struct Sent {
        std::string phone;
        std::uint64_t sequence = 0;
    };
    std::unordered_map<std::string, std::deque<Held>> byPhone_;
    std::deque<Sent> order_;  // every message sent, oldest first (some already evicted per phone)
    std::uint64_t nextSequence_ = 0;
};

}  // namespace sesame::server::delivery
