#include "delivery/outbox_channel.h"

#include "delivery/message_text.h"

#include <algorithm>

namespace sesame::server::delivery {

OutboxChannel::OutboxChannel(std::size_t perPhone, std::size_t total)
    : perPhone_(std::max<std::size_t>(1, perPhone)), total_(std::max<std::size_t>(1, total)) {}

DeliveryResult OutboxChannel::send(const CodeMessage& message) {
    const contract::DeliveryChannel channel = standInChannel(message.requested);
    OutboxEntry entry{message.phone, channel, codeMessageText(message.code, message.locale, message.lifetime),
                      message.code, message.at};
    std::lock_guard lock(mutex_);
    const std::uint64_t sequence = nextSequence_++;
    auto& held = byPhone_[message.phone];
    held.push_back(Held{sequence, std::move(entry)});
    order_.push_back(Sent{message.phone, sequence});
    if (held.size() > perPhone_) {
        held.pop_front();
    }
    // order_ bounds the total: every held message has an entry in it, and an
    // entry whose message already left through the per-phone bound is skipped.
    while (order_.size() > total_) {
        const Sent oldest = std::move(order_.front());
        order_.pop_front();
        auto phone = byPhone_.find(oldest.phone);
        if (phone != byPhone_.end() && !phone->second.empty() && phone->second.front().sequence == oldest.sequence) {
            phone->second.pop_front();
            if (phone->second.empty()) {
                byPhone_.erase(phone);
            }
        }
    }
    return DeliveryResult{SendStatus::Sent, channel, {}, {}, {}};
}

std::vector<OutboxEntry> OutboxChannel::messagesFor(const std::string& phone) const {
    std::lock_guard lock(mutex_);
    std::vector<OutboxEntry> messages;
    if (auto found = byPhone_.find(phone); found != byPhone_.end()) {
        for (const Held& held : found->second) {
            messages.push_back(held.entry);
        }
    }
    return messages;
}

}  // namespace sesame::server::delivery
