-- Reassurance patrols: plans officers draw on the path network and schedule, and the concerns
-- they link to a plan so the reporter's receipt can say when a patrol passes.

-- A plan: a line snapped to the path network (joined along paths by the routing engine), a
-- team and a schedule. `schedule` is validated by the API (server/patrols/schedule.ts):
-- one-off {start, durationMinutes} or weekly {days, startTime, durationMinutes, validFrom,
-- validUntil} in Europe/London time. first_start and last_end bound all its sessions, so the
-- plans of a period are found by an index. Only `public` plans ever reach a public response.
CREATE TABLE patrols (
  id bigserial PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  team text CHECK (length(team) <= 200),
  notes text CHECK (length(notes) <= 2000),           -- officers only
  public boolean NOT NULL,
  waypoints jsonb NOT NULL,                           -- [{lng, lat, dwellMinutes}], snapped
  schedule jsonb NOT NULL,
  first_start timestamptz NOT NULL,
  last_end timestamptz NOT NULL CHECK (last_end > first_start),
  geom geometry(LineString, 4326) NOT NULL,
  length_meters double precision NOT NULL CHECK (length_meters >= 0),
  created_by bigint NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patrols_geom_idx ON patrols USING gist (geom);
CREATE INDEX patrols_period_idx ON patrols (last_end, first_start);
CREATE INDEX patrols_created_by_idx ON patrols (created_by);

-- A concern an officer answered with a plan ("a reassurance patrol now passes here on …").
CREATE TABLE patrol_concerns (
  patrol_id bigint NOT NULL REFERENCES patrols (id) ON DELETE CASCADE,
  concern_id bigint NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
  linked_by bigint NOT NULL REFERENCES users (id),
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (patrol_id, concern_id)
);
CREATE INDEX patrol_concerns_concern_id_idx ON patrol_concerns (concern_id);
CREATE INDEX patrol_concerns_linked_by_idx ON patrol_concerns (linked_by);

-- Bumped by every change to the plans, so a server holding the routing graph re-reads which
-- paths public patrols cover (the routes' patrol bonus), whoever changed them.
CREATE SEQUENCE patrol_changes;
CREATE TRIGGER patrols_changed AFTER INSERT OR UPDATE OR DELETE ON patrols
  FOR EACH STATEMENT EXECUTE FUNCTION bump_sequence('patrol_changes');
CREATE TRIGGER patrols_truncated AFTER TRUNCATE ON patrols
  FOR EACH STATEMENT EXECUTE FUNCTION bump_sequence('patrol_changes');
