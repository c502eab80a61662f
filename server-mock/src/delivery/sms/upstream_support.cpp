#include "delivery/sms/upstream_support.h"

#include <algorithm>
#include <charconv>

namespace sesame::server::delivery {

std::string joinUrl(std::string_view base, std::string_view path) {
    while (!base.empty() && base.back() == '/') {
        base.remove_suffix(1);
    }
    return std::string(base) + std::string(path);
}

std::chrono::seconds retryAfterOf(const HttpReply& reply, std::chrono::seconds fallback) {
    const std::string text = reply.header("Retry-After");
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < 0) {
        return fallback;
    }
    return std::chrono::seconds(std::clamp<long long>(value, 1, kMaxRetryAfter.count()));
}

std::optional<RunResult> throttledOrDown(std::string_view upstream, const HttpReply& reply) {
    const std::string status = std::to_string(reply.status);
    if (reply.status == 429) {
        return RunResult{RunOutcome::RetryAfter, retryAfterOf(reply), {}, std::string(upstream) + " answered 429"};
    }
    if (reply.status == 408 || reply.status >= 500) {
        return RunResult{RunOutcome::Transient, {}, {}, std::string(upstream) + " answered " + status};
    }
    return std::nullopt;
}

RunResult unreachable(std::string_view upstream, const std::string& error) {
    return RunResult{RunOutcome::Transient, {}, {}, std::string(upstream) + " unreachable: " + error};
}

std::string stringMember(const nlohmann::json& object, const char* name) {
    if (!object.is_object()) {
        return {};
    }
    const auto found = object.find(name);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

RunResult doneWith(std::string upstreamId) { return RunResult{RunOutcome::Done, {}, std::move(upstreamId), {}}; }

RunResult refusedFor(std::string detail) { return RunResult{RunOutcome::Permanent, {}, {}, std::move(detail)}; }

}  // namespace sesame::server::delivery
