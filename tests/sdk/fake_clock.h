#pragma once
// A device clock that moves only when a test says so.

#include <sesame/clock.h>

#include <atomic>

namespace sesame::test {

class FakeClock final : public Clock {
public:
    using TimePoint = std::chrono::system_clock::time_point;

    explicit FakeClock(TimePoint start = TimePoint{std::chrono::hours{24 * 365 * 50}}) : now_(start) {}

    TimePoint now() const override { return now_.load(); }
    void set(TimePoint time) { now_.store(time); }
    void advance(std::chrono::milliseconds by) { now_.store(now_.load() + by); }

private:
    std::atomic<TimePoint> now_;
};

}  // namespace sesame::test
