#include "api/delivery_callback_routes.h"

#include "delivery/delivery_context.h"
#include "delivery/status_recorder.h"
#include "delivery/sms/twilio_signature.h"
#include "delivery/telegram_gateway/gateway_report.h"
#include "delivery/upstream/http_client.h"
#include "telemetry/log.h"

#include <memory>

namespace sesame::server::api {
namespace {

using delivery::ReportOutcome;

constexpr std::string_view kGatewayChannel = "telegram_gateway";
constexpr std::string_view kTwilioChannel = "twilio";

http::Response forbidden(std::string_view upstream, std::string_view reason) {
    telemetry::log(telemetry::LogLevel::Warn, "delivery_report_rejected", {{"upstream", upstream}, {"reason", reason}});
    return http::Response::problem({contract::ErrorCode::Forbidden, "the report's signature is not valid", {}});
}

http::Response badReport(std::string detail) {
    return http::Response::problem({contract::ErrorCode::InvalidRequest, std::move(detail), {}});
}

// A report about a message we do not know is answered like a recorded one,
// so the upstream stops repeating it; a store failure asks it to try again.
http::Response answered(ReportOutcome outcome, std::string_view upstream, http::Response ok) {
    if (outcome == ReportOutcome::StoreFailed) {
        return http::Response::problem({contract::ErrorCode::ServiceUnavailable, "try again later", {}});
    }
    if (outcome == ReportOutcome::Unknown) {
        telemetry::log(telemetry::LogLevel::Info, "delivery_report_unknown", {{"upstream", upstream}});
    }
    return ok;
}

http::Response gatewayReport(const http::Request& request, const TelegramGatewaySettings& settings,
                             delivery::StatusRecorder& recorder, const Clock& clock) {
    const auto check =
        delivery::checkGatewaySignature(settings.token, request.header("X-Request-Timestamp"),
                                        request.header("X-Request-Signature"), request.body, clock.now());
    if (check != delivery::SignatureCheck::Valid) {
        return forbidden(kGatewayChannel, delivery::describe(check));
    }
    auto report = delivery::parseGatewayReport(request.body);
    if (!report) {
        return badReport(report.error());
    }
    const auto state = delivery::stateOfGatewayStatus(report->status);
    // The Gateway wants exactly 200; anything else is sent again.
    const http::Response ok = http::Response::json(200, {{"ok", true}});
    if (!state) {
        return ok;
    }
    const std::string detail = *state == delivery::DeliveryState::Failed ? "gateway " + report->status : "";
    return answered(recorder.applyReport(kGatewayChannel, report->upstreamId, report->payload, *state, detail),
                    kGatewayChannel, ok);
}

std::string fieldOf(const delivery::FormFields& fields, std::string_view name) {
    for (const auto& [key, value] : fields) {
        if (key == name) {
            return value;
        }
    }
    return {};
}

http::Response twilioStatus(const http::Request& request, const TwilioSettings& settings,
                            delivery::StatusRecorder& recorder) {
    auto fields = delivery::formDecode(request.body);
    if (!fields) {
        return forbidden(kTwilioChannel, "undecodable body");
    }
    if (!delivery::twilioSignatureValid(settings.authToken, settings.statusCallbackUrl, fields.value(),
                                        request.header("X-Twilio-Signature"))) {
        return forbidden(kTwilioChannel, "signature mismatch");
    }
    const std::string sid = fieldOf(fields.value(), "MessageSid");
    const std::string status = fieldOf(fields.value(), "MessageStatus");
    if (sid.empty() || status.empty()) {
        return badReport("MessageSid and MessageStatus are required");
    }
    const auto state = delivery::stateOfTwilioStatus(status);
    if (!state) {
        return http::Response::noContent();
    }
    const std::string code = fieldOf(fields.value(), "ErrorCode").substr(0, 16);
    const std::string detail = *state == delivery::DeliveryState::Failed ? "twilio " + status + " " + code : "";
    return answered(recorder.applyReport(kTwilioChannel, sid, {}, *state, detail), kTwilioChannel,
                    http::Response::noContent());
}

}  // namespace

void registerDeliveryCallbackRoutes(http::Router& router, const Settings& settings,
                                    delivery::DeliveryContext& context) {
    auto recorder =
        std::make_shared<delivery::StatusRecorder>(context.statuses, context.audit, context.metrics, context.clock);
    const DeliverySettings& delivery = settings.delivery;
    if (!delivery.telegramGateway.token.empty()) {
        const Clock& clock = context.clock;
        router.add(http::Method::Post, "/v1/delivery/telegram-gateway",
                   [&gateway = delivery.telegramGateway, recorder, &clock](const http::Request& request) {
                       return gatewayReport(request, gateway, *recorder, clock);
                   });
    }
    if (!delivery.twilio.accountSid.empty() && !delivery.twilio.statusCallbackUrl.empty()) {
        router.add(http::Method::Post, "/v1/delivery/twilio/status",
                   [&twilio = delivery.twilio, recorder](const http::Request& request) {
                       return twilioStatus(request, twilio, *recorder);
                   });
    }
}

}  // namespace sesame::server::api
