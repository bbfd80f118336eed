-- Weekly club runs, officers joining one occurrence of a run, and share links to any computed
-- route (docs/clubs-api.md).

-- A weekly run repeats on its ISO weekday (1 Monday … 7 Sunday) at its London clock time, so a
-- 19:00 run stays at 19:00 across the clock changes: occurrences are worked out in Europe/London
-- from the weekday and the time (server/clubs/occurrences.ts), never by adding 7 × 24 hours.
-- For a weekly run, starts_at is the first occurrence and last_starts_at the last (null: no end,
-- like until), so "has it an occurrence yet to come" is one comparison; a one-off has neither.
ALTER TABLE club_runs
  ADD COLUMN weekday smallint CHECK (weekday BETWEEN 1 AND 7),
  ADD COLUMN start_time time,
  ADD COLUMN until date,
  ADD COLUMN last_starts_at timestamptz,
  ADD CONSTRAINT club_runs_weekly_shape CHECK (
    (weekday IS NULL AND start_time IS NULL AND until IS NULL AND last_starts_at IS NULL)
    OR (weekday IS NOT NULL AND start_time IS NOT NULL AND (until IS NULL) = (last_starts_at IS NULL)));

-- An officer joins one occurrence, keyed by its start (for a one-off run, the run's start).
ALTER TABLE club_run_officers ADD COLUMN starts_at timestamptz;
UPDATE club_run_officers j SET starts_at = u.starts_at FROM club_runs u WHERE u.id = j.run_id;
ALTER TABLE club_run_officers
  ALTER COLUMN starts_at SET NOT NULL,
  DROP CONSTRAINT club_run_officers_pkey,
  ADD PRIMARY KEY (run_id, starts_at, officer_id);

-- A club's share link either shows the whole line or hides its first and last 200 m (the
-- default: a route often starts at someone's door).
ALTER TABLE club_routes ADD COLUMN share_shows_ends boolean NOT NULL DEFAULT false;

-- A resident's share link to a computed route: only the token's SHA-256 is kept. It works while
-- the route does (a computed route expires after a day, a saved one never) and goes with it.
CREATE TABLE route_shares (
  share_hash bytea PRIMARY KEY CHECK (length(share_hash) = 32),
  route_id text NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
  shows_ends boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX route_shares_route_id_idx ON route_shares (route_id);
