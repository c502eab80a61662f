#pragma once
// Who is calling, as the audit log records it.

#include <string>

namespace sesame::server {

struct ClientContext {
    std::string ip;         // after trusted-proxy resolution
    std::string requestId;  // the HTTP request id (X-Request-Id), for log correlation
};

}  // namespace sesame::server
