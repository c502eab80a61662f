#pragma once
// OtpStore on Redis: one hash per phone, `<prefix>otp:{<phone>}`, whose TTL
// is purgeAt - now. Every call is one Lua script, so it is atomic across any
// number of server instances on one Redis. Times come from the caller: the
// scripts compare the given `now` with the stored times and never read the
// Redis clock, so a record is gone at purgeAt even before its TTL runs out.

#include "store/otp_store.h"
#include "store/redis/lua_script.h"
#include "store/redis/redis_pool.h"

#include <memory>
#include <string>

namespace sesame::server::store {

class RedisOtpStore final : public OtpStore {
public:
    // `keyPrefix` starts every key; stores that share a prefix share records.
    explicit RedisOtpStore(std::shared_ptr<RedisPool> pool, std::string keyPrefix = "sesame:");

    StoreResult<OtpPutOutcome> put(const OtpRecord& record, TimePoint now) override;
    StoreResult<Done> restore(const std::string& phone, const std::string& requestId,
                              const std::optional<OtpRecord>& previous, TimePoint now) override;
    StoreResult<OtpClaimOutcome> claim(const std::string& phone, const std::string& codeHash,
                                       TimePoint now) override;
    StoreResult<Done> release(const std::string& phone, const std::string& requestId) override;
    StoreResult<Done> consume(const std::string& phone, const std::string& requestId) override;

    // The Redis key of `phone`'s record.
    std::string key(const std::string& phone) const;

private:
    std::shared_ptr<RedisPool> pool_;
    std::string prefix_;
    LuaScript put_;
    LuaScript restore_;
    LuaScript claim_;
    LuaScript release_;
    LuaScript consume_;
};

}  // namespace sesame::server::store
