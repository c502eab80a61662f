#pragma once
// The delivery JobQueue on Redis (full mode), shared by every server
// instance on that Redis and kept across restarts. Per upstream, a sorted
// set of pending job ids by due time and one of leased ids by lease end; a
// hash per job. Every key carries the hash tag {delivery}, so the scripts
// (which name job keys from ids) stay in one Redis Cluster slot. Each call
// is one script, so a job is never taken twice inside its lease.

#include "delivery/queue/job_queue.h"
#include "store/redis/lua_script.h"
#include "store/redis/redis_pool.h"

#include <memory>
#include <string>

namespace sesame::server::store {

class RedisJobQueue final : public delivery::JobQueue {
public:
    // `keyPrefix` starts every key; queues that share a prefix share jobs.
    explicit RedisJobQueue(std::shared_ptr<RedisPool> pool, std::string keyPrefix = "sesame:");

    StoreResult<Done> push(const delivery::Job& job) override;
    StoreResult<std::vector<delivery::Job>> take(const std::string& upstream, delivery::JobTime now, std::size_t max,
                                                 std::chrono::seconds lease) override;
    StoreResult<Done> remove(const std::string& id) override;
    StoreResult<bool> reschedule(const std::string& id, delivery::JobTime dueAt) override;
    StoreResult<std::optional<delivery::Job>> find(const std::string& id) override;
    StoreResult<std::optional<delivery::JobTime>> nextDue(const std::string& upstream) override;

private:
    std::shared_ptr<RedisPool> pool_;
    std::string prefix_;  // "<keyPrefix>{delivery}:"
    LuaScript push_;
    LuaScript take_;
    LuaScript remove_;
    LuaScript reschedule_;
    LuaScript find_;
    LuaScript nextDue_;
};

}  // namespace sesame::server::store
