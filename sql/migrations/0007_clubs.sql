-- Running clubs: their library of saved routes, share links to them, and the club runs that
-- officers can join ("run and talk").

-- A club belongs to the organiser who created it; only they (and admins) see or change it.
CREATE TABLE clubs (
  id bigserial PRIMARY KEY,
  owner_id bigint NOT NULL REFERENCES users (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  meeting_point geometry(Point, 4326) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clubs_owner_id_idx ON clubs (owner_id);

-- A computed route kept in a club's library. While at least one entry points at a route, the
-- route's expires_at is null; when the last one goes, the route expires again like any other.
-- The share link carries a random token; only its SHA-256 is kept (one live link per entry).
CREATE TABLE club_routes (
  id bigserial PRIMARY KEY,
  club_id bigint NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
  route_id text NOT NULL REFERENCES routes (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  notes text CHECK (length(notes) <= 2000),
  usual_start_time time,
  share_hash bytea UNIQUE CHECK (length(share_hash) = 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (club_id, route_id)
);
CREATE INDEX club_routes_route_id_idx ON club_routes (route_id);

-- A club run on a saved route at a set time. Past runs go with their saved route; upcoming
-- ones keep it (the API refuses to delete a saved route that an upcoming run uses).
CREATE TABLE club_runs (
  id bigserial PRIMARY KEY,
  club_id bigint NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
  club_route_id bigint NOT NULL REFERENCES club_routes (id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  notes text CHECK (length(notes) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX club_runs_starts_at_idx ON club_runs (starts_at);
CREATE INDEX club_runs_club_id_idx ON club_runs (club_id, starts_at);
CREATE INDEX club_runs_club_route_id_idx ON club_runs (club_route_id);

-- Officers who said they will run along.
CREATE TABLE club_run_officers (
  run_id bigint NOT NULL REFERENCES club_runs (id) ON DELETE CASCADE,
  officer_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, officer_id)
);
CREATE INDEX club_run_officers_officer_id_idx ON club_run_officers (officer_id);
