-- Routes and running loops computed for residents and clubs, and the signal that tells a
-- server holding the routing graph in memory that the path network changed.

-- Bumped by every statement that changes the path network or the open spaces (TRUNCATE
-- included), so each server rebuilds its routing graph after an import, whoever ran it.
CREATE SEQUENCE path_network_changes;
CREATE TRIGGER path_edges_changed AFTER INSERT OR UPDATE OR DELETE ON path_edges
  FOR EACH STATEMENT EXECUTE FUNCTION bump_sequence('path_network_changes');
CREATE TRIGGER path_edges_truncated AFTER TRUNCATE ON path_edges
  FOR EACH STATEMENT EXECUTE FUNCTION bump_sequence('path_network_changes');
CREATE TRIGGER open_spaces_changed AFTER INSERT OR UPDATE OR DELETE ON open_spaces
  FOR EACH STATEMENT EXECUTE FUNCTION bump_sequence('path_network_changes');
CREATE TRIGGER open_spaces_truncated AFTER TRUNCATE ON open_spaces
  FOR EACH STATEMENT EXECUTE FUNCTION bump_sequence('path_network_changes');

-- A computed route or loop. The id is random (128 bits, base64url): a route starts where
-- someone asked, often their home, so ids must not be guessable. Computed routes expire after
-- a day; a saved one (expires_at null) is kept for good.
CREATE TABLE routes (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{22}$'),
  kind text NOT NULL CHECK (kind IN ('route', 'loop')),
  profile text NOT NULL CHECK (profile IN ('safest', 'balanced', 'shortest')),
  depart_at timestamptz NOT NULL,
  properties jsonb NOT NULL,           -- lengthMeters, litShare, …, explanation: as the API returns them
  geom geometry(LineString, 4326) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz               -- null once saved
);
CREATE INDEX routes_expires_at_idx ON routes (expires_at);

-- Every change to a concern moves its updated_at ("me too" included), so the routing graph can
-- re-weight just the concerns changed since it last looked.
CREATE FUNCTION concerns_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER concerns_touch BEFORE UPDATE ON concerns FOR EACH ROW EXECUTE FUNCTION concerns_touch();
CREATE INDEX concerns_updated_at_idx ON concerns (updated_at);
