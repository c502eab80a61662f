-- pgbench: the PostgreSQL work of one POST /v1/token/refresh (rotateRefresh
-- in store/postgres/pg_account_store.cpp, then the audit row), with the
-- server's statements. Each client rotates tokens of its own session, as
-- each benchmark connection does. Needs pg/setup.sql.
\set c :client_id % 16
\set k random(1, 20000)
\set next random(1, 1000000000000)
\set now 1760000000000000
\set refresh_exp :now + 2592000000000
\set access_exp :now + 900000000
BEGIN;
SELECT r.token_hash, r.session_id AS session_id, sesame_to_us(r.issued_at), sesame_to_us(r.expires_at), r.access_jti,
       sesame_to_us(r.access_iat), sesame_to_us(r.access_exp), sesame_to_us(r.rotated_at), r.successor_hash,
       s.id, s.user_id, s.shop_id, s.device_name, s.device_platform, sesame_to_us(s.created_at),
       sesame_to_us(s.last_seen_at), sesame_to_us(s.expires_at), sesame_to_us(s.revoked_at),
       u.id, u.phone, u.name, sesame_to_us(u.created_at),
       sh.id, sh.owner_id, sh.name, sh.language, sh.currency, sh.plan, sesame_to_us(sh.created_at)
FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
JOIN users u ON u.id = s.user_id JOIN shops sh ON sh.id = s.shop_id
WHERE r.token_hash = 'bench-' || :c || '-' || :k FOR UPDATE OF r FOR NO KEY UPDATE OF s \gset
WITH r AS (
    INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at, access_jti, access_iat, access_exp)
    VALUES ('next-' || :c || '-' || :next, :session_id, sesame_from_us(:now), sesame_from_us(:refresh_exp),
            gen_random_uuid()::text, sesame_from_us(:now), sesame_from_us(:access_exp)) RETURNING *),
presented AS (
    UPDATE refresh_tokens SET rotated_at = sesame_from_us(:now), successor_hash = 'next-' || :c || '-' || :next
    WHERE token_hash = 'bench-' || :c || '-' || :k),
s AS (
    UPDATE sessions SET last_seen_at = sesame_from_us(:now), expires_at = sesame_from_us(:refresh_exp)
    WHERE id = :session_id RETURNING *)
SELECT r.token_hash, r.session_id, sesame_to_us(r.issued_at), sesame_to_us(r.expires_at), r.access_jti,
       sesame_to_us(r.access_iat), sesame_to_us(r.access_exp),
       s.id, s.user_id, s.shop_id, s.device_name, s.device_platform, sesame_to_us(s.created_at),
       sesame_to_us(s.last_seen_at), sesame_to_us(s.expires_at), sesame_to_us(s.revoked_at) FROM r, s;
COMMIT;
BEGIN;
INSERT INTO audit_events (event, at, masked_phone, client_ip, device, user_id, session_id, request_id, detail)
VALUES ('refreshed', sesame_from_us(:now), '+7709***0000', '127.0.0.1', 'bench (linux)',
        '00000000-0000-4000-8000-000000000000', :session_id, NULL, 'rotated');
COMMIT;
