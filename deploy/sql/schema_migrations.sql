-- The migration ledger: one row for each versioned script (V<number>__<name>.sql) applied to this database.
--
-- Not a migration itself: both the silo's SchemaMigrator and deploy/scripts/apply-migrations.sh run this file,
-- under the advisory lock, before they look at which migrations are due. It is idempotent.
--
--   version     the number in the file name (V003 -> 3)
--   name        the rest of the file name (orleans_reminders)
--   checksum    SHA-256 (lowercase hex) of the file with carriage returns removed; a script whose checksum no
--               longer matches its row has been edited after it was applied, and the appliers refuse to go on
--   applied_at  when it was applied

CREATE TABLE IF NOT EXISTS province_schema_migrations
(
    version    integer     NOT NULL PRIMARY KEY,
    name       text        NOT NULL,
    checksum   text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
