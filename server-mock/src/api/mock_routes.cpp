#include "api/mock_routes.h"

#include "api/handler_support.h"
#include "services/otp_service.h"
#include "services/rfc3339.h"

#include <sesame/contract/phone.h>

namespace sesame::server::api {
namespace {

// An unescaped "+" in a query string decodes to a space, and people paste
// E.164 numbers into URLs as they are: " 7700..." is read as "+7700...".
std::string phoneParameter(const std::string& raw) {
    std::string phone = raw;
    if (phone.size() > 1 && phone[0] == ' ' && phone[1] >= '0' && phone[1] <= '9') {
        phone[0] = '+';
    }
    return phone;
}

std::string queryValue(const http::Request& request, const char* name) {
    const auto found = request.query.find(name);
    return found == request.query.end() ? std::string() : found->second;
}

}  // namespace

void registerMockRoutes(http::Router& router, const delivery::OutboxChannel& outbox) {
    router.add(http::Method::Get, "/mock/outbox", [&outbox](const http::Request& request) {
        auto phone = contract::normalizePhone(phoneParameter(queryValue(request, "phone")), queryValue(request, "region"));
        if (!phone) {
            return http::Response::problem(invalidPhoneProblem(phone.error()));
        }
        contract::Outbox result;
        for (const auto& entry : outbox.messagesFor(phone.value())) {
            result.messages.push_back(
                contract::OutboxMessage{entry.phone, entry.channel, entry.text, entry.code, formatRfc3339(entry.sentAt)});
        }
        return http::Response::json(200, contract::toJson(result));
    });
}

}  // namespace sesame::server::api
