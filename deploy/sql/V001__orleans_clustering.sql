-- V001: cluster membership for Microsoft.Orleans.Clustering.AdoNet, and the OrleansQuery table from which every
-- Orleans ADO.NET provider reads its named queries at start-up.
--
-- Contract (Orleans 10.4.2): the provider runs `SELECT QueryKey, QueryText FROM OrleansQuery`, then executes each
-- query text with named parameters (@DeploymentId, @Address, ...) and reads result columns by name. The membership
-- table is versioned as a whole: every row of a cluster shares the version of its orleans_membership_version row,
-- and a silo may insert or update a member only together with moving that version on by one from the version it
-- read (optimistic concurrency: the @Version parameter). Status is Orleans' SiloStatus (3 = Active, 6 = Dead).
-- Times are UTC; they are stored as timestamptz and Npgsql writes UTC DateTimes as such.
--
-- Idempotent: applying it again changes nothing.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
    -- Creates the cluster's version row if it is missing. Returns one boolean: whether it was created.
    ('InsertMembershipVersionKey', $query$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING deployment_id
)
SELECT EXISTS (SELECT 1 FROM created) AS "Created"
$query$),

    -- The whole table: one row per member, each carrying the table version; a single row with a NULL StartTime
    -- when the cluster has no member yet (the provider reads the version from the first row).
    ('MembershipReadAllKey', $query$
SELECT
    v.version         AS "Version",
    m.address         AS "Address",
    m.port            AS "Port",
    m.generation      AS "Generation",
    m.silo_name       AS "SiloName",
    m.host_name       AS "HostName",
    m.status          AS "Status",
    m.proxy_port      AS "ProxyPort",
    m.suspect_times   AS "SuspectTimes",
    m.start_time      AS "StartTime",
    m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$query$),

    -- One member (the silo at @Address, @Port, @Generation) and the table version; the member columns are NULL
    -- when the silo has no row.
    ('MembershipReadRowKey', $query$
SELECT
    v.version         AS "Version",
    m.address         AS "Address",
    m.port            AS "Port",
    m.generation      AS "Generation",
    m.silo_name       AS "SiloName",
    m.host_name       AS "HostName",
    m.status          AS "Status",
    m.proxy_port      AS "ProxyPort",
    m.suspect_times   AS "SuspectTimes",
    m.start_time      AS "StartTime",
    m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m
    ON m.deployment_id = v.deployment_id
    AND m.address = @Address
    AND m.port = @Port
    AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$query$),

    -- Adds a member if the table is still at @Version and the silo has no row yet, moving the version on in the
    -- same statement. Returns one boolean: whether the member was added.
    ('InsertMembershipKey', $query$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId
        AND version = @Version
        AND NOT EXISTS (
            SELECT 1 FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), inserted AS (
    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted) AS "Inserted"
$query$),

    -- Changes a member's status, suspicions and heartbeat if the table is still at @Version, moving the version on
    -- in the same statement. Returns one boolean: whether the member was updated.
    ('UpdateMembershipKey', $query$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId
        AND version = @Version
        AND EXISTS (
            SELECT 1 FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), updated AS (
    UPDATE orleans_membership AS m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped AS b
    WHERE m.deployment_id = b.deployment_id
        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM updated) AS "Updated"
$query$),

    -- The heartbeat: not versioned, it never conflicts.
    ('UpdateIAmAlivetimeKey', $query$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$query$),

    -- Gateways for clients: the members in @Status (Active) that accept clients.
    ('GatewaysQueryKey', $query$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$query$),

    -- Forgets a cluster: its version row, and its members with it (ON DELETE CASCADE).
    ('DeleteMembershipTableEntriesKey', $query$
DELETE FROM orleans_membership_version
WHERE deployment_id = @DeploymentId
$query$),

    -- Removes the dead members whose last heartbeat is older than @IAmAliveTime. Orleans 10.4.2 requires this key;
    -- it uses it only when CleanupDefunctSiloEntryKey is absent.
    ('CleanupDefunctSiloEntriesKey', $query$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime
$query$),

    -- Removes one dead member that the provider chose from a table it read, only if the row is still as read
    -- (start time, heartbeat and suspicions unchanged), so a row rewritten in between survives.
    ('CleanupDefunctSiloEntryKey', $query$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
    AND address = @Address AND port = @Port AND generation = @Generation
    AND status = 6
    AND start_time = @StartTime
    AND i_am_alive_time = @IAmAliveTime
    AND COALESCE(suspect_times, '') = COALESCE(@SuspectTimes, '')
$query$)
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
