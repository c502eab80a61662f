#pragma once
// POST /v1/telegram/webhook: Telegram's Update objects for the bot.

#include "delivery/telegram/update_handler.h"
#include "http/router.h"

#include <string>

namespace sesame::server::api {

// Registers the webhook. Answers 401 invalid_token without an
// X-Telegram-Bot-Api-Secret-Token, 403 forbidden with a wrong one (or when
// `secret` is empty: no webhook configured), 400/415 for a body that is not
// JSON, 503 when a store failed (Telegram delivers the update again), and 200
// for every other update, also those it ignores. `handler` must outlive `router`.
void registerTelegramRoutes(http::Router& router, delivery::TelegramUpdateHandler& handler, std::string secret);

}  // namespace sesame::server::api
