# Every third-party dependency, found once for the whole build.
find_package(nlohmann_json 3 REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(Boost 1.74 REQUIRED)     # header-only Beast/Asio (sesame-server)
find_package(OpenSSL 3 REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)  # PostgreSQL backends (sesame-server full mode)
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)  # sesame-server full mode

# libphonenumber ships neither a CMake config nor a .pc file.
find_library(PHONENUMBER_LIB phonenumber REQUIRED)
find_path(PHONENUMBER_INC phonenumbers/phonenumberutil.h REQUIRED)
add_library(Sesame_libphonenumber INTERFACE IMPORTED)
target_link_libraries(Sesame_libphonenumber INTERFACE ${PHONENUMBER_LIB})
target_include_directories(Sesame_libphonenumber SYSTEM INTERFACE ${PHONENUMBER_INC})

# The client SDK (Sesame::Sdk) and its QML modules.
if(SESAME_BUILD_SDK)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Core Network Qml Quick QuickControls2 Test QuickTest LinguistTools)
  find_package(Qt6Keychain REQUIRED)  # Qt6Keychain::Qt6Keychain, <qt6keychain/keychain.h>
endif()

if(SESAME_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()
