-- Imported map data: the walkable path network, open spaces, street lamps, boundaries and
-- recorded crime. Every row carries the natural key of its source so that importing the
-- same file twice gives the same database.

-- One edge of the walkable network: an OSM way split at the nodes it shares with other ways.
-- source/target are OSM node ids, so edges from different imports join up where they meet.
CREATE TABLE path_edges (
  id bigserial PRIMARY KEY,
  osm_way_id bigint NOT NULL,
  segment integer NOT NULL,            -- 0-based index of this edge along its way
  source bigint NOT NULL,              -- OSM node id at the start
  target bigint NOT NULL,              -- OSM node id at the end
  highway text NOT NULL,               -- OSM highway class (footway, residential, ...)
  lit text NOT NULL CHECK (lit IN ('yes', 'no', 'unknown')),
  surface text,
  access text,
  name text,
  in_open_space boolean NOT NULL DEFAULT false,
  length_m double precision NOT NULL CHECK (length_m >= 0),
  geom geometry(LineString, 4326) NOT NULL,
  UNIQUE (osm_way_id, segment)
);
CREATE INDEX path_edges_geom_idx ON path_edges USING gist (geom);
CREATE INDEX path_edges_source_idx ON path_edges (source);
CREATE INDEX path_edges_target_idx ON path_edges (target);

-- Parks, commons, woods, heaths, recreation grounds: from OSM or from a polygon GeoJSON
-- (OS Open Greenspace). source_id is e.g. 'way/123', 'relation/45' or the dataset's own id.
CREATE TABLE open_spaces (
  id bigserial PRIMARY KEY,
  source text NOT NULL,                -- 'osm' or the name of the imported dataset
  source_id text NOT NULL,
  name text,
  kind text NOT NULL,                  -- park, common, wood, heath, recreation_ground, garden, ...
  opening_hours text,                  -- OSM opening_hours syntax, as tagged
  geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  UNIQUE (source, source_id)
);
CREATE INDEX open_spaces_geom_idx ON open_spaces USING gist (geom);

CREATE TABLE street_lamps (
  osm_node_id bigint PRIMARY KEY,
  geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX street_lamps_geom_idx ON street_lamps USING gist (geom);

-- Boroughs or a force's service area; they limit what is shown and where concerns are taken.
CREATE TABLE boundaries (
  id bigserial PRIMARY KEY,
  code text NOT NULL UNIQUE,           -- GSS code when the file has one, else the name
  name text NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX boundaries_geom_idx ON boundaries USING gist (geom);

-- police.uk street-level crime, kept apart from residents' concerns. Already anonymised by
-- police.uk (snapped to one of ~750,000 map points), so many crimes share a point.
CREATE TABLE crimes (
  id text PRIMARY KEY,                 -- police.uk persistent id, 'api:<id>', or 'row:<hash>'
  month date NOT NULL,                 -- first day of the month
  category text NOT NULL,              -- police.uk slug, e.g. 'violent-crime'
  street text,
  outcome text,
  geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX crimes_geom_idx ON crimes USING gist (geom);
CREATE INDEX crimes_month_idx ON crimes (month);
