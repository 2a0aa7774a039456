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
