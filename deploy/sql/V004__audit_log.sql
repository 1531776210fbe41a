-- V004: the gateway's audit log (ProvincePlatform.Audit.PostgresAuditLog).
--
-- One row per audited call: every write, and every read of citizens' data. No personal data: `resource` is a path
-- or an id of ours, and a citizen looked up appears only as the keyed hash that also names their grain. Rows are
-- only ever inserted; `id` gives the order of insertion, which the log is read in (newest first).
--
-- Idempotent: applying it again changes nothing.

CREATE TABLE IF NOT EXISTS province_audit_log
(
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL,
    client       text        NOT NULL,
    role         text        NOT NULL,
    action       text        NOT NULL,
    method       text        NOT NULL,
    resource     text        NOT NULL,
    commune_code text        NULL,
    status       integer     NOT NULL,
    trace_id     text        NULL
);

CREATE INDEX IF NOT EXISTS province_audit_log_at ON province_audit_log (at);
CREATE INDEX IF NOT EXISTS province_audit_log_client ON province_audit_log (client, id);
CREATE INDEX IF NOT EXISTS province_audit_log_commune ON province_audit_log (commune_code, id);
CREATE INDEX IF NOT EXISTS province_audit_log_resource ON province_audit_log (resource, id);
