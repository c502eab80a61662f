#pragma once
// Which channels may carry a code, and in which order (issue 4 §2): the
// configured `delivery.order` first, then every other channel in the order
// given (the stand-ins outbox and log, which only exist when no upstream is
// configured); a channel is skipped when it does not serve the channel the
// client asked for (Channel::serves) or the phone's country is not among its
// `delivery.regions`.

#include "config/settings.h"
#include "delivery/channel.h"

#include <map>
#include <string>
#include <vector>

namespace sesame::server::delivery {

class ChannelPolicy {
public:
    // `channels` must outlive the policy.
    ChannelPolicy(const std::vector<Channel*>& channels, const DeliverySettings& settings);

    // The channels to try for `phone` (E.164), in order; empty when none may.
    std::vector<Channel*> candidates(const std::string& phone, contract::Channel requested) const;
    // Every channel, in the order they are tried (for Channel::codeRetired).
    const std::vector<Channel*>& all() const { return ordered_; }

private:
    bool servesRegion(const Channel& channel, const std::string& region) const;

    std::vector<Channel*> ordered_;
    std::map<std::string, std::vector<std::string>, std::less<>> regions_;  // upper-case ISO regions
};

}  // namespace sesame::server::delivery
