#include "store/redis/redis_job_queue.h"

#include "store/redis/redis_codec.h"

#include <array>
#include <charconv>
#include <chrono>

namespace sesame::server::store {
namespace {

using delivery::Job;
using delivery::JobTime;

// ARGV[1] is always the key prefix; a job's keys follow from its id and upstream.
constexpr const char* kPrelude = R"lua(
local P = ARGV[1]
local FIELDS = {'upstream', 'kind', 'key', 'payload', 'due', 'deadline', 'attempts', 'request'}
local function jobKey(id) return P .. 'job:' .. id end
local function dueKey(upstream) return P .. 'due:' .. upstream end
local function leasedKey(upstream) return P .. 'leased:' .. upstream end
-- Takes the job out of both sets of its upstream; its hash stays.
local function unlist(id)
    local upstream = redis.call('HGET', jobKey(id), 'upstream')
    if upstream then
        redis.call('ZREM', dueKey(upstream), id)
        redis.call('ZREM', leasedKey(upstream), id)
    end
    return upstream
end
local function read(id)
    local r = redis.call('HMGET', jobKey(id), unpack(FIELDS))
    if not r[1] then return nil end
    return {id, unpack(r)}
end
)lua";

// ARGV: prefix, id, due score (ms), the 8 FIELDS.
constexpr const char* kPush = R"lua(
local id = ARGV[2]
unlist(id)
redis.call('DEL', jobKey(id))
local flat = {}
for i, field in ipairs(FIELDS) do
    flat[2 * i - 1] = field
    flat[2 * i] = ARGV[3 + i]
end
redis.call('HSET', jobKey(id), unpack(flat))
redis.call('ZADD', dueKey(ARGV[4]), ARGV[3], id)
return 'done'
)lua";

// Leases that ran out are due again (at their lease's end); then up to `max`
// due jobs move to the leased set. ARGV: prefix, upstream, now (ms), max, lease (ms).
constexpr const char* kTake = R"lua(
local upstream, now, max, lease = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local lapsed = redis.call('ZRANGEBYSCORE', leasedKey(upstream), '-inf', now, 'WITHSCORES')
for i = 1, #lapsed, 2 do
    redis.call('ZREM', leasedKey(upstream), lapsed[i])
    redis.call('ZADD', dueKey(upstream), lapsed[i + 1], lapsed[i])
end
local out = {}
local ids = redis.call('ZRANGEBYSCORE', dueKey(upstream), '-inf', now, 'LIMIT', 0, max)
for _, id in ipairs(ids) do
    redis.call('ZREM', dueKey(upstream), id)
    local job = read(id)
    if job then
        redis.call('ZADD', leasedKey(upstream), now + lease, id)
        out[#out + 1] = job
    end
end
return out
)lua";

// ARGV: prefix, id.
constexpr const char* kRemove = R"lua(
unlist(ARGV[2])
redis.call('DEL', jobKey(ARGV[2]))
return 'done'
)lua";

// ARGV: prefix, id, due score (ms), due (encoded).
constexpr const char* kReschedule = R"lua(
local upstream = unlist(ARGV[2])
if not upstream then return 0 end
redis.call('HSET', jobKey(ARGV[2]), 'due', ARGV[4])
redis.call('ZADD', dueKey(upstream), ARGV[3], ARGV[2])
return 1
)lua";

// ARGV: prefix, id.
constexpr const char* kFind = R"lua(
local job = read(ARGV[2])
if not job then return {} end
return job
)lua";

// The earliest due or lease end. ARGV: prefix, upstream.
constexpr const char* kNextDue = R"lua(
local due = redis.call('ZRANGE', dueKey(ARGV[2]), 0, 0, 'WITHSCORES')
local leased = redis.call('ZRANGE', leasedKey(ARGV[2]), 0, 0, 'WITHSCORES')
local best = due[2]
if leased[2] and (not best or tonumber(leased[2]) < tonumber(best)) then best = leased[2] end
if not best then return {} end
return {tostring(best)}
)lua";

constexpr std::size_t kJobElements = 9;  // id and the 8 FIELDS

std::string withPrelude(std::string_view script) { return std::string(kPrelude) + std::string(script); }

// Scores are whole milliseconds since the epoch: exact in a Lua double.
std::string scoreOf(JobTime time) {
    return std::to_string(std::chrono::floor<std::chrono::milliseconds>(time.time_since_epoch()).count());
}

contract::Unexpected<StoreError> malformed() { return storeInternal("redis: malformed delivery job"); }

// The job in elements [0, 9) of `reply`.
StoreResult<Job> parseJob(const RedisValue& reply) {
    std::array<const std::string*, kJobElements> field{};
    for (std::size_t i = 0; i < kJobElements; ++i) {
        if ((field[i] = textAt(reply, i)) == nullptr) {
            return malformed();
        }
    }
    const auto due = decodeTime(*field[5]);
    const auto deadline = decodeTime(*field[6]);
    const auto attempts = decodeInt(*field[7]);
    if (!due || !deadline || !attempts) {
        return malformed();
    }
    return Job{*field[0], *field[1], *field[2], *field[3], *field[4], *due, *deadline, *attempts, *field[8]};
}

}  // namespace

RedisJobQueue::RedisJobQueue(std::shared_ptr<RedisPool> pool, std::string keyPrefix)
    : pool_(std::move(pool)),
      prefix_(std::move(keyPrefix) + "{delivery}:"),
      push_(withPrelude(kPush)),
      take_(withPrelude(kTake)),
      remove_(withPrelude(kRemove)),
      reschedule_(withPrelude(kReschedule)),
      find_(withPrelude(kFind)),
      nextDue_(withPrelude(kNextDue)) {}

StoreResult<Done> RedisJobQueue::push(const Job& job) {
    return expectDone(pool_->eval(push_, {},
                                  {prefix_, job.id, scoreOf(job.dueAt), job.upstream, job.kind, job.key, job.payload,
                                   encodeTime(job.dueAt), encodeTime(job.deadline), std::to_string(job.attempts),
                                   job.requestId}));
}

StoreResult<std::vector<Job>> RedisJobQueue::take(const std::string& upstream, JobTime now, std::size_t max,
                                                  std::chrono::seconds lease) {
    const auto reply = pool_->eval(take_, {},
                                   {prefix_, upstream, scoreOf(now), std::to_string(max),
                                    std::to_string(std::chrono::milliseconds(lease).count())});
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    std::vector<Job> jobs;
    for (const RedisValue& element : reply->elements) {
        auto job = parseJob(element);
        if (!job) {
            return contract::unexpected(job.error());
        }
        jobs.push_back(std::move(job).value());
    }
    return jobs;
}

StoreResult<Done> RedisJobQueue::remove(const std::string& id) {
    return expectDone(pool_->eval(remove_, {}, {prefix_, id}));
}

StoreResult<bool> RedisJobQueue::reschedule(const std::string& id, JobTime dueAt) {
    const auto reply = pool_->eval(reschedule_, {}, {prefix_, id, scoreOf(dueAt), encodeTime(dueAt)});
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    if (reply->kind != RedisValue::Kind::Integer) {
        return storeInternal("redis: unexpected script reply");
    }
    return reply->integer == 1;
}

StoreResult<std::optional<Job>> RedisJobQueue::find(const std::string& id) {
    const auto reply = pool_->eval(find_, {}, {prefix_, id});
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    if (reply->elements.empty()) {
        return std::optional<Job>{};
    }
    auto job = parseJob(*reply);
    if (!job) {
        return contract::unexpected(job.error());
    }
    return std::optional<Job>{std::move(job).value()};
}

StoreResult<std::optional<JobTime>> RedisJobQueue::nextDue(const std::string& upstream) {
    const auto reply = pool_->eval(nextDue_, {}, {prefix_, upstream});
    if (!reply) {
        return contract::unexpected(reply.error());
    }
    if (reply->elements.empty()) {
        return std::optional<JobTime>{};
    }
    const std::string* score = textAt(*reply, 0);
    long long millis = 0;
    if (score == nullptr ||
        std::from_chars(score->data(), score->data() + score->size(), millis).ptr != score->data() + score->size()) {
        return malformed();
    }
    return std::optional<JobTime>{JobTime(std::chrono::milliseconds(millis))};
}

}  // namespace sesame::server::store
