#include "policy/server_clock.h"

namespace sesame {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

ServerClock::ServerClock(std::shared_ptr<const Clock> device) : device_(std::move(device)) {}

void ServerClock::observe(std::optional<TimePoint> serverDate) {
    if (serverDate) {
        // Date has whole seconds and was stamped before the answer travelled,
        // so the estimate lags by under a second plus latency: harmless next
        // to the refresh lead.
        offset_ = duration_cast<milliseconds>(*serverDate - device_->now());
    }
}

ServerClock::TimePoint ServerClock::now() const { return device_->now() + offset_; }

ServerClock::TimePoint ServerClock::toDevice(TimePoint serverTime) const { return serverTime - offset_; }

}  // namespace sesame
