#include "delivery/telegram/update_handler.h"

#include "telemetry/log.h"

#include <sesame/contract/phone.h>

#include <algorithm>
#include <optional>
#include <string_view>

namespace sesame::server::delivery {
namespace {

using namespace std::chrono_literals;

// Telegram keeps an unconfirmed update for 24 hours; a redelivery comes within that.
constexpr auto kRememberUpdates = std::chrono::seconds(24h);
// Deep-link parameters: up to 64 of A-Z, a-z, 0-9, _ and -
// (https://core.telegram.org/bots/features#deep-linking).
constexpr std::size_t kMaxNonce = 64;

const char* const kAskContact = "Tap the button below to share your phone number and receive your Sesame code.";
const char* const kShareButton = "Share my phone number";
const char* const kNoNonce = "Open the sign-in link from the Sesame app to receive your code here.";
const char* const kExpired = "This link has expired. Ask the Sesame app for a new code.";
const char* const kNotOwn = "Please share your own phone number with the button below.";
const char* const kForwarded = "Forwarded contacts are not accepted. Please use the button below.";
const char* const kMismatch = "This phone number does not match the one entered in the Sesame app.";
const char* const kNotSent = "Sorry, your code could not be sent. Ask the Sesame app for a new code.";
const char* const kUnlinked = "This chat will no longer receive Sesame codes.";
const char* const kNotLinked = "This chat is not linked to any phone number.";

std::optional<std::int64_t> integerAt(const nlohmann::json& object, const char* name) {
    if (!object.is_object()) {
        return std::nullopt;
    }
    const auto found = object.find(name);
    return found != object.end() && found->is_number_integer() ? std::optional(found->get<std::int64_t>())
                                                               : std::nullopt;
}

std::string textAt(const nlohmann::json& object, const char* name) {
    const auto found = object.find(name);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// Bot API 7.0 marks forwards with forward_origin; older servers with forward_from*/forward_date.
bool forwarded(const nlohmann::json& message) {
    static const char* const kMarks[] = {"forward_origin", "forward_from", "forward_from_chat", "forward_date",
                                         "forward_sender_name"};
    return std::any_of(std::begin(kMarks), std::end(kMarks), [&](const char* mark) { return message.contains(mark); });
}

bool validNonce(std::string_view nonce) {
    return !nonce.empty() && nonce.size() <= kMaxNonce && std::all_of(nonce.begin(), nonce.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

// "/start@sesame_bot abc" -> {"/start", "abc"}.
std::pair<std::string, std::string> splitCommand(const std::string& text) {
    const std::size_t space = text.find_first_of(" \n\t");
    std::string command = text.substr(0, space);
    command = command.substr(0, command.find('@'));
    std::string args = space == std::string::npos ? "" : text.substr(space + 1);
    args.erase(0, args.find_first_not_of(" \n\t"));
    args.erase(args.find_last_not_of(" \n\t") + 1);
    return {command, args};
}

// Telegram sends contact phones as digits without '+' ("77011234567").
std::string contactPhone(const nlohmann::json& contact) {
    std::string phone = textAt(contact, "phone_number");
    if (!phone.empty() && phone.front() != '+') {
        phone.insert(phone.begin(), '+');
    }
    const auto normalized = contract::normalizePhone(phone);
    return normalized ? normalized.value() : std::string();
}

nlohmann::json contactKeyboard() {
    return {{"keyboard", {{{{"text", kShareButton}, {"request_contact", true}}}}},
            {"one_time_keyboard", true},
            {"resize_keyboard", true}};
}

}  // namespace

TelegramUpdateHandler::TelegramUpdateHandler(TelegramBotChannel& bot, store::TelegramLinkStore& links,
                                             store::TelegramUpdateLog& log, const Clock& clock)
    : bot_(bot), links_(links), log_(log), clock_(clock) {}

UpdateOutcome TelegramUpdateHandler::handle(const nlohmann::json& update) {
    const auto updateId = integerAt(update, "update_id");
    if (!updateId) {
        return UpdateOutcome::Ignored;
    }
    auto claimed = log_.claim(*updateId, kRememberUpdates);
    if (!claimed) {
        return UpdateOutcome::Retry;
    }
    if (!claimed.value()) {
        return UpdateOutcome::Duplicate;
    }
    const auto message = update.find("message");
    const UpdateOutcome outcome =
        message != update.end() && message->is_object() ? handleMessage(*message) : UpdateOutcome::Ignored;
    if (outcome == UpdateOutcome::Retry) {
        (void)log_.release(*updateId);
    }
    return outcome;
}

UpdateOutcome TelegramUpdateHandler::handleMessage(const nlohmann::json& message) {
    const auto chat = message.find("chat");
    const auto chatId = chat != message.end() ? integerAt(*chat, "id") : std::nullopt;
    if (!chatId || textAt(*chat, "type") != "private" || !integerAt(message.value("from", nlohmann::json()), "id")) {
        return UpdateOutcome::Ignored;
    }
    if (message.contains("contact")) {
        return contact(*chatId, message);
    }
    const std::string text = textAt(message, "text");
    if (forwarded(message) || text.empty() || text.front() != '/') {
        return UpdateOutcome::Ignored;
    }
    const auto [command, args] = splitCommand(text);
    if (command == "/start") {
        return start(*chatId, args);
    }
    if (command == "/stop") {
        return stop(*chatId);
    }
    return UpdateOutcome::Ignored;
}

UpdateOutcome TelegramUpdateHandler::start(std::int64_t chatId, const std::string& nonce) {
    if (nonce.empty()) {
        bot_.reply(chatId, kNoNonce, nullptr);
        return UpdateOutcome::Handled;
    }
    bool attached = false;
    if (validNonce(nonce)) {
        auto result = links_.attachChat(nonce, chatId, clock_.now());
        if (!result) {
            return UpdateOutcome::Retry;
        }
        attached = result.value();
    }
    bot_.reply(chatId, attached ? kAskContact : kExpired, attached ? contactKeyboard() : nlohmann::json());
    return UpdateOutcome::Handled;
}

UpdateOutcome TelegramUpdateHandler::stop(std::int64_t chatId) {
    auto unlinked = links_.unlinkChat(chatId);
    if (!unlinked) {
        return UpdateOutcome::Retry;
    }
    if (unlinked.value()) {
        telemetry::log(telemetry::LogLevel::Info, "telegram_unlinked", {{"chat_id", chatId}});
    }
    bot_.reply(chatId, unlinked.value() ? kUnlinked : kNotLinked, {{"remove_keyboard", true}});
    return UpdateOutcome::Handled;
}

UpdateOutcome TelegramUpdateHandler::contact(std::int64_t chatId, const nlohmann::json& message) {
    const auto& card = message["contact"];
    const auto from = integerAt(message["from"], "id");
    if (forwarded(message)) {
        return refuse(chatId, kForwarded, "forwarded");
    }
    if (!card.is_object() || integerAt(card, "user_id") != from || from != chatId) {
        return refuse(chatId, kNotOwn, "not_own_contact");
    }
    auto pending = links_.pendingForChat(chatId, clock_.now());
    if (!pending) {
        return UpdateOutcome::Retry;
    }
    if (!pending.value()) {
        bot_.reply(chatId, kNoNonce, {{"remove_keyboard", true}});
        return UpdateOutcome::Handled;
    }
    const store::TelegramPendingLink& link = *pending.value();
    const std::string phone = contactPhone(card);
    if (phone.empty() || phone != link.phone) {
        return refuse(chatId, kMismatch, "phone_mismatch");
    }
    if (!links_.link(phone, chatId, clock_.now())) {
        return UpdateOutcome::Retry;
    }
    telemetry::log(telemetry::LogLevel::Info, "telegram_linked",
                   {{"chat_id", chatId}, {"phone", contract::maskPhone(phone)}, {"request_id", link.requestId}});
    if (auto dropped = links_.dropPending(link.requestId); !dropped) {
        telemetry::log(telemetry::LogLevel::Warn, "telegram_pending_drop_failed", {{"request_id", link.requestId}});
    }
    if (!bot_.deliverLinked(link, chatId)) {
        bot_.reply(chatId, kNotSent, {{"remove_keyboard", true}});
    }
    return UpdateOutcome::Handled;
}

UpdateOutcome TelegramUpdateHandler::refuse(std::int64_t chatId, const std::string& why, const char* reason) {
    telemetry::log(telemetry::LogLevel::Info, "telegram_link_refused", {{"chat_id", chatId}, {"reason", reason}});
    bot_.reply(chatId, why, nullptr);
    return UpdateOutcome::Handled;
}

}  // namespace sesame::server::delivery
