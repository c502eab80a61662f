-- pgbench: the PostgreSQL work of one POST /v1/otp (the "requested" audit
-- row, pg_audit_log.cpp, in its own transaction as the server writes it).
\set now 1760000000000000
BEGIN;
INSERT INTO audit_events (event, at, masked_phone, client_ip, device, user_id, session_id, request_id, detail)
VALUES ('requested', sesame_from_us(:now), '+7700***0000', '127.0.0.1', NULL, NULL, NULL,
        gen_random_uuid()::text, 'sms');
COMMIT;
