#pragma once
// Store records in their wire form (sdk/contract types).

#include "services/clock.h"
#include "store/account_store.h"

#include <sesame/contract/messages.h>

namespace sesame::server {

contract::User toWire(const store::UserRecord& user);
contract::Shop toWire(const store::ShopRecord& shop);
// A session as GET /v1/me shows it (no last_seen_at, no current).
contract::SessionInfo toWire(const store::SessionRecord& session);

// "name (platform)" for the audit log, or "" without a device.
std::string deviceLabel(const std::optional<contract::Device>& device);

// Whole seconds from `now` until `until`, rounded up and never negative.
int secondsUntil(TimePoint until, TimePoint now);

}  // namespace sesame::server
