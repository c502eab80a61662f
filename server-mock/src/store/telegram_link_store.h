#pragma once
// Which Telegram chat receives a phone's codes, and the links a user has been
// offered but not completed yet (POST /v1/otp answered "telegram_link").
// Backends: memory (mock mode) and PostgreSQL (full mode, tables
// telegram_links and telegram_pending_links).

#include "store/store_result.h"

#include <cstdint>
#include <optional>
#include <string>

namespace sesame::server::store {

// A deep link t.me/<bot>?start=<nonce> waiting for the user to prove the phone.
struct TelegramPendingLink {
    std::string nonce;          // 128 random bits, base64url
    std::string phone;          // E.164
    std::string requestId;      // the OTP request whose code follows the link
    std::string sealedText;     // the code message's text, sealed (crypto/sealed_box.h)
    std::int64_t chatId = 0;    // the private chat that sent "/start <nonce>"; 0 until then
    TimePoint expiresAt;        // the code's expiry
    bool operator==(const TelegramPendingLink&) const = default;
};

class TelegramLinkStore {
public:
    virtual ~TelegramLinkStore() = default;

    // The chat linked to `phone`, if any.
    virtual StoreResult<std::optional<std::int64_t>> chatFor(const std::string& phone) = 0;
    // Links `phone` to `chatId`, replacing any earlier link of the phone or the chat.
    virtual StoreResult<Done> link(const std::string& phone, std::int64_t chatId, TimePoint at) = 0;
    // Removes the chat's link; false when it had none.
    virtual StoreResult<bool> unlinkChat(std::int64_t chatId) = 0;

    // Stores `pending` (chatId 0); forgets pending links that expired by `now`.
    virtual StoreResult<Done> addPending(const TelegramPendingLink& pending, TimePoint now) = 0;
    // Binds the unexpired pending link `nonce` to `chatId`, unbinding any other
    // link from that chat; false when there is no such link.
    virtual StoreResult<bool> attachChat(const std::string& nonce, std::int64_t chatId, TimePoint now) = 0;
    // The unexpired pending link bound to `chatId`, if any.
    virtual StoreResult<std::optional<TelegramPendingLink>> pendingForChat(std::int64_t chatId, TimePoint now) = 0;
    // Forgets the pending links of `requestId` (linked, or the code retired).
    virtual StoreResult<Done> dropPending(const std::string& requestId) = 0;
};

}  // namespace sesame::server::store
