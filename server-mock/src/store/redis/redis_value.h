#pragma once
// A Redis reply as a plain value, so that only redis_connection.cpp sees hiredis.

#include <string>
#include <vector>

namespace sesame::server::store {

struct RedisValue {
    enum class Kind { Nil, Integer, String, Status, Error, Array };

    Kind kind = Kind::Nil;
    long long integer = 0;            // Kind::Integer
    std::string text;                 // Kind::String, Status and Error
    std::vector<RedisValue> elements;  // Kind::Array
};

}  // namespace sesame::server::store
