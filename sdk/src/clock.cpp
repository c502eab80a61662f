#include <sesame/clock.h>

namespace sesame {
namespace {

class SystemClock final : public Clock {
public:
    std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
};

}  // namespace

Clock::~Clock() = default;

std::shared_ptr<const Clock> systemClock() {
    static const auto clock = std::make_shared<const SystemClock>();
    return clock;
}

}  // namespace sesame
