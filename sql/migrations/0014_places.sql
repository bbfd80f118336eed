-- The gazetteer: places found by name (GET /api/places), built from the map data we hold.
-- Both databases ship pg_trgm (PGlite's contrib, PostgreSQL's contrib package): a trigram index
-- makes the search typo-tolerant ("aldermens hil" finds Aldermans Hill).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- What a name is matched on: lower case, without accents, apostrophes or full stops, and with
-- any other run of punctuation as one space ("St. John's Rd" -> "st johns rd"). The query goes
-- through the same function, so the rule lives here only.
CREATE FUNCTION place_key(name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN btrim(regexp_replace(regexp_replace(
    translate(lower(name), 'àáâäãåāăąçćčďèéêëēęěğìíîïłńňñòóôöõøőřśšşșțťùúûüůűýÿźżž', 'aaaaaaaaacccdeeeeeeegiiiilnnnooooooorssssttuuuuuuyyzzz'),
    '[''’`.]', '', 'g'), '[^a-z0-9]+', ' ', 'g'));

-- One row a place: a named street or path (its edges of one name within one borough, split
-- where they lie more than ~250 m apart, so two Church Streets stay two places), a named open
-- space (its polygons of one name in one borough, OSM's and OS Open Greenspace's together), or
-- a borough. A materialized view, so that it is always derived the same way from the tables it
-- reads; importers refresh it (server/places/gazetteer.ts) in their transaction.
CREATE MATERIALIZED VIEW places AS
WITH named_edges AS (
  SELECT e.name, e.highway, e.geom,
    (SELECT b.name FROM boundaries b WHERE ST_Intersects(b.geom, ST_LineInterpolatePoint(e.geom, 0.5)) ORDER BY b.code LIMIT 1) AS borough
  FROM path_edges e
  WHERE e.name IS NOT NULL AND btrim(e.name) <> ''
),
parts AS (
  SELECT *, ST_ClusterDBSCAN(geom, eps := 0.0035, minpoints := 1) OVER (PARTITION BY place_key(name), borough) AS part
  FROM named_edges
),
ways AS (
  SELECT
    CASE WHEN bool_and(highway IN ('footway', 'path', 'cycleway', 'steps', 'bridleway', 'pedestrian', 'track', 'corridor'))
      THEN 'path' ELSE 'street' END AS kind,
    -- "Alderman's Hill" and "Aldermans Hill" on two stretches are one street: its commoner spelling.
    mode() WITHIN GROUP (ORDER BY name) AS name, borough, ST_Multi(ST_LineMerge(ST_Collect(geom))) AS geom
  FROM parts
  GROUP BY place_key(name), borough, part
),
named_spaces AS (
  SELECT o.name, o.geom,
    (SELECT b.name FROM boundaries b WHERE ST_Intersects(b.geom, ST_PointOnSurface(o.geom)) ORDER BY b.code LIMIT 1) AS borough
  FROM open_spaces o
  WHERE o.name IS NOT NULL AND btrim(o.name) <> ''
),
spaces AS (
  SELECT 'open_space' AS kind, mode() WITHIN GROUP (ORDER BY name) AS name, borough, ST_Collect(geom) AS geom
  FROM named_spaces
  GROUP BY place_key(name), borough
),
everything AS (
  SELECT kind, name, borough, geom FROM ways
  UNION ALL SELECT kind, name, borough, geom FROM spaces
  UNION ALL SELECT 'borough', name, NULL, geom::geometry FROM boundaries
)
SELECT
  row_number() OVER (ORDER BY kind, name, borough, ST_XMin(geom), ST_YMin(geom))::int AS id,
  kind, name, borough, place_key(name) AS key,
  -- A point on the place: on the line for a street, inside the polygon for a park.
  CASE WHEN kind IN ('street', 'path') THEN ST_ClosestPoint(geom, ST_Centroid(geom)) ELSE ST_PointOnSurface(geom) END AS centre,
  ST_Envelope(geom) AS bounds
FROM everything;

CREATE UNIQUE INDEX places_id_idx ON places (id);
CREATE INDEX places_key_trgm_idx ON places USING gin (key gin_trgm_ops);
CREATE INDEX places_centre_idx ON places USING gist (centre);
