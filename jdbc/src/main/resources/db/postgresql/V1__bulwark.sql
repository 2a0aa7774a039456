-- Bulwark schema, version 1 (PostgreSQL 12+).
-- Run it with your own migration tool (the file name follows Flyway's V<version>__<name>.sql convention,
-- which Liquibase's sqlFile change also accepts). Every statement is idempotent.

-- The audit trail: append-only. JdbcAuditSink inserts in batches; nothing in Bulwark updates or deletes.
CREATE TABLE IF NOT EXISTS bulwark_audit_event (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    category    TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    outcome     TEXT        NOT NULL,
    actor       TEXT,
    org_id      TEXT,
    subject     TEXT,
    reason      TEXT,
    attributes  JSONB       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX IF NOT EXISTS bulwark_audit_event_org_time   ON bulwark_audit_event (org_id, occurred_at);
CREATE INDEX IF NOT EXISTS bulwark_audit_event_actor_time ON bulwark_audit_event (actor, occurred_at);
CREATE INDEX IF NOT EXISTS bulwark_audit_event_action     ON bulwark_audit_event (category, action, occurred_at);

-- Append-only, enforced by the database: UPDATE, DELETE and TRUNCATE are refused for every role
-- (retention is a deliberate, separate job that disables the trigger under an owner's account).
CREATE OR REPLACE FUNCTION bulwark_audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'bulwark_audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
DROP TRIGGER IF EXISTS bulwark_audit_event_no_update ON bulwark_audit_event;
CREATE TRIGGER bulwark_audit_event_no_update BEFORE UPDATE OR DELETE ON bulwark_audit_event
    FOR EACH ROW EXECUTE FUNCTION bulwark_audit_event_append_only();
DROP TRIGGER IF EXISTS bulwark_audit_event_no_truncate ON bulwark_audit_event;
CREATE TRIGGER bulwark_audit_event_no_truncate BEFORE TRUNCATE ON bulwark_audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION bulwark_audit_event_append_only();

-- Sessions (dev.bulwark.tokens.Sessions). The handle is base64url(SHA-256(sid)): the raw sid is never stored.
CREATE TABLE IF NOT EXISTS bulwark_session (
    handle       TEXT        PRIMARY KEY,
    user_id      TEXT        NOT NULL,
    org_id       TEXT,
    device       TEXT,
    roles        TEXT[]      NOT NULL DEFAULT '{}',
    scopes       TEXT[]      NOT NULL DEFAULT '{}',
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS bulwark_session_user       ON bulwark_session (user_id);
CREATE INDEX IF NOT EXISTS bulwark_session_expires    ON bulwark_session (expires_at);
CREATE INDEX IF NOT EXISTS bulwark_session_last_used  ON bulwark_session (last_used_at);

-- "Sign out everywhere": tokens issued before valid_after are refused.
CREATE TABLE IF NOT EXISTS bulwark_session_valid_after (
    user_id     TEXT        PRIMARY KEY,
    valid_after TIMESTAMPTZ NOT NULL
);

-- API keys (dev.bulwark.tokens.ApiKeys): only the SHA-256 hash and a display prefix, never the key.
CREATE TABLE IF NOT EXISTS bulwark_api_key (
    key_id         TEXT        PRIMARY KEY,
    org_id         TEXT        NOT NULL,
    name           TEXT,
    display_prefix TEXT        NOT NULL,
    hash           TEXT        NOT NULL,
    scopes         TEXT[]      NOT NULL DEFAULT '{}',
    created_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ,
    last_used_at   TIMESTAMPTZ,
    revoked_at     TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS bulwark_api_key_org ON bulwark_api_key (org_id);

-- Refresh-token families (dev.bulwark.tokens.RefreshTokens): hashes only.
CREATE TABLE IF NOT EXISTS bulwark_refresh_token (
    token_hash        TEXT        PRIMARY KEY,
    family_id         TEXT        NOT NULL,
    state             TEXT        NOT NULL CHECK (state IN ('ACTIVE', 'ROTATED', 'REVOKED')),
    created_at        TIMESTAMPTZ NOT NULL,
    family_expires_at TIMESTAMPTZ NOT NULL,
    rotated_at        TIMESTAMPTZ,
    successor_hash    TEXT
);
CREATE INDEX IF NOT EXISTS bulwark_refresh_token_family  ON bulwark_refresh_token (family_id);
CREATE INDEX IF NOT EXISTS bulwark_refresh_token_expires ON bulwark_refresh_token (family_expires_at);

-- One-time tokens (magic links, email verification): hashes only; consumed with DELETE ... RETURNING.
CREATE TABLE IF NOT EXISTS bulwark_one_time_token (
    token_hash TEXT        PRIMARY KEY,
    purpose    TEXT        NOT NULL,
    subject    TEXT,
    data       TEXT,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS bulwark_one_time_token_expires ON bulwark_one_time_token (expires_at);

-- Orgs and memberships (dev.bulwark.authz.spi.Memberships). A user may hold several roles in one org.
CREATE TABLE IF NOT EXISTS bulwark_org (
    org_id      TEXT PRIMARY KEY,
    personal_of TEXT UNIQUE
);
CREATE TABLE IF NOT EXISTS bulwark_membership (
    org_id     TEXT   NOT NULL REFERENCES bulwark_org (org_id) ON DELETE CASCADE,
    user_id    TEXT   NOT NULL,
    role       TEXT   NOT NULL,
    granted_no BIGINT GENERATED ALWAYS AS IDENTITY, -- the SPI lists a user's roles in grant order
    PRIMARY KEY (org_id, user_id, role)
);
CREATE INDEX IF NOT EXISTS bulwark_membership_user ON bulwark_membership (user_id);
