#pragma once
// What the Telegram bot remembers about incoming updates: which update_ids it
// has handled (Telegram redelivers after a slow or failed webhook answer) and,
// in polling mode, the getUpdates offset. Backends: memory (mock mode) and
// Redis (full mode), so neither a redelivery nor a restart handles an update twice.

#include "store/store_result.h"

#include <chrono>
#include <cstdint>
#include <optional>

namespace sesame::server::store {

class TelegramUpdateLog {
public:
    virtual ~TelegramUpdateLog() = default;

    // Claims `updateId`: true the first time (remembered for `keep`), false
    // when it was claimed before.
    virtual StoreResult<bool> claim(std::int64_t updateId, std::chrono::seconds keep) = 0;
    // Gives a claim back, when handling failed and the update should be handled when it comes again.
    virtual StoreResult<Done> release(std::int64_t updateId) = 0;

    // The getUpdates offset saved last (the next update_id to ask for), if any.
    virtual StoreResult<std::optional<std::int64_t>> offset() = 0;
    virtual StoreResult<Done> saveOffset(std::int64_t offset) = 0;
};

}  // namespace sesame::server::store
