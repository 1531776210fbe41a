-- V002: grain state for Microsoft.Orleans.Persistence.AdoNet (AddAdoNetGrainStorage).
--
-- Contract (Orleans 10.4.2): a grain's state is identified by @ServiceId, the state name (@GrainTypeString, with
-- its hash @GrainTypeHash) and the grain id split into @GrainIdN0, @GrainIdN1 (GUID halves or the integer key) and
-- @GrainIdExtensionString (key extension, or the whole key of a string-keyed grain; NULL when there is none), with
-- @GrainIdHash a hash of the id. The payload is the provider's serialized state (JSON by default) as bytes.
--
-- Versions are the ETags. A write names the version it read (@GrainStateVersion, NULL for a state never
-- written) and gets back the new one as NewGrainStateVersion; getting NULL back, or the version it sent, makes
-- the provider throw InconsistentStateException. Two first writes of the same state cannot both insert: the unique
-- index makes the second one insert nothing.
--
-- Idempotent: applying it again changes nothing.

CREATE TABLE IF NOT EXISTS orleans_storage
(
    service_id         text        NOT NULL,
    grain_type_hash    integer     NOT NULL,
    grain_type         text        NOT NULL,
    grain_id_hash      integer     NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_id_extension text,
    payload_binary     bytea,
    version            integer     NOT NULL,
    modified_at        timestamptz NOT NULL DEFAULT now()
);

-- One row per grain state. The hashes lead so that lookups use this index; the extension (possibly a long string
-- key) is indexed through its md5 to stay within the size a B-tree entry may have.
CREATE UNIQUE INDEX IF NOT EXISTS orleans_storage_grain_state
    ON orleans_storage (grain_id_hash, grain_type_hash, service_id, grain_type, grain_id_n0, grain_id_n1, md5(grain_id_extension))
    NULLS NOT DISTINCT;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
    -- The state and its version; no row when it was never written.
    ('ReadFromStorageKey', $query$
SELECT payload_binary AS "PayloadBinary", version AS "Version"
FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash
    AND grain_type_hash = @GrainTypeHash
    AND service_id = @ServiceId
    AND grain_type = @GrainTypeString
    AND grain_id_n0 = @GrainIdN0
    AND grain_id_n1 = @GrainIdN1
    AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
$query$),

    -- Inserts the state at version 1 when @GrainStateVersion is NULL, otherwise replaces it if it is still at
    -- @GrainStateVersion. Returns NewGrainStateVersion, NULL when nothing was written (a conflict).
    ('WriteToStorageKey', $query$
WITH inserted AS (
    INSERT INTO orleans_storage
        (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1, grain_id_extension, payload_binary, version)
    SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
), updated AS (
    UPDATE orleans_storage
    SET payload_binary = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE grain_id_hash = @GrainIdHash
        AND grain_type_hash = @GrainTypeHash
        AND service_id = @ServiceId
        AND grain_type = @GrainTypeString
        AND grain_id_n0 = @GrainIdN0
        AND grain_id_n1 = @GrainIdN1
        AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
        AND version = @GrainStateVersion
    RETURNING version
)
SELECT (SELECT version FROM inserted UNION ALL SELECT version FROM updated) AS "NewGrainStateVersion"
$query$),

    -- ClearStateAsync: keeps the row, without payload, and moves the version on, so that a writer still holding an
    -- older version keeps failing. Returns the new version; no row on a conflict.
    ('ClearStorageKey', $query$
UPDATE orleans_storage
SET payload_binary = NULL, version = version + 1, modified_at = now()
WHERE grain_id_hash = @GrainIdHash
    AND grain_type_hash = @GrainTypeHash
    AND service_id = @ServiceId
    AND grain_type = @GrainTypeString
    AND grain_id_n0 = @GrainIdN0
    AND grain_id_n1 = @GrainIdN1
    AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
    AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion"
$query$),

    -- ClearStateAsync with DeleteStateOnClear = true: removes the row if it is still at @GrainStateVersion. Returns
    -- a value other than the version sent (the provider reads an unchanged version as a conflict); no row on a
    -- conflict. A state deleted and written again starts over at version 1, so a writer still holding version 1
    -- from before could overwrite it: keep DeleteStateOnClear off (the default) unless that cannot happen.
    ('DeleteStorageKey', $query$
DELETE FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash
    AND grain_type_hash = @GrainTypeHash
    AND service_id = @ServiceId
    AND grain_type = @GrainTypeString
    AND grain_id_n0 = @GrainIdN0
    AND grain_id_n1 = @GrainIdN1
    AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
    AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion"
$query$)
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
