#include "api/telegram_routes.h"

#include "crypto/constant_time.h"
#include "http/json_body.h"

namespace sesame::server::api {
namespace {

constexpr const char* kSecretHeader = "X-Telegram-Bot-Api-Secret-Token";

http::Response problem(contract::ErrorCode code, std::string detail) {
    return http::Response::problem(contract::Problem{code, std::move(detail), nlohmann::json::object()});
}

}  // namespace

void registerTelegramRoutes(http::Router& router, delivery::TelegramUpdateHandler& handler, std::string secret) {
    router.add(http::Method::Post, "/v1/telegram/webhook",
               [&handler, secret = std::move(secret)](const http::Request& request) {
                   const auto presented = request.header(kSecretHeader);
                   if (!presented) {
                       return problem(contract::ErrorCode::InvalidToken, "the webhook secret token is missing");
                   }
                   if (secret.empty() || !crypto::constantTimeEquals(*presented, secret)) {
                       return problem(contract::ErrorCode::Forbidden, "the webhook secret token is wrong");
                   }
                   auto update = http::parseJsonBody(request);
                   if (!update) {
                       return http::Response::problem(update.error());
                   }
                   if (handler.handle(update.value()) == delivery::UpdateOutcome::Retry) {
                       return problem(contract::ErrorCode::ServiceUnavailable, "try again later");
                   }
                   return http::Response::json(200, nlohmann::json::object());
               });
}

}  // namespace sesame::server::api
