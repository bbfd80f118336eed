-- The public cluster indexes (server/concerns/clusters.ts) answer from the last built index plus
-- an overlay of the concerns changed since its snapshot, found by updated_at (set at insert, by
-- officer changes, and by the concerns_touch trigger; the index on it, concerns_updated_at_idx,
-- comes with 0006_routes.sql, which the routing graph needs as well).
--
-- Deleted rows leave nothing for the overlay to find, so deletions (and TRUNCATE) bump their own
-- sequence: when it moved, an index must be rebuilt before it can be trusted again.
-- One trigger function for every "something changed" sequence: it bumps the sequence named by
-- the trigger's argument (0006 uses it for the path network too).
CREATE FUNCTION bump_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval(TG_ARGV[0]::regclass);
  RETURN NULL;
END $$;

CREATE SEQUENCE concern_deletions;
CREATE TRIGGER concerns_deleted AFTER DELETE ON concerns
  FOR EACH STATEMENT EXECUTE FUNCTION bump_sequence('concern_deletions');
CREATE TRIGGER concerns_deleted_truncate AFTER TRUNCATE ON concerns
  FOR EACH STATEMENT EXECUTE FUNCTION bump_sequence('concern_deletions');
