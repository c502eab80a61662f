#pragma once
// Where every upstream channel (Telegram bot, Gateway, Twilio, MSG91) and the
// upstream callbacks write what became of a delivery: the DeliveryStatusStore, the counter
// sesame_delivery_total{channel,status}, and an audit entry (CodeDelivery)
// for each sent, delivered or failed state.

#include "delivery/delivery_status.h"
#include "services/clock.h"
#include "store/audit_log.h"
#include "telemetry/metrics.h"

#include <chrono>
#include <string>
#include <string_view>

namespace sesame::server::delivery {

// How long a status is kept after its code expired, or after an upstream's report.
inline constexpr std::chrono::hours kStatusRetention{24};

enum class ReportOutcome {
    Recorded,     // the request's status changed
    Ignored,      // nothing to record: an older state than the one kept (reports can arrive late)
    Unknown,      // no request of ours sent that upstream message
    StoreFailed,  // the store did not answer: the upstream should report again
};

class StatusRecorder {
public:
    StatusRecorder(DeliveryStatusStore& statuses, store::AuditLog& audit, telemetry::Metrics& metrics,
                   const Clock& clock);

    // Records `status` (updatedAt is set here), counts it and audits it;
    // false when the store failed (logged; the delivery itself happened).
    bool record(DeliveryStatus status, TimePoint keepUntil);

    // An upstream's report that its message `upstreamId` reached `state`. The
    // request is the one the store indexed under (channel, upstreamId), or
    // else `requestHint` (a signed report's payload) when its status names
    // that channel and message.
    ReportOutcome applyReport(std::string_view channel, const std::string& upstreamId, const std::string& requestHint,
                              DeliveryState state, std::string detail);

private:
    DeliveryStatusStore& statuses_;
    store::AuditLog& audit_;
    telemetry::Counter& deliveries_;
    const Clock& clock_;
};

}  // namespace sesame::server::delivery
