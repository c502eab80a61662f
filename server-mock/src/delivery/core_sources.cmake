# delivery core: HTTP client, sealed payloads, job queue (memory, Redis), dispatcher, policy, status.
# Included from server-mock/CMakeLists.txt; owned by the delivery-core work.
target_sources(sesame_server_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/../api/delivery_routes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../crypto/sealed_box.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../store/redis/redis_delivery_status_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../store/redis/redis_job_queue.cpp
  ${CMAKE_CURRENT_LIST_DIR}/channel_policy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/delivery_status.cpp
  ${CMAKE_CURRENT_LIST_DIR}/memory_delivery_status_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/queue/dispatcher.cpp
  ${CMAKE_CURRENT_LIST_DIR}/queue/lane_runner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/queue/memory_job_queue.cpp
  ${CMAKE_CURRENT_LIST_DIR}/queue/pacer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/status_recorder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/upstream/form.cpp
  ${CMAKE_CURRENT_LIST_DIR}/upstream/http_client.cpp
  ${CMAKE_CURRENT_LIST_DIR}/upstream/url.cpp
)
# https to the real upstreams (Boost.Asio SSL).
target_link_libraries(sesame_server_core PRIVATE OpenSSL::SSL)
