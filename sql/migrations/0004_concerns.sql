-- Residents' concerns: where and when people feel unsafe. The precise point and the free text
-- are for officers only; the public sees `cell` (the centre of a 100 m grid cell, computed once
-- at insert by concern_cell()) and `month`. No IP address, user agent or account is kept with a
-- concern, and the receipt is kept only as a SHA-256.
CREATE TABLE concerns (
  id bigserial PRIMARY KEY,
  category text NOT NULL CHECK (category IN (
    'poor_lighting', 'no_cctv', 'isolated', 'poor_layout', 'restricted_visibility', 'run_down',
    'drugs_alcohol', 'harassment_individual', 'harassment_group', 'followed', 'harassment_other', 'other')),
  time_bands text[] NOT NULL CHECK (
    cardinality(time_bands) BETWEEN 1 AND 4
    AND time_bands <@ ARRAY['early_morning', 'daytime', 'evening', 'night']::text[]),
  days text NOT NULL CHECK (days IN ('any', 'weekdays', 'weekends')),
  description text CHECK (length(description) <= 1000),
  source text NOT NULL CHECK (source IN ('public', 'walk_and_talk', 'club', 'sample')),
  status text NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'acknowledged', 'action_planned', 'actioned', 'closed')),
  public_summary text CHECK (length(public_summary) <= 1000),
  public_response text CHECK (length(public_response) <= 2000),
  hidden boolean NOT NULL DEFAULT false,
  merged_into bigint REFERENCES concerns (id) CHECK (merged_into <> id),
  -- People who raised it: 1 for the report itself, +1 per "me too", plus those of merged duplicates.
  support_count integer NOT NULL DEFAULT 1 CHECK (support_count >= 1),
  receipt_hash bytea UNIQUE CHECK (length(receipt_hash) = 32),  -- null for sample concerns
  month date NOT NULL DEFAULT date_trunc('month', now())::date,  -- what the public sees instead of a time
  created_at timestamptz NOT NULL DEFAULT now(),                 -- officers only
  updated_at timestamptz NOT NULL DEFAULT now(),
  geom geometry(Point, 4326) NOT NULL,   -- precise: officers only
  cell geometry(Point, 4326) NOT NULL    -- coarsened: what the public gets
);
CREATE INDEX concerns_cell_idx ON concerns USING gist (cell);
CREATE INDEX concerns_geom_idx ON concerns USING gist (geom);
CREATE INDEX concerns_merged_into_idx ON concerns (merged_into);
CREATE INDEX concerns_source_idx ON concerns (source);

-- Bumped by every statement that changes concerns (TRUNCATE included), so a server keeping
-- cluster indexes in memory knows, with one cheap read, that they must be rebuilt — whoever
-- made the change (this process, another one, the seed command).
CREATE SEQUENCE concern_changes;
CREATE FUNCTION concerns_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('concern_changes');
  RETURN NULL;
END $$;
CREATE TRIGGER concerns_changed AFTER INSERT OR UPDATE OR DELETE ON concerns
  FOR EACH STATEMENT EXECUTE FUNCTION concerns_changed();
CREATE TRIGGER concerns_truncated AFTER TRUNCATE ON concerns
  FOR EACH STATEMENT EXECUTE FUNCTION concerns_changed();

-- Reports and "me too"s per client, as counters that expire (like login_attempts), not a log.
-- The key is a SHA-256 of bucket and address, so the table doesn't list addresses in clear.
CREATE TABLE concern_rate_limits (
  key bytea PRIMARY KEY,
  hits integer NOT NULL CHECK (hits > 0),
  window_start timestamptz NOT NULL
);
