-- pgbench: the PostgreSQL work of one POST /v1/otp/verify of a new user
-- (store/postgres/pg_account_store.cpp signIn, then pg_audit_log.cpp append):
-- one transaction creating user + shop + session + refresh token, then the
-- audit row in a transaction of its own, with the server's statements.
\set n random(1, 999999999)
\set now 1760000000000000
\set refresh_exp :now + 2592000000000
\set access_exp :now + 900000000
BEGIN;
WITH new_user AS (
    INSERT INTO users (id, phone, name, created_at) VALUES (gen_random_uuid(), '+7709' || :n, NULL, sesame_from_us(:now))
    ON CONFLICT (phone) DO NOTHING RETURNING id)
INSERT INTO shops (id, owner_id, name, language, currency, plan, created_at)
SELECT gen_random_uuid(), id, NULL::text, 'ru', 'KZT', 'free', sesame_from_us(:now) FROM new_user RETURNING id;
SELECT u.id AS user_id, sh.id AS shop_id, u.phone, u.name, sesame_to_us(u.created_at), sh.owner_id, sh.name,
       sh.language, sh.currency, sh.plan, sesame_to_us(sh.created_at)
FROM users u JOIN shops sh ON sh.owner_id = u.id WHERE u.phone = '+7709' || :n \gset
WITH s AS (
    INSERT INTO sessions (id, user_id, shop_id, device_name, device_platform, created_at, last_seen_at, expires_at,
                          revoked_at)
    VALUES (gen_random_uuid(), :user_id, :shop_id, 'bench', 'linux', sesame_from_us(:now), sesame_from_us(:now),
            sesame_from_us(:refresh_exp), sesame_from_us(NULL)) RETURNING *),
r AS (
    INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at, access_jti, access_iat, access_exp)
    SELECT md5(random()::text) || md5(random()::text), id, sesame_from_us(:now),
           sesame_from_us(:refresh_exp), gen_random_uuid()::text, sesame_from_us(:now),
           sesame_from_us(:access_exp) FROM s)
SELECT s.id, s.user_id, s.shop_id, s.device_name, s.device_platform, sesame_to_us(s.created_at),
       sesame_to_us(s.last_seen_at), sesame_to_us(s.expires_at), sesame_to_us(s.revoked_at) FROM s;
COMMIT;
BEGIN;
INSERT INTO audit_events (event, at, masked_phone, client_ip, device, user_id, session_id, request_id, detail)
VALUES ('verified', sesame_from_us(:now), '+7709***0000', '127.0.0.1', 'bench (linux)', :user_id, NULL,
        gen_random_uuid()::text, 'new_user');
COMMIT;
