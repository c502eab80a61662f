#pragma once
// DeliveryStatusStore in process memory (mock mode, tests). Entries past
// their keepUntil are dropped as newer records arrive (their updatedAt is the
// clock), and at most `capacity` requests are kept (the oldest go first).

#include "delivery/delivery_status.h"

#include <cstddef>
#include <map>
#include <mutex>
#include <unordered_map>

namespace sesame::server::delivery {

class MemoryDeliveryStatusStore final : public DeliveryStatusStore {
public:
    explicit MemoryDeliveryStatusStore(std::size_t capacity = 100000);

    store::StoreResult<store::Done> record(const DeliveryStatus& status,
                                           std::chrono::system_clock::time_point keepUntil) override;
    store::StoreResult<std::optional<DeliveryStatus>> byRequest(const std::string& requestId) override;
    store::StoreResult<std::optional<std::string>> requestFor(const std::string& channel,
                                                              const std::string& upstreamId) override;

private:
    struct Entry {
        DeliveryStatus status;
        std::chrono::system_clock::time_point keepUntil;
    };
    void forget(const std::string& requestId);
    void prune(std::chrono::system_clock::time_point now);

    const std::size_t capacity_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> byRequest_;
    std::unordered_map<std::string, std::string> byUpstream_;  // channel '\n' upstreamId → requestId
    std::multimap<std::chrono::system_clock::time_point, std::string> expiries_;  // keepUntil → requestId
};

}  // namespace sesame::server::delivery
