-- V006: help points as rows (ProvincePlatform.Persistence.HelpPoints.PostgresHelpPointStore).
--
-- A help point's profile (definition, closures, archived figures, what the stats have heard) is one row of
-- province_help_points; each session's ledger (its bookings and waitlist) is one row of province_session_ledgers.
-- A booking writes its session's row, a few hundred bytes, where it used to rewrite the whole help point in
-- orleans_storage with the thirty days of ledgers it keeps (kilobytes, compressed and stored out of line on every
-- write). Payloads are serialized by the silos with Orleans' version-tolerant serializer, as grain state is.
--
-- Versions guard concurrent writers: a profile is written only if still at the version its writer read, a ledger
-- only if still at the change sequence its writer read (change sequences of one help point only grow). A first
-- write inserts, and a second first write of the same row inserts nothing.
--
-- Help points stored by earlier versions stay in orleans_storage (grain type 'helpPoint') until each is next
-- activated, which writes its rows here and then clears that row.
--
-- Idempotent: applying it again changes nothing.

CREATE TABLE IF NOT EXISTS province_help_points
(
    help_point_id text        PRIMARY KEY,
    version       integer     NOT NULL,
    profile       bytea       NOT NULL,
    modified_at   timestamptz NOT NULL DEFAULT now()
);

-- Ledgers are rewritten on every booking of their session: room left on each page lets PostgreSQL update a row in
-- place (a HOT update, no index entry to add), since no indexed column changes.
CREATE TABLE IF NOT EXISTS province_session_ledgers
(
    help_point_id   text   NOT NULL,
    session_id      text   NOT NULL,
    change_sequence bigint NOT NULL,
    ledger          bytea  NOT NULL,
    PRIMARY KEY (help_point_id, session_id)
) WITH (fillfactor = 70);
