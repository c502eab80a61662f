#pragma once
// Pending one-time codes, at most one per phone.
//
// Every call is atomic per phone: the memory backend holds a lock, the Redis
// backend runs each call as one Lua script. A backend must give these
// guarantees even with many server instances on one store:
// - put() checks the resend cooldown and replaces the record in one step, so
//   two concurrent requests for one phone cannot both pass the cooldown;
// - claim() compares the code hash, counts the wrong attempt or marks the
//   record claimed in one step, so of N concurrent claims with the right code
//   exactly one is Claimed, and no wrong code is counted twice or lost.
//
// A record lives until purgeAt, which is later than expiresAt so that verify
// can still tell an expired code (CodeExpired) from no code at all (NoPending).
// At or after purgeAt a backend behaves as if the record did not exist (Redis:
// the key's TTL).

#include "store/store_result.h"

#include <chrono>
#include <optional>
#include <string>
#include <variant>

namespace sesame::server::store {

struct OtpRecord {
    std::string phone;      // E.164; the key
    std::string requestId;  // identifies this code (answered by POST /v1/otp)
    std::string codeHash;   // hex HMAC-SHA256(pepper, phone ":" code); never the code
    TimePoint createdAt;
    TimePoint expiresAt;    // expired when now >= expiresAt
    TimePoint resendAt;     // a new put() for this phone is refused before this
    TimePoint purgeAt;      // >= max(expiresAt, resendAt): the record may vanish from then on
    int attemptsLeft = 0;   // wrong codes still allowed; 0 means dead (locked)
    bool claimed = false;   // a verify holds it, between claim() and consume()/release()

    bool operator==(const OtpRecord&) const = default;
};

// put() stored the record. `previous` is what it replaced (any state, claimed
// included), kept so that restore() can undo the put.
struct OtpStored {
    std::optional<OtpRecord> previous;
};

// put() refused: the previous record's resend cooldown still runs.
struct OtpCoolingDown {
    std::chrono::seconds retryAfter{1};  // ceil(resendAt - now), at least 1 s
};

using OtpPutOutcome = std::variant<OtpStored, OtpCoolingDown>;

enum class OtpClaimStatus {
    Claimed,    // right code: the record is now claimed; `record` holds it
    WrongCode,  // hash mismatch: attemptsLeft was decremented; `attemptsLeft` is the new value
                //   (0 means this attempt locked the code)
    Locked,     // attemptsLeft was already 0; nothing changed
    Expired,    // now >= expiresAt; nothing changed
    Busy,       // another verify holds the claim; nothing changed
    NoPending,  // no record for the phone
};

struct OtpClaimOutcome {
    OtpClaimStatus status = OtpClaimStatus::NoPending;
    int attemptsLeft = 0;             // the record's attemptsLeft after the call (0 for NoPending)
    std::optional<OtpRecord> record;  // the record after the call; absent only for NoPending
};

class OtpStore {
public:
    virtual ~OtpStore() = default;

    // Stores `record` as the pending code of record.phone unless the current
    // record's resendAt is still after `now` (then OtpCoolingDown and nothing
    // changes). Replacing makes the old code stop working at once.
    virtual StoreResult<OtpPutOutcome> put(const OtpRecord& record, TimePoint now) = 0;

    // Undoes put() after every delivery channel failed: only if the current
    // record of `phone` still has `requestId`, it is replaced by `previous`
    // (when given and now < previous->purgeAt) or removed. Otherwise no-op.
    virtual StoreResult<Done> restore(const std::string& phone, const std::string& requestId,
                                      const std::optional<OtpRecord>& previous, TimePoint now) = 0;

    // Checks `codeHash` against the pending code of `phone`, in this order:
    // NoPending, Expired, Locked, Busy, then Claimed or WrongCode (see
    // OtpClaimStatus). The hash is compared inside the store.
    virtual StoreResult<OtpClaimOutcome> claim(const std::string& phone, const std::string& codeHash,
                                               TimePoint now) = 0;

    // Gives a claim back (signing in failed), so the code can be verified
    // again. Only if the record of `phone` has `requestId` and is claimed.
    virtual StoreResult<Done> release(const std::string& phone, const std::string& requestId) = 0;

    // Removes the record of `phone` if it has `requestId` (the code was used).
    virtual StoreResult<Done> consume(const std::string& phone, const std::string& requestId) = 0;
};

}  // namespace sesame::server::store
