#pragma once
// The repo's openapi.json, embedded at build time (server-mock/cmake/embed_file.cmake).

#include <string_view>

namespace sesame::server::http {

// The bytes of openapi.json as of the build.
std::string_view openapiDocument();

}  // namespace sesame::server::http
