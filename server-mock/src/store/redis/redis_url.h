#pragma once
// Where the Redis server is: the parsed form of --redis-url / SESAME_REDIS_URL.

#include <sesame/contract/expected.h>

#include <string>
#include <string_view>

namespace sesame::server::store {

struct RedisEndpoint {
    std::string host = "127.0.0.1";  // a name, an IPv4 address or an IPv6 address without brackets
    int port = 6379;
    std::string user;      // AUTH user password (Redis 6 ACL) when set
    std::string password;  // empty: no AUTH
    int db = 0;            // SELECTed on every new connection

    bool operator==(const RedisEndpoint&) const = default;
};

// Parses redis://[[user]:password@]host[:port][/db]; user and password may be
// percent-encoded, an IPv6 host goes in brackets. The error says what is wrong
// and never repeats the password.
contract::Expected<RedisEndpoint, std::string> parseRedisUrl(std::string_view url);

}  // namespace sesame::server::store
