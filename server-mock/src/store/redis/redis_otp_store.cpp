#include "store/redis/redis_otp_store.h"

#include "store/redis/redis_codec.h"

#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace sesame::server::store {
namespace {

// Shared by the scripts that read a record. The hash's fields, in the order
// of FIELDS, are what appendFields() sends and parseRecord() reads.
constexpr const char* kPrelude = R"lua(
local FIELDS = {'rid', 'code', 'created', 'expires', 'resend', 'purge', 'left', 'claimed'}

-- The record of KEYS[1] in FIELDS order, or nil when there is none at `now`.
local function live(now)
    local r = redis.call('HMGET', KEYS[1], unpack(FIELDS))
    if not r[1] then return nil end
    if not before(now, r[6]) then
        redis.call('DEL', KEYS[1])
        return nil
    end
    return r
end

-- Writes a whole record for `ttl` ms; a ttl of 0 means it is purged already.
local function store(values, ttl)
    if tonumber(ttl) <= 0 then
        redis.call('DEL', KEYS[1])
        return
    end
    local flat = {}
    for i, field in ipairs(FIELDS) do
        flat[2 * i - 1] = field
        flat[2 * i] = values[i]
    end
    redis.call('HSET', KEYS[1], unpack(flat))
    redis.call('PEXPIRE', KEYS[1], ttl)
end
)lua";

// ARGV: now, the 8 fields of the new record, its ttl.
constexpr const char* kPut = R"lua(
local now = ARGV[1]
local current = live(now)
if current and before(now, current[5]) then return {'cooling', current[5]} end
store({unpack(ARGV, 2, 9)}, ARGV[10])
if current then return {'stored', unpack(current)} end
return {'stored'}
)lua";

// ARGV: now, requestId, ttl of the previous record (0: none), its 8 fields.
constexpr const char* kRestore = R"lua(
local current = live(ARGV[1])
if current and current[1] == ARGV[2] then store({unpack(ARGV, 4, 11)}, ARGV[3]) end
return 'done'
)lua";

// ARGV: now, code hash. Lua strings are interned, so == does not compare
// the hashes byte by byte: no timing leak.
constexpr const char* kClaim = R"lua(
local now = ARGV[1]
local r = live(now)
if not r then return {'none'} end
if not before(now, r[4]) then return {'expired', unpack(r)} end
if tonumber(r[7]) <= 0 then return {'locked', unpack(r)} end
if r[8] == '1' then return {'busy', unpack(r)} end
if r[2] ~= ARGV[2] then
    r[7] = tostring(redis.call('HINCRBY', KEYS[1], 'left', -1))
    return {'wrong', unpack(r)}
end
redis.call('HSET', KEYS[1], 'claimed', '1')
r[8] = '1'
return {'claimed', unpack(r)}
)lua";

// ARGV: requestId.
constexpr const char* kRelease = R"lua(
if redis.call('HGET', KEYS[1], 'rid') == ARGV[1] then redis.call('HSET', KEYS[1], 'claimed', '0') end
return 'done'
)lua";

// ARGV: requestId.
constexpr const char* kConsume = R"lua(
if redis.call('HGET', KEYS[1], 'rid') == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 'done'
)lua";

constexpr std::size_t kFieldCount = 8;

std::string withPrelude(std::string_view script) {
    return std::string(kLuaTimeBefore) + kPrelude + std::string(script);
}

void appendFields(std::vector<std::string>& args, const OtpRecord& record) {
    args.insert(args.end(), {record.requestId, record.codeHash, encodeTime(record.createdAt),
                             encodeTime(record.expiresAt), encodeTime(record.resendAt), encodeTime(record.purgeAt),
                             std::to_string(record.attemptsLeft), record.claimed ? "1" : "0"});
}

contract::Unexpected<StoreError> malformed() {
    return storeInternal("redis: malformed otp record");
}

// The record in elements [from, from + 8) of a script's reply.
StoreResult<OtpRecord> parseRecord(const std::string& phone, const RedisValue& reply, std::size_t from) {
    std::array<const std::string*, kFieldCount> field{};
    for (std::size_t i = 0; i < kFieldCount; ++i) {
        if ((field[i] = textAt(reply, from + i)) == nullptr) {
            return malformed();
        }
    }
    const auto created = decodeTime(*field[2]);
    const auto expires = decodeTime(*field[3]);
    const auto resend = decodeTime(*field[4]);
    const auto purge = decodeTime(*field[5]);
    const auto left = decodeInt(*field[6]);
    if (!created || !expires || !resend || !purge || !left || (*field[7] != "0" && *field[7] != "1")) {
        return malformed();
    }
    return OtpRecord{phone, *field[0], *field[1], *created, *expires, *resend, *purge, *left, *field[7] == "1"};
}

std::optional<OtpClaimStatus> parseStatus(const std::string& name) {
    static constexpr std::array<std::pair<std::string_view, OtpClaimStatus>, 6> kNames = {{
        {"claimed", OtpClaimStatus::Claimed},
        {"wrong", OtpClaimStatus::WrongCode},
        {"locked", OtpClaimStatus::Locked},
        {"expired", OtpClaimStatus::Expired},
        {"busy", OtpClaimStatus::Busy},
        {"none", OtpClaimStatus::NoPending},
    }};
    for (const auto& [text, status] : kNames) {
        if (name == text) {
            return status;
        }
    }
    return std::nullopt;
}

}  // namespace

RedisOtpStore::RedisOtpStore(std::shared_ptr<RedisPool> pool, std::string keyPrefix)
    : pool_(std::move(pool)),
      prefix_(std::move(keyPrefix)),
      put_(withPrelude(kPut)),
      restore_(withPrelude(kRestore)),
      claim_(withPrelude(kClaim)),
      release_(kRelease),
      consume_(kConsume) {}

std::string RedisOtpStore::key(const std::string& phone) const {
    // The braces make the phone a Redis Cluster hash tag.
    return prefix_ + "otp:{" + phone + "}";
}

StoreResult<OtpPutOutcome> RedisOtpStore::put(const OtpRecord& record, TimePoint now) {
    std::vector<std::string> args{encodeTime(now)};
    appendFields(args, record);
    args.push_back(std::to_string(ttlMillis(record.purgeAt, now)));
    const auto reply = pool_->eval(put_, {key(record.phone)}, args);
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    const std::string* status = textAt(*reply, 0);
    if (status != nullptr && *status == "cooling") {
        const std::string* resendText = textAt(*reply, 1);
        const auto resendAt = resendText ? decodeTime(*resendText) : std::nullopt;
        if (!resendAt) {
            return malformed();
        }
        return OtpPutOutcome{OtpCoolingDown{retryAfter(*resendAt, now)}};
    }
    if (status == nullptr || *status != "stored") {
        return storeInternal("redis: unexpected script reply");
    }
    OtpStored stored;
    if (reply->elements.size() > 1) {
        auto previous = parseRecord(record.phone, *reply, 1);
        if (!previous) {
            return contract::unexpected(previous.error());
        }
        stored.previous = std::move(previous.value());
    }
    return OtpPutOutcome{std::move(stored)};
}

StoreResult<Done> RedisOtpStore::restore(const std::string& phone, const std::string& requestId,
                                         const std::optional<OtpRecord>& previous, TimePoint now) {
    std::vector<std::string> args{encodeTime(now), requestId};
    if (previous) {
        args.push_back(std::to_string(ttlMillis(previous->purgeAt, now)));
        appendFields(args, *previous);
    } else {
        args.push_back("0");
    }
    return expectDone(pool_->eval(restore_, {key(phone)}, args));
}

StoreResult<OtpClaimOutcome> RedisOtpStore::claim(const std::string& phone, const std::string& codeHash,
                                                  TimePoint now) {
    const auto reply = pool_->eval(claim_, {key(phone)}, {encodeTime(now), codeHash});
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    const std::string* name = textAt(*reply, 0);
    const auto status = name ? parseStatus(*name) : std::nullopt;
    if (!status) {
        return storeInternal("redis: unexpected script reply");
    }
    if (*status == OtpClaimStatus::NoPending) {
        return OtpClaimOutcome{OtpClaimStatus::NoPending, 0, std::nullopt};
    }
    auto record = parseRecord(phone, *reply, 1);
    if (!record) {
        return contract::unexpected(record.error());
    }
    const int attemptsLeft = *status == OtpClaimStatus::Locked ? 0 : record->attemptsLeft;
    return OtpClaimOutcome{*status, attemptsLeft, std::move(record.value())};
}

StoreResult<Done> RedisOtpStore::release(const std::string& phone, const std::string& requestId) {
    return expectDone(pool_->eval(release_, {key(phone)}, {requestId}));
}

StoreResult<Done> RedisOtpStore::consume(const std::string& phone, const std::string& requestId) {
    return expectDone(pool_->eval(consume_, {key(phone)}, {requestId}));
}

}  // namespace sesame::server::store
