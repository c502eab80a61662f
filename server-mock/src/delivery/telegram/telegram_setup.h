#pragma once
// What app/backends.cpp and app/application.cpp call to plug in the Telegram
// bot: its channel ("telegram_bot"), the update handling behind the webhook
// route and the polling thread, and the calls made at start (getMe,
// setWebhook). Nothing is made when no bot token is configured.

#include "config/settings.h"
#include "delivery/channel.h"
#include "http/router.h"

#include <sesame/contract/expected.h>

#include <memory>
#include <string>
#include <vector>

namespace sesame::server::delivery {

struct DeliveryContext;  // delivery/delivery_context.h

// The bot's life beyond its channel. Order at start: makeTelegramBot (adds the
// lane), registerRoutes, Dispatcher::start(), start(); at shutdown: stop()
// before Dispatcher::stop(), and destroy it after the Dispatcher stopped.
class TelegramBotRuntime {
public:
    virtual ~TelegramBotRuntime() = default;
    // Registers POST /v1/telegram/webhook (updates, checked against
    // X-Telegram-Bot-Api-Secret-Token). `router` must not outlive this object.
    virtual void registerRoutes(http::Router& router) = 0;
    // Asks getMe for the bot's username when none is configured, calls
    // setWebhook when a webhook URL is configured, and starts the polling
    // thread in polling mode. Upstream failures are logged, never fatal.
    virtual void start() = 0;
    // Stops the polling thread (waits for it); idempotent.
    virtual void stop() = 0;
};

struct TelegramBot {
    std::vector<std::unique_ptr<Channel>> channels;  // {"telegram_bot"}, or empty when no token is set
    std::unique_ptr<TelegramBotRuntime> runtime;     // null when no token is set
};

// The Telegram bot of `settings.delivery.telegramBot` (empty when its token is
// empty). Adds the "telegram_bot" lane to context.dispatcher, so call it
// before Dispatcher::start(). Chat links live in PostgreSQL when
// context has a PgPool (full mode), in memory otherwise; processed updates and
// the polling offset in Redis when it has a RedisPool, in memory otherwise.
// `context` must outlive the result. The error says what is misconfigured.
contract::Expected<TelegramBot, std::string> makeTelegramBot(const Settings& settings, DeliveryContext& context);

}  // namespace sesame::server::delivery
