#pragma once
// The device's wall clock, injectable so tests can freeze or move time.

#include <sesame/sdk_export.h>

#include <chrono>
#include <memory>

namespace sesame {

class SESAME_SDK_EXPORT Clock {
public:
    virtual ~Clock();
    // The device's current UTC time; it may be wrong by any amount (the SDK
    // corrects it with the server's Date header).
    virtual std::chrono::system_clock::time_point now() const = 0;
};

// The real system clock.
SESAME_SDK_EXPORT std::shared_ptr<const Clock> systemClock();

}  // namespace sesame
