# Strict warnings for Sesame's own targets only; third-party headers are
# included as SYSTEM so their warnings never fail our build.
function(sesame_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  # GCC 12 at -O3 reports false -Wrestrict overlaps inside std::string's
  # operator+ (GCC bug 105651), so optimised builds would not build.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE $<$<CONFIG:Release,RelWithDebInfo>:-Wno-restrict>)
  endif()
  if(SESAME_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
