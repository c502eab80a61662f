#pragma once
// One finished HTTP exchange, reduced to what the SDK acts on.

#include <sesame/contract/problem.h>
#include <sesame/error.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>

class QNetworkReply;

namespace sesame {

struct HttpResult {
    Error error = Error::None;   // None only for a 2xx answer
    int status = 0;             // 0 when no answer arrived
    nlohmann::json body;        // the parsed JSON body of a 2xx answer (null for 204)
    std::optional<contract::Problem> problem;  // the problem+json of an error answer
    std::optional<std::chrono::system_clock::time_point> date;  // the Date header
    std::chrono::seconds retryAfter{0};        // Retry-After / retry_after of a 429 or 503
};

// Why an exchange ended without an HTTP answer, decided by the caller.
enum class Abort { None, TimedOut, PinMismatch };

// Reads a finished reply (its body is consumed).
HttpResult readReply(QNetworkReply& reply, Abort abort);

// The error an error answer stands for: its problem's code when the body is
// a valid problem+json, else a guess from the status (a proxy's HTML 502 is a
// transient ServiceUnavailable, not a bug).
Error errorForStatus(int status, const std::optional<contract::Problem>& problem);

}  // namespace sesame
