#include "delivery/channel_policy.h"

#include <sesame/contract/phone.h>

#include <algorithm>

namespace sesame::server::delivery {

ChannelPolicy::ChannelPolicy(const std::vector<Channel*>& channels, const DeliverySettings& settings) {
    for (const std::string& name : settings.order) {
        for (Channel* channel : channels) {
            if (channel->name() == name && std::find(ordered_.begin(), ordered_.end(), channel) == ordered_.end()) {
                ordered_.push_back(channel);
            }
        }
    }
    for (Channel* channel : channels) {
        if (std::find(ordered_.begin(), ordered_.end(), channel) == ordered_.end()) {
            ordered_.push_back(channel);
        }
    }
    for (const auto& [name, regions] : settings.regions) {
        auto& known = regions_[name];
        for (const std::string& region : regions) {
            known.push_back(contract::canonicalRegion(region));
        }
    }
}

std::vector<Channel*> ChannelPolicy::candidates(const std::string& phone, contract::Channel requested) const {
    const std::string region = contract::phoneRegion(phone);
    std::vector<Channel*> chosen;
    for (Channel* channel : ordered_) {
        if (channel->serves(requested) && servesRegion(*channel, region)) {
            chosen.push_back(channel);
        }
    }
    return chosen;
}

bool ChannelPolicy::servesRegion(const Channel& channel, const std::string& region) const {
    const auto restricted = regions_.find(channel.name());
    if (restricted == regions_.end()) {
        return true;
    }
    const auto& allowed = restricted->second;
    return !region.empty() && std::find(allowed.begin(), allowed.end(), region) != allowed.end();
}

}  // namespace sesame::server::delivery
