#pragma once
// MSG91's SendOTP API (v5), as https://world.msg91.com/apidoc/otp/otp.php
// documents it: POST <api url>/api/v5/otp?template_id=&mobile=&otp=&otp_expiry=
// with the "authkey" header; the mobile in international form without "+",
// otp our own code, otp_expiry in minutes. Answers {"request_id","type":"success"}
// or {"type":"error","message"}.

#include "config/settings.h"
#include "delivery/queue/dispatcher.h"
#include "delivery/upstream/http_client.h"

#include <chrono>
#include <string_view>

namespace sesame::server::delivery {

// The call sending `code` to `phone` (E.164) with the configured template.
HttpCall msg91OtpCall(const Msg91Settings& settings, std::string_view phone, std::string_view code,
                      std::chrono::seconds lifetime);

// type:success → Done (upstreamId = request_id); type:error → Permanent;
// 429 → RetryAfter; 5xx or no answer → Transient.
RunResult readMsg91Answer(const contract::Expected<HttpReply, std::string>& reply);

}  // namespace sesame::server::delivery
