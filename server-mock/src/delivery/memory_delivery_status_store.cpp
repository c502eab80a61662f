#include "delivery/memory_delivery_status_store.h"

#include <algorithm>
#include <utility>

namespace sesame::server::delivery {
namespace {

std::string upstreamKey(const std::string& channel, const std::string& upstreamId) {
    return channel + '\n' + upstreamId;
}

}  // namespace

MemoryDeliveryStatusStore::MemoryDeliveryStatusStore(std::size_t capacity)
    : capacity_(std::max<std::size_t>(1, capacity)) {}

store::StoreResult<store::Done> MemoryDeliveryStatusStore::record(const DeliveryStatus& status,
                                                                  std::chrono::system_clock::time_point keepUntil) {
    const std::lock_guard lock(mutex_);
    prune(status.updatedAt);
    if (keepUntil <= status.updatedAt) {
        return store::Done{};
    }
    DeliveryStatus next = status;
    if (const auto found = byRequest_.find(status.requestId); found != byRequest_.end()) {
        if (!mayFollow(found->second.status.state, status.state)) {
            return store::Done{};
        }
        if (next.upstreamId.empty() && next.channel == found->second.status.channel) {
            next.upstreamId = found->second.status.upstreamId;
        }
        forget(status.requestId);
    }
    if (byRequest_.size() >= capacity_) {
        forget(expiries_.begin()->second);
    }
    if (!next.upstreamId.empty()) {
        byUpstream_[upstreamKey(next.channel, next.upstreamId)] = next.requestId;
    }
    expiries_.emplace(keepUntil, next.requestId);
    // Not byRequest_[next.requestId] = Entry{std::move(next), ...}: C++17 evaluates the right side first.
    const std::string requestId = next.requestId;
    byRequest_[requestId] = Entry{std::move(next), keepUntil};
    return store::Done{};
}

store::StoreResult<std::optional<DeliveryStatus>> MemoryDeliveryStatusStore::byRequest(const std::string& requestId) {
    const std::lock_guard lock(mutex_);
    const auto found = byRequest_.find(requestId);
    return found == byRequest_.end() ? std::optional<DeliveryStatus>{} : found->second.status;
}

store::StoreResult<std::optional<std::string>> MemoryDeliveryStatusStore::requestFor(const std::string& channel,
                                                                                    const std::string& upstreamId) {
    const std::lock_guard lock(mutex_);
    const auto found = byUpstream_.find(upstreamKey(channel, upstreamId));
    return found == byUpstream_.end() ? std::optional<std::string>{} : found->second;
}

// Drops the request's entry, its expiry and its upstream index.
void MemoryDeliveryStatusStore::forget(const std::string& requestId) {
    const auto found = byRequest_.find(requestId);
    if (found == byRequest_.end()) {
        return;
    }
    const Entry& entry = found->second;
    auto [first, last] = expiries_.equal_range(entry.keepUntil);
    for (auto it = first; it != last; ++it) {
        if (it->second == requestId) {
            expiries_.erase(it);
            break;
        }
    }
    if (!entry.status.upstreamId.empty()) {
        const auto key = upstreamKey(entry.status.channel, entry.status.upstreamId);
        if (const auto index = byUpstream_.find(key); index != byUpstream_.end() && index->second == requestId) {
            byUpstream_.erase(index);
        }
    }
    byRequest_.erase(found);
}

void MemoryDeliveryStatusStore::prune(std::chrono::system_clock::time_point now) {
    while (!expiries_.empty() && expiries_.begin()->first <= now) {
        forget(expiries_.begin()->second);
    }
}

}  // namespace sesame::server::delivery
