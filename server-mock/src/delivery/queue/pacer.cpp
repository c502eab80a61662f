#include "delivery/queue/pacer.h"

#include <algorithm>
#include <cmath>

namespace sesame::server::delivery {
namespace {

// Keys are forgotten once their interval is over, checked when this many are held.
constexpr std::size_t kPruneAt = 4096;
// The upstream counts arrivals and we count starts: a start a little late on
// the wire must not land in the same second as the one perSecond starts
// before it (a 429 costs a whole second's pause), so the window is a bit wider.
constexpr auto kWindow = std::chrono::milliseconds{1050};

std::size_t perWindowOf(double perSecond) {
    return perSecond > 0 ? std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(perSecond))) : 0;
}

}  // namespace

Pacer::Pacer(double perSecond, std::chrono::milliseconds perKeyInterval)
    : perWindow_(perWindowOf(perSecond)), perKey_(std::max(perKeyInterval, std::chrono::milliseconds{0})) {}

JobTime Pacer::laneReadyAt(JobTime now) const {
    // Full window: the next start waits until the oldest of the last perWindow_ starts is a window old.
    const JobTime windowFree =
        perWindow_ != 0 && started_.size() >= perWindow_ ? started_.front() + kWindow : JobTime{};
    return std::max({now, windowFree, pausedUntil_});
}

JobTime Pacer::readyAt(const std::string& key, JobTime now) const {
    const JobTime lane = laneReadyAt(now);
    const auto found = key.empty() ? keyReady_.end() : keyReady_.find(key);
    return found == keyReady_.end() ? lane : std::max(lane, found->second);
}

void Pacer::consume(const std::string& key, JobTime now) {
    if (perWindow_ != 0) {
        started_.push_back(std::max(now, started_.empty() ? now : started_.back()));
        while (started_.size() > perWindow_) {
            started_.pop_front();
        }
    }
    if (key.empty() || perKey_.count() == 0) {
        return;
    }
    if (keyReady_.size() >= kPruneAt) {
        std::erase_if(keyReady_, [now](const auto& entry) { return entry.second <= now; });
    }
    keyReady_[key] = now + perKey_;
}

void Pacer::pauseUntil(JobTime until) { pausedUntil_ = std::max(pausedUntil_, until); }

}  // namespace sesame::server::delivery
