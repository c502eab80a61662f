# delivery/sms and delivery/telegram_gateway: the Twilio, MSG91 and Telegram
# Gateway channels and their delivery-report callbacks, added to
# sesame_server_core. Included from server-mock/CMakeLists.txt.
target_sources(sesame_server_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/../../api/delivery_callback_routes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/msg91_api.cpp
  ${CMAKE_CURRENT_LIST_DIR}/msg91_channel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sms_setup.cpp
  ${CMAKE_CURRENT_LIST_DIR}/twilio_api.cpp
  ${CMAKE_CURRENT_LIST_DIR}/twilio_channel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/twilio_signature.cpp
  ${CMAKE_CURRENT_LIST_DIR}/upstream_channel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/upstream_support.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../telegram_gateway/gateway_api.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../telegram_gateway/gateway_report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../telegram_gateway/telegram_gateway_channel.cpp
)
