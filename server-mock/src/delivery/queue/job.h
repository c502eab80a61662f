#pragma once
// One unit of work for an upstream: send a code, delete a Telegram message,
// ... Jobs live in a JobQueue (memory in mock mode, Redis in full mode) so a
// crash or restart loses none; the Dispatcher runs them paced.

#include <chrono>
#include <string>

namespace sesame::server::delivery {

using JobTime = std::chrono::system_clock::time_point;

struct Job {
    std::string id;        // unique; pushing a job with an existing id replaces it
    std::string upstream;  // the Dispatcher lane that runs it: "telegram_bot", "telegram_gateway", "twilio", "msg91"
    std::string kind;      // what the lane's runner does with it: "send", "delete", ...
    std::string key;       // per-key pacing (a Telegram chat id); "" for none
    std::string payload;   // the runner's data, sealed (crypto/sealed_box.h) when it holds a code
    JobTime dueAt;         // not before
    JobTime deadline;      // not after: past it the job is dropped as failed (a code's expiry)
    int attempts = 0;      // attempts made so far
    std::string requestId; // the OTP request it serves, for status and audit; may be ""
    bool operator==(const Job&) const = default;
};

}  // namespace sesame::server::delivery
