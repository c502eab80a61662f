#pragma once
// The files of server-mock/migrations/, compiled in by sources.cmake (one
// generated source per file and an index of them).

#include <string_view>
#include <utility>
#include <vector>

namespace sesame::server::store::embedded {

// Every server-mock/migrations/*.sql as (file name, text), in file name order.
std::vector<std::pair<std::string_view, std::string_view>> migrationFiles();

}  // namespace sesame::server::store::embedded
