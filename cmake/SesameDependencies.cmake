# Every third-party dependency, found once for the whole build.
find_package(nlohmann_json 3 REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(Boost 1.74 REQUIRED)     # header-only Beast/Asio (sesame-server)
find_package(OpenSSL 3 REQUIRED)
find_package(Threads REQUIRED)

# libphonenumber ships neither a CMake config nor a .pc file.
find_library(PHONENUMBER_LIB phonenumber REQUIRED)
find_path(PHONENUMBER_INC phonenumbers/phonenumberutil.h REQUIRED)
add_library(Sesame_libphonenumber INTERFACE IMPORTED)
target_link_libraries(Sesame_libphonenumber INTERFACE ${PHONENUMBER_LIB})
target_include_directories(Sesame_libphonenumber SYSTEM INTERFACE ${PHONENUMBER_INC})

if(SESAME_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
  pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
  pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)
endif()
