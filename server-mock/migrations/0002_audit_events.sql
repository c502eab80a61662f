-- The append-only audit log of authentication events
-- (store/postgres/pg_audit_log.cpp). Absent values are NULL. The ids are text,
-- not uuid: an audit row records what it is told and never fails on its shape.

CREATE TABLE audit_events (
    id           bigserial PRIMARY KEY,
    event        text NOT NULL,               -- store::wireName(AuditEvent)
    at           timestamptz NOT NULL,
    masked_phone text,                        -- never a full phone number
    client_ip    text,
    device       text,
    user_id      text,
    session_id   text,
    request_id   text,
    detail       text
);
-- Investigations read one user's events in time order.
CREATE INDEX audit_events_user_at ON audit_events (user_id, at) WHERE user_id IS NOT NULL;
