#include "delivery/queue/dispatcher.h"

#include "delivery/queue/lane_runner.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace sesame::server::delivery {
namespace {

// The longest a lane thread sleeps without looking at its queue.
constexpr std::chrono::milliseconds kMaxWait{1000};

}  // namespace

struct Dispatcher::State {
    State(JobQueue& queue, const Clock& clock, DispatcherOptions options)
        : queue(queue), clock(clock), options(options) {}

    LaneRunner* lane(const std::string& upstream) {
        const auto found = lanes.find(upstream);
        return found == lanes.end() ? nullptr : found->second.get();
    }
    void kick() {
        {
            const std::lock_guard lock(mutex);
            ++generation;
        }
        wake.notify_all();
    }
    void work(LaneRunner& runner);

    JobQueue& queue;
    const Clock& clock;
    const DispatcherOptions options;
    std::map<std::string, std::unique_ptr<LaneRunner>> lanes;  // fixed once started
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;          // guarded by mutex
    std::uint64_t generation = 0;   // guarded by mutex; bumped whenever a lane should look again
    std::vector<std::thread> threads;
};

void Dispatcher::State::work(LaneRunner& runner) {
    std::unique_lock lock(mutex);
    while (!stopping) {
        const std::uint64_t seen = generation;
        lock.unlock();
        const JobTime next = runner.step();
        const JobTime now = clock.now();
        lock.lock();
        if (next <= now) {
            continue;
        }
        // The clock may be a FakeClock in tests: the wait is in real time, capped.
        const auto wait = next - now < kMaxWait ? std::chrono::duration_cast<std::chrono::milliseconds>(next - now) +
                                                      std::chrono::milliseconds{1}
                                                : kMaxWait;
        wake.wait_for(lock, wait, [&] { return stopping || generation != seen; });
    }
}

Dispatcher::Dispatcher(JobQueue& queue, const Clock& clock, DispatcherOptions options)
    : state_(std::make_unique<State>(queue, clock, options)) {}

Dispatcher::~Dispatcher() { stop(); }

void Dispatcher::addLane(Lane lane) {
    std::string upstream = lane.upstream;
    state_->lanes[upstream] = std::make_unique<LaneRunner>(std::move(lane), state_->queue, state_->clock,
                                                           state_->options);
}

Submitted Dispatcher::submit(const Job& job) {
    LaneRunner* lane = state_->lane(job.upstream);
    if (lane == nullptr) {
        return Submitted{SubmitStatus::Failed, {}, "no delivery lane for this upstream"};
    }
    Submitted submitted = lane->submit(job);
    if (submitted.status == SubmitStatus::Queued) {
        state_->kick();
    }
    return submitted;
}

bool Dispatcher::schedule(const Job& job) {
    if (!state_->queue.push(job)) {
        return false;
    }
    state_->kick();
    return true;
}

bool Dispatcher::runSoon(const std::string& id) {
    const auto moved = state_->queue.reschedule(id, state_->clock.now());
    if (!moved || !moved.value()) {
        return false;
    }
    state_->kick();
    return true;
}

void Dispatcher::start() {
    const std::lock_guard lock(state_->mutex);
    if (!state_->threads.empty() || state_->stopping) {
        return;
    }
    for (auto& [upstream, runner] : state_->lanes) {
        state_->threads.emplace_back([this, lane = runner.get()] { state_->work(*lane); });
    }
}

void Dispatcher::stop() {
    {
        const std::lock_guard lock(state_->mutex);
        state_->stopping = true;
    }
    state_->wake.notify_all();
    for (auto& thread : state_->threads) {
        if (thread.joinable()) {
            thread.join();
        }
    }
    state_->threads.clear();
}

}  // namespace sesame::server::delivery
