# store/redis: the Redis backends of full mode (hiredis), added to
# sesame_server_core. Included from server-mock/CMakeLists.txt.
target_sources(sesame_server_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/lua_script.cpp
  ${CMAKE_CURRENT_LIST_DIR}/redis_codec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/redis_connection.cpp
  ${CMAKE_CURRENT_LIST_DIR}/redis_otp_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/redis_pool.cpp
  ${CMAKE_CURRENT_LIST_DIR}/redis_rate_limit_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/redis_url.cpp
)
target_link_libraries(sesame_server_core PRIVATE PkgConfig::HIREDIS)
