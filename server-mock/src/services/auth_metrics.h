#pragma once
// The domain counters of sesame-server (issue 3 §7), registered on the
// server's Prometheus registry. Label values are short fixed strings, never
// phones or ids, so series stay few.

#include "telemetry/metrics.h"

#include <string_view>

namespace sesame::server {

class AuthMetrics {
public:
    explicit AuthMetrics(telemetry::Metrics& metrics);

    // POST /v1/otp: `channel` is what the client asked for ("auto", "sms",
    // "telegram"), `result` "sent", "test_number" or the error code.
    void codeRequested(std::string_view channel, std::string_view result);
    // One delivery attempt by a channel ("outbox", "twilio", ...): the state
    // its answer put the delivery in ("sent", "queued", "awaiting_link", "failed").
    void deliveryAttempt(std::string_view backend, std::string_view result);
    // POST /v1/otp/verify: "success" or the error code.
    void verification(std::string_view result);
    // A request refused by a limit: "phone", "ip" or "resend_cooldown".
    void rateLimitHit(std::string_view scope);
    // POST /v1/token/refresh: "rotated", "replayed", "reused", "invalid" or "error".
    void refresh(std::string_view result);

private:
    telemetry::Counter& codes_;
    telemetry::Counter& deliveries_;
    telemetry::Counter& verifications_;
    telemetry::Counter& rateLimitHits_;
    telemetry::Counter& refreshes_;
};

}  // namespace sesame::server
