#pragma once
// Blocking HTTP/1.1 calls to delivery upstreams (Telegram, Twilio, MSG91),
// over http:// (the fakes in tests) or https:// (the real services: system CA
// store, host name verified, SNI). One call, one connection; every call has
// a deadline. The client never logs: URLs and bodies hold tokens and codes.

#include <sesame/contract/expected.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sesame::server::delivery {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpCall {
    std::string method = "POST";
    std::string url;  // absolute http:// or https:// URL, query included
    HttpHeaders headers;
    std::string body;
    std::chrono::milliseconds timeout{10000};  // connect + send + whole answer
};

struct HttpReply {
    int status = 0;
    HttpHeaders headers;
    std::string body;
    // The first header named `name` (case-insensitive), or "".
    std::string header(std::string_view name) const;
};

class HttpClient {
public:
    virtual ~HttpClient() = default;
    // The upstream's answer, whatever its status; an error sentence (no URL,
    // no body) when there is none: bad URL, DNS, connect, TLS, timeout, reset.
    virtual contract::Expected<HttpReply, std::string> call(const HttpCall& call) = 0;
};

std::unique_ptr<HttpClient> makeHttpClient();

// application/x-www-form-urlencoded of `fields`, in order (Twilio, setWebhook).
std::string formEncode(const std::vector<std::pair<std::string, std::string>>& fields);
// Percent-decodes a form body into its fields, in order; nullopt-like error on bad encoding.
contract::Expected<std::vector<std::pair<std::string, std::string>>, std::string> formDecode(std::string_view body);

}  // namespace sesame::server::delivery
