#pragma once
// The server's clock as seen from the device. Every answer's Date header
// tells how far the device clock is off; token expiry is then judged in server
// time, so a device clock that is hours wrong neither refreshes every second
// nor lets a token lapse.

#include <sesame/clock.h>

#include <chrono>
#include <memory>
#include <optional>

namespace sesame {

class ServerClock {
public:
    using TimePoint = std::chrono::system_clock::time_point;

    explicit ServerClock(std::shared_ptr<const Clock> device);

    // Records the Date of an answer that arrived just now; nullopt (no or an
    // unreadable header) keeps the previous estimate.
    void observe(std::optional<TimePoint> serverDate);

    // The server's current time, estimated.
    TimePoint now() const;
    // Server time converted to the device clock, for display.
    TimePoint toDevice(TimePoint serverTime) const;

    // Server clock minus device clock. Persisted with a session so that a
    // restored session is judged right before the first answer arrives.
    std::chrono::milliseconds offset() const { return offset_; }
    void setOffset(std::chrono::milliseconds offset) { offset_ = offset; }

    const Clock& device() const { return *device_; }

private:
    std::shared_ptr<const Clock> device_;
    std::chrono::milliseconds offset_{0};
};

}  // namespace sesame
