#include "delivery/status_recorder.h"

#include "services/audit.h"
#include "telemetry/log.h"

namespace sesame::server::delivery {
namespace {

bool audited(DeliveryState state) {
    return state == DeliveryState::Sent || state == DeliveryState::Delivered || state == DeliveryState::Failed;
}

}  // namespace

StatusRecorder::StatusRecorder(DeliveryStatusStore& statuses, store::AuditLog& audit, telemetry::Metrics& metrics,
                               const Clock& clock)
    : statuses_(statuses),
      audit_(audit),
      deliveries_(metrics.counter("sesame_delivery_total", "Code deliveries by channel and state reached",
                                  {"channel", "status"})),
      clock_(clock) {}

bool StatusRecorder::record(DeliveryStatus status, TimePoint keepUntil) {
    status.updatedAt = clock_.now();
    const std::string state(wireName(status.state));
    const auto stored = statuses_.record(status, keepUntil);
    if (!stored) {
        telemetry::log(
            telemetry::LogLevel::Warn, "delivery_status_not_stored",
            {{"channel", status.channel}, {"otp_request_id", status.requestId}, {"error", stored.error().detail}});
    }
    deliveries_.inc({status.channel, state});
    if (audited(status.state)) {
        store::AuditEntry entry;
        entry.event = store::AuditEvent::CodeDelivery;
        entry.at = status.updatedAt;
        entry.requestId = status.requestId;
        entry.detail = status.channel + " " + state;
        appendAudit(audit_, entry);
    }
    return stored.hasValue();
}

ReportOutcome StatusRecorder::applyReport(std::string_view channel, const std::string& upstreamId,
                                          const std::string& requestHint, DeliveryState state, std::string detail) {
    auto indexed = statuses_.requestFor(std::string(channel), upstreamId);
    if (!indexed) {
        return ReportOutcome::StoreFailed;
    }
    const std::string requestId = indexed.value().value_or(requestHint);
    if (requestId.empty()) {
        return ReportOutcome::Unknown;
    }
    auto current = statuses_.byRequest(requestId);
    if (!current) {
        return ReportOutcome::StoreFailed;
    }
    const auto& kept = current.value();
    if (!kept || kept->channel != channel || kept->upstreamId != upstreamId) {
        return ReportOutcome::Unknown;
    }
    // Reports may arrive out of order; a message never goes back to an earlier state.
    if (state == kept->state || !mayFollow(kept->state, state)) {
        return ReportOutcome::Ignored;
    }
    const bool stored =
        record(DeliveryStatus{requestId, std::string(channel), state, upstreamId, std::move(detail), {}},
               clock_.now() + kStatusRetention);
    return stored ? ReportOutcome::Recorded : ReportOutcome::StoreFailed;
}

}  // namespace sesame::server::delivery
