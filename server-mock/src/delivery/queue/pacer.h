#pragma once
// The pacing of one Dispatcher lane, as plain arithmetic on times so it is
// tested without threads or sleeps: a rate for the whole lane as a sliding
// window (no second ever holds more than perSecond jobs, as Telegram counts;
// a burst below the rate runs at once, so a request is tried on its own
// thread whenever the upstream allows it), a minimum interval between jobs
// with the same key, and a pause after a 429. Not thread-safe: the lane
// locks around it.

#include "delivery/queue/job.h"

#include <chrono>
#include <cstddef>
#include <deque>
#include <string>
#include <unordered_map>

namespace sesame::server::delivery {

class Pacer {
public:
    // perSecond <= 0: no lane-wide rate; perKeyInterval 0: no per-key interval.
    Pacer(double perSecond, std::chrono::milliseconds perKeyInterval);

    // When the lane may run its next job (rate, 429 pause); <= now means at once.
    JobTime laneReadyAt(JobTime now) const;
    // When a job with `key` may run: laneReadyAt, and the key's interval ("" has none).
    JobTime readyAt(const std::string& key, JobTime now) const;
    // Counts a job with `key` started at `now`.
    void consume(const std::string& key, JobTime now);
    // The upstream answered 429: nothing runs before `until`.
    void pauseUntil(JobTime until);

private:
    std::size_t perWindow_;  // 0: no lane-wide rate
    std::chrono::milliseconds perKey_;
    std::deque<JobTime> started_;  // the lane's latest start times, at most perWindow_
    JobTime pausedUntil_{};
    std::unordered_map<std::string, JobTime> keyReady_;  // keys seen within their interval
};

}  // namespace sesame::server::delivery
