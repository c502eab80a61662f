#include "services/wire_mapping.h"

#include "services/rfc3339.h"

#include <algorithm>
#include <limits>

namespace sesame::server {

contract::User toWire(const store::UserRecord& user) {
    return contract::User{user.id, user.phone, user.name, formatRfc3339(user.createdAt)};
}

contract::Shop toWire(const store::ShopRecord& shop) {
    return contract::Shop{shop.id, shop.name, shop.language, shop.currency, shop.plan};
}

contract::SessionInfo toWire(const store::SessionRecord& session) {
    return contract::SessionInfo{session.id, session.device, formatRfc3339(session.createdAt), std::nullopt,
                                 std::nullopt};
}

std::string deviceLabel(const std::optional<contract::Device>& device) {
    return device ? device->name + " (" + device->platform + ")" : std::string();
}

int secondsUntil(TimePoint until, TimePoint now) {
    if (until <= now) {
        return 0;
    }
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(until - now).count();
    return static_cast<int>(std::min<long long>(seconds, std::numeric_limits<int>::max()));
}

}  // namespace sesame::server
