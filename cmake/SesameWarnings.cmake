# Strict warnings for Sesame's own targets only; third-party headers are
# included as SYSTEM so their warnings never fail our build.
function(sesame_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(SESAME_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
