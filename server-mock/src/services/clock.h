#pragma once
// The time source of every service, injectable so tests move time by hand
// instead of sleeping.

#include <atomic>
#include <chrono>

namespace sesame::server {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
public:
    virtual ~Clock() = default;
    // The current wall-clock time.
    virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// A clock that stands still until told otherwise; safe to read and move from
// several threads.
class FakeClock final : public Clock {
public:
    // Starts at 2024-06-01T00:00:00Z, a whole second (tokens count in seconds).
    FakeClock() : now_(TimePoint(std::chrono::seconds(1717200000))) {}

    TimePoint now() const override { return now_.load(); }
    void set(TimePoint time) { now_.store(time); }
    void advance(std::chrono::system_clock::duration by) {
        TimePoint current = now_.load();
        while (!now_.compare_exchange_weak(current, current + by)) {
        }
    }

private:
    std::atomic<TimePoint> now_;
};

}  // namespace sesame::server
