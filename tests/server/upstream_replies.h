#pragma once
// Upstream answers as HttpClient::call gives them, for the channel tests.

#include "delivery/upstream/http_client.h"

#include <string>

namespace sesame::server::testing {

inline contract::Expected<delivery::HttpReply, std::string> reply(int status, std::string body,
                                                                  delivery::HttpHeaders headers = {}) {
    return delivery::HttpReply{status, std::move(headers), std::move(body)};
}

// No answer at all: what a connect failure, a reset or a timeout gives.
inline contract::Expected<delivery::HttpReply, std::string> noReply(std::string why = "connect failed") {
    return contract::unexpected(std::move(why));
}

}  // namespace sesame::server::testing
