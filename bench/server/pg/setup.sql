-- Rows for pg/me.sql and pg/refresh.sql: one user with a shop, 16 sessions
-- (one per pgbench client, ids ...-8000-0000000000CC) and 20,000 unrotated
-- refresh tokens per session, named 'bench-<client>-<k>'.
INSERT INTO users (id, phone, name, created_at)
VALUES ('00000000-0000-4000-8000-000000000000', '+77090000000000', 'bench', now());
INSERT INTO shops (id, owner_id, name, language, currency, plan, created_at)
VALUES ('00000000-0000-4000-8000-100000000000', '00000000-0000-4000-8000-000000000000', 'bench', 'ru', 'KZT', 'free',
        now());
INSERT INTO sessions (id, user_id, shop_id, device_name, device_platform, created_at, last_seen_at, expires_at)
SELECT ('00000000-0000-4000-8000-' || lpad(c::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000000',
       '00000000-0000-4000-8000-100000000000', 'bench', 'linux', now(), now(), now() + interval '30 days'
FROM generate_series(0, 15) AS c;
INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at, access_jti, access_iat, access_exp)
SELECT 'bench-' || c || '-' || k, ('00000000-0000-4000-8000-' || lpad(c::text, 12, '0'))::uuid, now(),
       now() + interval '30 days', 'jti', now(), now() + interval '15 minutes'
FROM generate_series(0, 15) AS c, generate_series(1, 20000) AS k;
ANALYZE;
