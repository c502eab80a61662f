#pragma once
// Times on the wire: RFC 3339 UTC strings with whole seconds.

#include "services/clock.h"

#include <string>

namespace sesame::server {

// "2024-06-01T12:00:00Z"; sub-second parts are dropped (rounded down).
std::string formatRfc3339(TimePoint time);

}  // namespace sesame::server
