# Writes OUTPUT, a C++ file defining `std::string_view SYMBOL()` (in NAMESPACE)
# that returns the bytes of INPUT. Run with `cmake -P` at build time so the
# binary always carries the current file.
foreach(var INPUT OUTPUT HEADER NAMESPACE SYMBOL)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "embed_file.cmake: ${var} is not set")
  endif()
endforeach()

file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
# One byte per "0xNN," and a line break every 16 bytes keep the file readable.
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n" bytes "${bytes}")

file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT} by embed_file.cmake; do not edit.
#include \"${HEADER}\"

namespace ${NAMESPACE} {
namespace {
// A trailing zero keeps the array non-empty when the file is.
constexpr unsigned char kBytes[] = {
${bytes}0x00};
}  // namespace

std::string_view ${SYMBOL}() {
    return {reinterpret_cast<const char*>(kBytes), ${size}};
}

}  // namespace ${NAMESPACE}
")
# Touch OUTPUT only when its content changes, so dependants are not rebuilt needlessly.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
