-- V003: reminders for Microsoft.Orleans.Reminders.AdoNet (UseAdoNetReminderService).
--
-- Contract (Orleans 10.4.2): a reminder is identified by @ServiceId, @GrainId (the grain id as text) and
-- @ReminderName; @GrainHash is the grain's uniform hash, a uint passed as a signed integer, which places it on the
-- ring that the silos share out. Period is in milliseconds. Version is the reminder's ETag: it changes on every
-- upsert, and a delete names the version it read.
--
-- The ring ranges (@BeginHash, @EndHash] are uints compared here as signed integers. The provider asks
-- ReadRangeRows1Key when begin < end in signed order (the range does not wrap there) and ReadRangeRows2Key
-- otherwise (it wraps past the largest signed value, or begin = end: the whole ring).
--
-- Idempotent: applying it again changes nothing.

CREATE TABLE IF NOT EXISTS orleans_reminders
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS orleans_reminders_ring
    ON orleans_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
    -- A grain's reminders.
    ('ReadReminderRowsKey', $query$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId
$query$),

    -- One reminder; no row when there is none.
    ('ReadReminderRowKey', $query$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$query$),

    -- The reminders of the ring range (@BeginHash, @EndHash] when it does not wrap in signed order.
    ('ReadRangeRows1Key', $query$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$query$),

    -- The reminders of the ring range (@BeginHash, @EndHash] when it wraps in signed order (or is the whole ring).
    ('ReadRangeRows2Key', $query$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$query$),

    -- Creates or replaces a reminder. Returns its new Version.
    ('UpsertReminderRowKey', $query$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = EXCLUDED.start_time,
    period = EXCLUDED.period,
    grain_hash = EXCLUDED.grain_hash,
    version = orleans_reminders.version + 1
RETURNING version AS "Version"
$query$),

    -- Removes a reminder if it is still at @Version. Returns one boolean: whether it was removed.
    ('DeleteReminderRowKey', $query$
WITH deleted AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM deleted) AS "Deleted"
$query$),

    -- Removes every reminder of the service (the provider's test hook).
    ('DeleteReminderRowsKey', $query$
DELETE FROM orleans_reminders
WHERE service_id = @ServiceId
$query$)
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
