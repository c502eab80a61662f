# Sources of the domain layers (api handlers, services, stores, crypto,
# delivery, app wiring), appended to sesame_server_core. Paths are relative
# to server-mock/. Owned by the domain side; the HTTP core lists its own files
# in server-mock/CMakeLists.txt.
set(SESAME_SERVER_DOMAIN_SOURCES
  src/api/bearer.cpp
  src/api/me_routes.cpp
  src/api/mock_routes.cpp
  src/api/otp_routes.cpp
  src/api/session_routes.cpp
  src/api/token_routes.cpp
  src/app/application.cpp
  src/app/backends.cpp
  src/crypto/base64url.cpp
  src/crypto/constant_time.cpp
  src/crypto/ed25519_key.cpp
  src/crypto/hmac.cpp
  src/crypto/jwks.cpp
  src/crypto/jwt.cpp
  src/crypto/random.cpp
  src/delivery/channel.cpp
  src/delivery/log_channel.cpp
  src/delivery/message_text.cpp
  src/delivery/outbox_channel.cpp
  src/services/audit.cpp
  src/services/auth_metrics.cpp
  src/services/otp_service.cpp
  src/services/profile_service.cpp
  src/services/rate_limiter.cpp
  src/services/rfc3339.cpp
  src/services/service_result.cpp
  src/services/session_service.cpp
  src/services/token_service.cpp
  src/services/wire_mapping.cpp
  src/store/audit_log.cpp
  src/store/memory/memory_account_store.cpp
  src/store/memory/memory_audit_log.cpp
  src/store/memory/memory_otp_store.cpp
  src/store/memory/memory_rate_limit_store.cpp
)
