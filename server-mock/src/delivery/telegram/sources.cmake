# delivery/telegram: the Telegram bot channel, linking, webhook and polling,
# with its stores (links: memory/PostgreSQL; processed updates and the polling
# offset: memory/Redis) and route. Included from server-mock/CMakeLists.txt.
set(_sesame_src "${CMAKE_CURRENT_LIST_DIR}/../..")
target_sources(sesame_server_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/bot_api.cpp
  ${CMAKE_CURRENT_LIST_DIR}/poller.cpp
  ${CMAKE_CURRENT_LIST_DIR}/telegram_bot_channel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/telegram_setup.cpp
  ${CMAKE_CURRENT_LIST_DIR}/update_handler.cpp
  ${_sesame_src}/api/telegram_routes.cpp
  ${_sesame_src}/store/memory/memory_telegram_link_store.cpp
  ${_sesame_src}/store/memory/memory_telegram_update_log.cpp
  ${_sesame_src}/store/postgres/pg_telegram_link_store.cpp
  ${_sesame_src}/store/redis/redis_telegram_update_log.cpp
)
