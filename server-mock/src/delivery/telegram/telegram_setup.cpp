#include "delivery/telegram/telegram_setup.h"

#include "api/telegram_routes.h"
#include "delivery/delivery_context.h"
#include "delivery/status_recorder.h"
#include "delivery/telegram/bot_api.h"
#include "delivery/telegram/poller.h"
#include "delivery/telegram/telegram_bot_channel.h"
#include "delivery/telegram/update_handler.h"
#include "store/memory/memory_telegram_link_store.h"
#include "store/memory/memory_telegram_update_log.h"
#include "store/postgres/pg_telegram_link_store.h"
#include "store/redis/redis_telegram_update_log.h"
#include "telemetry/log.h"

namespace sesame::server::delivery {
namespace {

using namespace std::chrono_literals;

// getUpdates' long-poll wait: Telegram's own examples use 25-50 s.
constexpr std::chrono::seconds kPollTimeout = 25s;

// What the channel and the update handling share; owned by both.
struct Shared {
    std::unique_ptr<TelegramBotApi> api;
    std::unique_ptr<store::TelegramLinkStore> links;
    std::unique_ptr<store::TelegramUpdateLog> updates;
};

DeliveryReporter reporterOf(DeliveryContext& context) {
    auto recorder =
        std::make_shared<StatusRecorder>(context.statuses, context.audit, context.metrics, context.clock);
    return [recorder](const DeliveryStatus& status, bool) {
        recorder->record(status, status.updatedAt + kStatusRetention);
    };
}

class Runtime final : public TelegramBotRuntime {
public:
    Runtime(TelegramBotSettings settings, std::shared_ptr<Shared> shared, TelegramBotChannel& channel,
            const Clock& clock)
        : settings_(std::move(settings)),
          shared_(std::move(shared)),
          channel_(channel),
          handler_(channel, *shared_->links, *shared_->updates, clock) {}

    ~Runtime() override { stop(); }

    void registerRoutes(http::Router& router) override {
        api::registerTelegramRoutes(router, handler_, settings_.webhookSecret);
    }

    void start() override {
        if (channel_.username().empty()) {
            telemetry::log(telemetry::LogLevel::Warn, "telegram_username_unknown");
        }
        if (!settings_.webhookUrl.empty()) {
            auto set = shared_->api->setWebhook(settings_.webhookUrl, settings_.webhookSecret, {"message"});
            telemetry::log(set ? telemetry::LogLevel::Info : telemetry::LogLevel::Error,
                           set ? "telegram_webhook_set" : "telegram_webhook_failed",
                           set ? nlohmann::json::object() : nlohmann::json{{"detail", runResultOf(set.error()).detail}});
        }
        if (settings_.polling) {
            poller_ = std::make_unique<TelegramPoller>(*shared_->api, handler_, *shared_->updates, kPollTimeout);
            poller_->start();
        }
    }

    void stop() override {
        if (poller_) {
            poller_->stop();
        }
    }

private:
    const TelegramBotSettings settings_;
    std::shared_ptr<Shared> shared_;
    TelegramBotChannel& channel_;
    TelegramUpdateHandler handler_;
    std::unique_ptr<TelegramPoller> poller_;
};

std::shared_ptr<Shared> sharedParts(const TelegramBotSettings& settings, DeliveryContext& context) {
    auto shared = std::make_shared<Shared>();
    shared->api = std::make_unique<TelegramBotApi>(context.http, settings.apiUrl, settings.token);
    if (context.postgres) {
        shared->links = std::make_unique<store::PgTelegramLinkStore>(context.postgres);
    } else {
        shared->links = std::make_unique<store::MemoryTelegramLinkStore>();
    }
    if (context.redis) {
        shared->updates = std::make_unique<store::RedisTelegramUpdateLog>(context.redis);
    } else {
        shared->updates = std::make_unique<store::MemoryTelegramUpdateLog>();
    }
    return shared;
}

}  // namespace

contract::Expected<TelegramBot, std::string> makeTelegramBot(const Settings& settings, DeliveryContext& context) {
    const TelegramBotSettings& bot = settings.delivery.telegramBot;
    if (bot.token.empty()) {
        return TelegramBot{};
    }
    if (!bot.webhookUrl.empty() && bot.webhookSecret.empty()) {
        return contract::unexpected(std::string("--telegram-webhook-url needs --telegram-webhook-secret"));
    }
    if (!bot.webhookUrl.empty() && bot.polling) {
        return contract::unexpected(std::string("--telegram-polling and --telegram-webhook-url exclude each other"));
    }
    auto shared = sharedParts(bot, context);
    TelegramBotDependencies deps{*shared->api, context.dispatcher, *shared->links, context.sealer, context.clock,
                                 reporterOf(context), shared};
    auto channel = std::make_unique<TelegramBotChannel>(std::move(deps), bot.username);
    for (Lane& lane : channel->lanes(bot.perSecond, bot.perChatInterval)) {
        context.dispatcher.addLane(std::move(lane));
    }
    TelegramBot result;
    result.runtime = std::make_unique<Runtime>(bot, shared, *channel, context.clock);
    result.channels.push_back(std::move(channel));
    return result;
}

}  // namespace sesame::server::delivery
