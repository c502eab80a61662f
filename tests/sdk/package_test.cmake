# cmake -P: installs the `sdk` component of a Sesame build into a fresh
# prefix, then configures, builds and runs tests/sdk/consumer against that
# prefix alone, with the build's compiler and flags (so ASan builds link).
# Variables: BUILD_DIR CONSUMER_DIR WORK_DIR GENERATOR BUILD_TYPE
# CXX_COMPILER LAUNCHER CXX_FLAGS LINKER_FLAGS.
cmake_minimum_required(VERSION 3.25)

foreach(required BUILD_DIR CONSUMER_DIR WORK_DIR GENERATOR)
  if(NOT ${required})
    message(FATAL_ERROR "${required} is not set")
  endif()
endforeach()

# Runs a command; its output is shown only when it fails.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT result EQUAL 0)
    string(REPLACE ";" " " command "${ARGN}")
    message(FATAL_ERROR "failed (${result}): ${command}\n${output}")
  endif()
endfunction()

set(prefix "${WORK_DIR}/prefix")
file(REMOVE_RECURSE "${WORK_DIR}")
run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --component sdk --prefix "${prefix}")

# The SDK and nothing else: no private header, no server, no test.
file(GLOB_RECURSE installed RELATIVE "${prefix}" "${prefix}/*")
foreach(expected include/sesame/auth_client.h include/sesame/version.h include/sesame/contract/messages.h
                 lib/cmake/Sesame/SesameConfig.cmake lib/qml/Sesame/qmldir lib/qml/Sesame/Controls/qmldir)
  if(NOT expected IN_LIST installed)
    message(FATAL_ERROR "not installed: ${expected}")
  endif()
endforeach()
foreach(file IN LISTS installed)
  if(file MATCHES "_p\\.h$|sesame-server|tst_|/src/")
    message(FATAL_ERROR "installed but not part of the SDK: ${file}")
  endif()
endforeach()

run("${CMAKE_COMMAND}" -S "${CONSUMER_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
  "-DCMAKE_PREFIX_PATH=${prefix}"
  "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
  "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
  "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}"
  "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
  "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
execute_process(COMMAND "${WORK_DIR}/build/sesame_consumer" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the consumer failed (${result})")
endif()
