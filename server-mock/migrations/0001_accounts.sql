-- Users, their shops, sessions, refresh tokens and consent records
-- (store/postgres/pg_account_store.cpp).
--
-- The server hands times over as microseconds since the Unix epoch (bigint),
-- so no conversion depends on the session's TimeZone or DateStyle.

CREATE FUNCTION sesame_from_us(us bigint) RETURNS timestamptz
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN timestamptz 'epoch' + us * interval '1 microsecond';

CREATE FUNCTION sesame_to_us(at timestamptz) RETURNS bigint
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN (extract(epoch FROM at) * 1000000)::bigint;

CREATE TABLE users (
    id         uuid PRIMARY KEY,
    phone      text NOT NULL UNIQUE,          -- E.164; the sign-in lookup
    name       text,                          -- NULL until registration is completed
    created_at timestamptz NOT NULL
);

-- The tenant: exactly one per user in v1.
CREATE TABLE shops (
    id         uuid PRIMARY KEY,
    owner_id   uuid NOT NULL UNIQUE REFERENCES users (id),
    name       text,
    language   text NOT NULL,
    currency   text NOT NULL,
    plan       text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE sessions (
    id              uuid PRIMARY KEY,
    -- Creation order: sessions are listed oldest first, also when two share a created_at.
    seq             bigint GENERATED ALWAYS AS IDENTITY,
    user_id         uuid NOT NULL REFERENCES users (id),
    shop_id         uuid NOT NULL REFERENCES shops (id),
    device_name     text,
    device_platform text,
    created_at      timestamptz NOT NULL,
    last_seen_at    timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,    -- slides with every rotation
    revoked_at      timestamptz,
    CHECK ((device_name IS NULL) = (device_platform IS NULL))
);
-- Listing and revoking a user's sessions.
CREATE INDEX sessions_user_seq ON sessions (user_id, seq);

-- Refresh tokens, known only by their hash. A rotated row stays until it
-- expires so that its reuse is still detected.
CREATE TABLE refresh_tokens (
    token_hash     text PRIMARY KEY,
    session_id     uuid NOT NULL REFERENCES sessions (id),
    issued_at      timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    -- The access token minted with this refresh token, re-signed on a replay.
    access_jti     text NOT NULL,
    access_iat     timestamptz NOT NULL,
    access_exp     timestamptz NOT NULL,
    rotated_at     timestamptz,
    successor_hash text,
    CHECK ((rotated_at IS NULL) = (successor_hash IS NULL))
);
-- The purge of expired rows.
CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at);

-- Every consent given, never updated: the history PATCH /v1/me appends to.
CREATE TABLE consents (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       uuid NOT NULL REFERENCES users (id),
    terms_version text NOT NULL,
    marketing     boolean NOT NULL,
    at            timestamptz NOT NULL
);
CREATE INDEX consents_user ON consents (user_id, id);
