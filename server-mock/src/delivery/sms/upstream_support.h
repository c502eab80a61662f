#pragma once
// What the Telegram Gateway, Twilio and MSG91 clients share: URLs, reading
// untrusted JSON answers, and what answers mean to the Dispatcher beyond each
// upstream's own success and refusal bodies (throttling, server errors, no
// answer at all).

#include "delivery/queue/dispatcher.h"
#include "delivery/upstream/http_client.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sesame::server::delivery {

// `base` (an operator's URL, maybe with trailing slashes) followed by `path` ("/x").
std::string joinUrl(std::string_view base, std::string_view path);

// The longest pause a 429 may impose on a lane.
inline constexpr std::chrono::seconds kMaxRetryAfter{3600};

// Retry-After in whole seconds (1..kMaxRetryAfter), or `fallback` when absent or not a number.
std::chrono::seconds retryAfterOf(const HttpReply& reply, std::chrono::seconds fallback = std::chrono::seconds(1));

// 429 → RetryAfter; 408 and 5xx → Transient; anything else nullopt (the
// caller reads the upstream's body). `upstream` names it in the detail.
std::optional<RunResult> throttledOrDown(std::string_view upstream, const HttpReply& reply);

// No answer (connect, TLS, timeout, reset) → Transient with the client's sentence.
RunResult unreachable(std::string_view upstream, const std::string& error);

// The string member `name` of `object`, or "" when it is absent, not a
// string, or `object` is not an object (upstream answers are untrusted).
std::string stringMember(const nlohmann::json& object, const char* name);

RunResult doneWith(std::string upstreamId);
RunResult refusedFor(std::string detail);  // Permanent

}  // namespace sesame::server::delivery
