#pragma once
// OtpStore in process memory (mock mode and tests): one mutex makes every
// call atomic. Records past purgeAt are dropped when touched and by a sweep
// every few hundred puts, so memory stays bounded by the live codes.

#include "store/otp_store.h"

#include <cstddef>
#include <mutex>
#include <unordered_map>

namespace sesame::server::store {

class MemoryOtpStore final : public OtpStore {
public:
    StoreResult<OtpPutOutcome> put(const OtpRecord& record, TimePoint now) override;
    StoreResult<Done> restore(const std::string& phone, const std::string& requestId,
                              const std::optional<OtpRecord>& previous, TimePoint now) override;
    StoreResult<OtpClaimOutcome> claim(const std::string& phone, const std::string& codeHash,
                                       TimePoint now) override;
    StoreResult<Done> release(const std::string& phone, const std::string& requestId) override;
    StoreResult<Done> consume(const std::string& phone, const std::string& requestId) override;

    // How many records are held (purged or not), for tests.
    std::size_t size() const;

private:
    // The live record of `phone` (dropping it when purged); caller holds mutex_.
    OtpRecord* live(const std::string& phone, TimePoint now);
    void sweep(TimePoint now);

    mutable std::mutex mutex_;
    std::unordered_map<std::string, OtpRecord> records_;
    std::size_t putsSinceSweep_ = 0;
};

}  // namespace sesame::server::store
