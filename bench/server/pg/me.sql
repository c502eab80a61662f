-- pgbench: the PostgreSQL work of one GET /v1/me: the bearer's session
-- (findSession), then the account view (findAccount), one read transaction
-- each, with the server's statements. Needs pg/setup.sql.
\set c :client_id % 16
BEGIN;
SELECT s.id, s.user_id, s.shop_id, s.device_name, s.device_platform, sesame_to_us(s.created_at),
       sesame_to_us(s.last_seen_at), sesame_to_us(s.expires_at), sesame_to_us(s.revoked_at)
FROM sessions s WHERE s.id = ('00000000-0000-4000-8000-' || lpad(:c::text, 12, '0'))::uuid;
COMMIT;
BEGIN;
SELECT s.id, s.user_id, s.shop_id, s.device_name, s.device_platform, sesame_to_us(s.created_at),
       sesame_to_us(s.last_seen_at), sesame_to_us(s.expires_at), sesame_to_us(s.revoked_at),
       u.id, u.phone, u.name, sesame_to_us(u.created_at),
       sh.id, sh.owner_id, sh.name, sh.language, sh.currency, sh.plan, sesame_to_us(sh.created_at)
FROM sessions s JOIN users u ON u.id = s.user_id JOIN shops sh ON sh.id = s.shop_id
WHERE s.id = ('00000000-0000-4000-8000-' || lpad(:c::text, 12, '0'))::uuid
  AND s.user_id = '00000000-0000-4000-8000-000000000000';
COMMIT;
