#pragma once
// A Lua script for EVALSHA: its source and SHA-1, computed once.

#include <string>

namespace sesame::server::store {

class LuaScript {
public:
    explicit LuaScript(std::string source);

    const std::string& source() const { return source_; }
    const std::string& sha1() const { return sha1_; }  // 40 lower-case hex digits, as Redis names it

private:
    std::string source_;
    std::string sha1_;
};

}  // namespace sesame::server::store
