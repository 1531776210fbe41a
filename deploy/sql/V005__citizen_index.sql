-- V005: the citizen index (ProvincePlatform.Persistence.Citizens.PostgresCitizenIndex).
--
-- Which bookings and requests each citizen has, for the lookup by ID number. No personal data: a citizen appears
-- only as the keyed hash of the ID number (the key never leaves the silos), and the resources as our own ids.
-- `kind` is 0 for a booking and 1 for a request; `seq` keeps the order entries were added in. Rows are only ever
-- inserted, in batches; inserting one again changes nothing.
--
-- Idempotent: applying it again changes nothing.

CREATE TABLE IF NOT EXISTS province_citizen_index
(
    citizen_key text     NOT NULL,
    resource_id text     NOT NULL,
    kind        smallint NOT NULL CHECK (kind IN (0, 1)),
    seq         bigint   GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (citizen_key, resource_id)
);
