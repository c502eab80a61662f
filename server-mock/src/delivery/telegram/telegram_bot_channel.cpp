#include "delivery/telegram/telegram_bot_channel.h"

#include "crypto/random.h"
#include "delivery/message_text.h"
#include "telemetry/log.h"

#include <algorithm>
#include <charconv>
#include <optional>

namespace sesame::server::delivery {
namespace {

using namespace std::chrono_literals;

constexpr const char* kUpstream = "telegram_bot";
// Deletions have a lane of their own: Telegram's flood limits count sent
// messages, and 300 deletions must not halve the rate of 300 codes.
constexpr const char* kDeleteUpstream = "telegram_bot_delete";
constexpr std::size_t kNonceBytes = 16;  // 128 bits
// "A message can only be deleted if it was sent less than 48 hours ago."
// (https://core.telegram.org/bots/api#deletemessage); an hour of margin for a paced lane.
constexpr auto kDeleteWindow = 48h;
constexpr auto kDeleteMargin = 1h;
// Replies (prompts, refusals) are worth sending for a few minutes only.
constexpr auto kReplyLifetime = 10min;
constexpr std::size_t kRememberRetired = 1024;

std::string sendJobId(const std::string& requestId) { return "tg-send:" + requestId; }
std::string deleteJobId(const std::string& requestId) { return "tg-delete:" + requestId; }

std::optional<std::int64_t> integerField(const nlohmann::json& object, const char* name) {
    const auto found = object.find(name);
    if (found == object.end() || !found->is_number_integer()) {
        return std::nullopt;
    }
    return found->get<std::int64_t>();
}

std::optional<std::int64_t> parseId(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

RunResult permanent(std::string detail) { return RunResult{RunOutcome::Permanent, {}, "", std::move(detail)}; }

RunResult sendResult(const contract::Expected<std::int64_t, BotApiError>& sent) {
    if (!sent) {
        return runResultOf(sent.error());
    }
    return RunResult{RunOutcome::Done, {}, std::to_string(sent.value()), ""};
}

}  // namespace

TelegramBotChannel::TelegramBotChannel(TelegramBotDependencies deps, std::string username)
    : deps_(std::move(deps)), username_(std::move(username)) {}

bool TelegramBotChannel::serves(contract::Channel requested) const {
    return requested == contract::Channel::Auto || requested == contract::Channel::Telegram;
}

DeliveryResult TelegramBotChannel::send(const CodeMessage& message) {
    auto chat = deps_.links.chatFor(message.phone);
    if (!chat) {
        return DeliveryResult{SendStatus::Failed, contract::DeliveryChannel::Telegram, {}, {},
                              "telegram link store: " + chat.error().detail};
    }
    return chat.value() ? sendToChat(message, *chat.value()) : offerLink(message);
}

DeliveryResult TelegramBotChannel::sendToChat(const CodeMessage& message, std::int64_t chatId) {
    const std::string text = codeMessageText(message.code, message.locale, message.lifetime);
    const Submitted submitted = submitCode(message.requestId, chatId, text, message.expiresAt(), false);
    switch (submitted.status) {
    case SubmitStatus::Sent:
        return DeliveryResult{SendStatus::Sent, contract::DeliveryChannel::Telegram, submitted.upstreamId, {}, {}};
    case SubmitStatus::Queued:
        return DeliveryResult{SendStatus::Queued, contract::DeliveryChannel::Telegram, {}, {}, {}};
    case SubmitStatus::Failed:
        break;
    }
    return DeliveryResult{SendStatus::Failed, contract::DeliveryChannel::Telegram, {}, {}, submitted.detail};
}

DeliveryResult TelegramBotChannel::offerLink(const CodeMessage& message) {
    const std::string bot = username();
    if (bot.empty()) {
        return DeliveryResult{SendStatus::Failed, contract::DeliveryChannel::TelegramLink, {}, {},
                              "telegram bot username unknown (getMe failed)"};
    }
    const std::string text = codeMessageText(message.code, message.locale, message.lifetime);
    store::TelegramPendingLink pending{crypto::randomToken(kNonceBytes), message.phone, message.requestId,
                                       deps_.sealer.seal(text), 0, message.expiresAt()};
    if (auto added = deps_.links.addPending(pending, deps_.clock.now()); !added) {
        return DeliveryResult{SendStatus::Failed, contract::DeliveryChannel::TelegramLink, {}, {},
                              "telegram link store: " + added.error().detail};
    }
    report(message.requestId, DeliveryState::AwaitingLink, "", "", false);
    return DeliveryResult{SendStatus::AwaitingLink, contract::DeliveryChannel::TelegramLink, {},
                          "https://t.me/" + bot + "?start=" + pending.nonce, {}};
}

Submitted TelegramBotChannel::submitCode(const std::string& requestId, std::int64_t chatId, const std::string& text,
                                         JobTime expiresAt, bool removeKeyboard) {
    const nlohmann::json payload{{"chat_id", chatId}, {"text", text}, {"remove_keyboard", removeKeyboard}};
    const Job job{sendJobId(requestId), kUpstream, "send", std::to_string(chatId), deps_.sealer.seal(payload.dump()),
                  deps_.clock.now(), expiresAt, 0, requestId};
    Submitted submitted = deps_.dispatcher.submit(job);
    if (submitted.status == SubmitStatus::Failed && removeKeyboard && deps_.dispatcher.schedule(job)) {
        // Not on a request path: there is no other channel to fall through
        // to, so the lane retries it instead.
        submitted = Submitted{SubmitStatus::Queued, "", ""};
    }
    if (submitted.status == SubmitStatus::Sent) {
        afterSent(job, submitted.upstreamId);
    } else if (submitted.status == SubmitStatus::Queued) {
        report(requestId, DeliveryState::Queued, "", "", false);
    }
    return submitted;
}

bool TelegramBotChannel::deliverLinked(const store::TelegramPendingLink& pending, std::int64_t chatId) {
    auto text = deps_.sealer.open(pending.sealedText);
    if (!text) {
        telemetry::log(telemetry::LogLevel::Error, "telegram_pending_unreadable", {{"request_id", pending.requestId}});
        return false;
    }
    return submitCode(pending.requestId, chatId, text.value(), pending.expiresAt, true).status != SubmitStatus::Failed;
}

void TelegramBotChannel::reply(std::int64_t chatId, const std::string& text, const nlohmann::json& markup) {
    nlohmann::json payload{{"chat_id", chatId}, {"text", text}};
    if (!markup.is_null()) {
        payload["reply_markup"] = markup;
    }
    const JobTime now = deps_.clock.now();
    const Job job{"tg-reply:" + crypto::randomToken(12), kUpstream, "reply", std::to_string(chatId), payload.dump(),
                  now, now + kReplyLifetime, 0, ""};
    if (const Submitted submitted = deps_.dispatcher.submit(job); submitted.status == SubmitStatus::Failed) {
        telemetry::log(telemetry::LogLevel::Warn, "telegram_reply_failed",
                       {{"chat_id", chatId}, {"detail", submitted.detail}});
    }
}

void TelegramBotChannel::codeRetired(const std::string& requestId) {
    if (!deps_.dispatcher.runSoon(deleteJobId(requestId))) {
        // No deletion yet: the code message may be on its way right now.
        std::lock_guard lock(retiredMutex_);
        retired_.push_back(requestId);
        if (retired_.size() > kRememberRetired) {
            retired_.pop_front();
        }
    }
    if (auto dropped = deps_.links.dropPending(requestId); !dropped) {
        telemetry::log(telemetry::LogLevel::Warn, "telegram_pending_drop_failed",
                       {{"request_id", requestId}, {"detail", dropped.error().detail}});
    }
}

std::string TelegramBotChannel::username() {
    std::lock_guard lock(usernameMutex_);
    if (username_.empty()) {
        auto me = deps_.api.getMe();
        if (!me) {
            telemetry::log(telemetry::LogLevel::Warn, "telegram_get_me_failed", {{"detail", runResultOf(me.error()).detail}});
            return "";
        }
        username_ = me.value();
    }
    return username_;
}

std::vector<Lane> TelegramBotChannel::lanes(double perSecond, std::chrono::milliseconds perChatInterval) {
    auto run = [this](const Job& job) { return this->run(job); };
    auto finished = [this](const Job& job, const RunResult& result) { this->finished(job, result); };
    return {Lane{kUpstream, perSecond, perChatInterval, run, finished},
            Lane{kDeleteUpstream, perSecond, std::chrono::milliseconds(0), run, finished}};
}

RunResult TelegramBotChannel::run(const Job& job) {
    std::string plain = job.payload;
    if (job.kind == "send") {
        auto opened = deps_.sealer.open(job.payload);
        if (!opened) {
            return permanent("unreadable sealed payload: " + opened.error());
        }
        plain = std::move(opened).value();
    }
    const nlohmann::json payload = nlohmann::json::parse(plain, nullptr, false);
    const auto chatId = payload.is_object() ? integerField(payload, "chat_id") : std::nullopt;
    if (!chatId) {
        return permanent("malformed " + job.kind + " payload");
    }
    if (job.kind == "delete") {
        const auto messageId = integerField(payload, "message_id");
        if (!messageId) {
            return permanent("malformed delete payload");
        }
        auto deleted = deps_.api.deleteMessage(*chatId, *messageId);
        return deleted ? RunResult{RunOutcome::Done, {}, "", ""} : runResultOf(deleted.error());
    }
    if (job.kind != "send" && job.kind != "reply") {
        return permanent("unknown telegram job kind " + job.kind);
    }
    OutgoingMessage message{*chatId, payload.value("text", std::string()), job.kind == "send", nullptr};
    if (job.kind == "send" && payload.value("remove_keyboard", false)) {
        message.replyMarkup = {{"remove_keyboard", true}};
    } else if (payload.contains("reply_markup")) {
        message.replyMarkup = payload["reply_markup"];
    }
    return sendResult(deps_.api.sendMessage(message));
}

void TelegramBotChannel::finished(const Job& job, const RunResult& result) {
    if (job.kind == "send") {
        if (result.outcome == RunOutcome::Done) {
            afterSent(job, result.upstreamId);
        } else {
            report(job.requestId, DeliveryState::Failed, "", result.detail, true);
        }
        return;
    }
    if (result.outcome != RunOutcome::Done) {
        telemetry::log(telemetry::LogLevel::Warn, "telegram_job_failed",
                       {{"kind", job.kind}, {"chat_id", job.key}, {"detail", result.detail}});
    }
}

// Records the delivery and schedules the message's deletion for when the
// code expires; codeRetired() brings it forward when the code dies sooner.
void TelegramBotChannel::afterSent(const Job& job, const std::string& messageId) {
    report(job.requestId, DeliveryState::Sent, messageId, "", true);
    const auto chatId = parseId(job.key);
    const auto messageNumber = parseId(messageId);
    if (!chatId || !messageNumber) {
        return;  // not a job of ours: nothing to delete
    }
    const JobTime now = deps_.clock.now();
    JobTime dueAt = std::min(job.deadline, now + kDeleteWindow - kDeleteMargin);
    {
        std::lock_guard lock(retiredMutex_);
        if (std::find(retired_.begin(), retired_.end(), job.requestId) != retired_.end()) {
            dueAt = now;
        }
    }
    const nlohmann::json payload{{"chat_id", *chatId}, {"message_id", *messageNumber}};
    const Job deletion{deleteJobId(job.requestId), kDeleteUpstream, "delete", "", payload.dump(), dueAt,
                       now + kDeleteWindow, 0, job.requestId};
    if (!deps_.dispatcher.schedule(deletion)) {
        telemetry::log(telemetry::LogLevel::Error, "telegram_delete_schedule_failed", {{"request_id", job.requestId}});
    }
}

void TelegramBotChannel::report(const std::string& requestId, DeliveryState state, const std::string& upstreamId,
                                const std::string& detail, bool final) {
    if (deps_.report && !requestId.empty()) {
        deps_.report(DeliveryStatus{requestId, std::string(name()), state, upstreamId, detail, deps_.clock.now()}, final);
    }
}

}  // namespace sesame::server::delivery
