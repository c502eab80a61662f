#include "store/memory/memory_otp_store.h"

#include "crypto/constant_time.h"

#include <algorithm>

namespace sesame::server::store {
namespace {

constexpr std::size_t kPutsPerSweep = 256;

std::chrono::seconds ceilSeconds(std::chrono::system_clock::duration d) {
    return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(d));
}

}  // namespace

OtpRecord* MemoryOtpStore::live(const std::string& phone, TimePoint now) {
    auto it = records_.find(phone);
    if (it == records_.end()) {
        return nullptr;
    }
    if (now >= it->second.purgeAt) {
        records_.erase(it);
        return nullptr;
    }
    return &it->second;
}

void MemoryOtpStore::sweep(TimePoint now) {
    std::erase_if(records_, [now](const auto& entry) { return now >= entry.second.purgeAt; });
}

StoreResult<OtpPutOutcome> MemoryOtpStore::put(const OtpRecord& record, TimePoint now) {
    std::lock_guard lock(mutex_);
    if (++putsSinceSweep_ >= kPutsPerSweep) {
        putsSinceSweep_ = 0;
        sweep(now);
    }
    OtpStored stored;
    if (OtpRecord* current = live(record.phone, now)) {
        if (now < current->resendAt) {
            return OtpPutOutcome{OtpCoolingDown{ceilSeconds(current->resendAt - now)}};
        }
        stored.previous = std::move(*current);
    }
    records_.insert_or_assign(record.phone, record);
    return OtpPutOutcome{std::move(stored)};
}

StoreResult<Done> MemoryOtpStore::restore(const std::string& phone, const std::string& requestId,
                                          const std::optional<OtpRecord>& previous, TimePoint now) {
    std::lock_guard lock(mutex_);
    OtpRecord* current = live(phone, now);
    if (current == nullptr || current->requestId != requestId) {
        return Done{};
    }
    if (previous && now < previous->purgeAt) {
        *current = *previous;
    } else {
        records_.erase(phone);
    }
    return Done{};
}

StoreResult<OtpClaimOutcome> MemoryOtpStore::claim(const std::string& phone, const std::string& codeHash,
                                                   TimePoint now) {
    std::lock_guard lock(mutex_);
    OtpRecord* record = live(phone, now);
    if (record == nullptr) {
        return OtpClaimOutcome{OtpClaimStatus::NoPending, 0, std::nullopt};
    }
    if (now >= record->expiresAt) {
        return OtpClaimOutcome{OtpClaimStatus::Expired, record->attemptsLeft, *record};
    }
    if (record->attemptsLeft <= 0) {
        return OtpClaimOutcome{OtpClaimStatus::Locked, 0, *record};
    }
    if (record->claimed) {
        return OtpClaimOutcome{OtpClaimStatus::Busy, record->attemptsLeft, *record};
    }
    if (!crypto::constantTimeEquals(record->codeHash, codeHash)) {
        --record->attemptsLeft;
        return OtpClaimOutcome{OtpClaimStatus::WrongCode, record->attemptsLeft, *record};
    }
    record->claimed = true;
    return OtpClaimOutcome{OtpClaimStatus::Claimed, record->attemptsLeft, *record};
}

StoreResult<Done> MemoryOtpStore::release(const std::string& phone, const std::string& requestId) {
    std::lock_guard lock(mutex_);
    if (auto it = records_.find(phone); it != records_.end() && it->second.requestId == requestId) {
        it->second.claimed = false;
    }
    return Done{};
}

StoreResult<Done> MemoryOtpStore::consume(const std::string& phone, const std::string& requestId) {
    std::lock_guard lock(mutex_);
    if (auto it = records_.find(phone); it != records_.end() && it->second.requestId == requestId) {
        records_.erase(it);
    }
    return Done{};
}

std::size_t MemoryOtpStore::size() const {
    std::lock_guard lock(mutex_);
    return records_.size();
}

}  // namespace sesame::server::store
