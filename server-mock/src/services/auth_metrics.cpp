#include "services/auth_metrics.h"

namespace sesame::server {

AuthMetrics::AuthMetrics(telemetry::Metrics& metrics)
    : codes_(metrics.counter("sesame_otp_codes_requested_total", "One-time codes requested, by channel and result",
                             {"channel", "result"})),
      deliveries_(metrics.counter("sesame_otp_delivery_attempts_total", "Code delivery attempts, by backend and result",
                                  {"backend", "result"})),
      verifications_(metrics.counter("sesame_otp_verifications_total", "Code verifications, by result", {"result"})),
      rateLimitHits_(metrics.counter("sesame_rate_limit_hits_total", "Requests refused by a rate limit, by scope",
                                     {"scope"})),
      refreshes_(metrics.counter("sesame_token_refreshes_total", "Refresh-token uses, by result", {"result"})) {}

void AuthMetrics::codeRequested(std::string_view channel, std::string_view result) { codes_.inc({channel, result}); }

void AuthMetrics::deliveryAttempt(std::string_view backend, std::string_view result) {
    deliveries_.inc({backend, result});
}

void AuthMetrics::verification(std::string_view result) { verifications_.inc({result}); }

void AuthMetrics::rateLimitHit(std::string_view scope) { rateLimitHits_.inc({scope}); }

void AuthMetrics::refresh(std::string_view result) { refreshes_.inc({result}); }

}  // namespace sesame::server
