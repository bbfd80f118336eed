-- The basemap tile z/x/y encoded by PostGIS itself. Only servers built with protobuf have
-- ST_AsMVT; the embedded PostGIS encodes map_tile_features() in JavaScript instead
-- (server/tiles/encode.ts, with geojson-vt and vt-pbf). Layers are concatenated: an MVT is a sequence of layers.
CREATE OR REPLACE FUNCTION map_tile_mvt(z integer, x integer, y integer)
RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  WITH f AS (
    SELECT f.layer, f.id, ST_AsMVTGeom(ST_Transform(f.geom, 3857), ST_TileEnvelope(z, x, y), 4096, 64, true) AS geom, f.props
    FROM map_tile_features(z, x, y) f
  )
  SELECT coalesce((SELECT ST_AsMVT(q, 'boundaries', 4096, 'geom', 'id') FROM (SELECT id, geom, props FROM f WHERE layer = 'boundaries' AND geom IS NOT NULL) q), '')
      || coalesce((SELECT ST_AsMVT(q, 'open_spaces', 4096, 'geom', 'id') FROM (SELECT id, geom, props FROM f WHERE layer = 'open_spaces' AND geom IS NOT NULL) q), '')
      || coalesce((SELECT ST_AsMVT(q, 'open_space_labels', 4096, 'geom', 'id') FROM (SELECT id, geom, props FROM f WHERE layer = 'open_space_labels' AND geom IS NOT NULL) q), '')
      || coalesce((SELECT ST_AsMVT(q, 'paths', 4096, 'geom', 'id') FROM (SELECT id, geom, props FROM f WHERE layer = 'paths' AND geom IS NOT NULL) q), '')
      || coalesce((SELECT ST_AsMVT(q, 'crimes', 4096, 'geom') FROM (SELECT geom, props FROM f WHERE layer = 'crimes' AND geom IS NOT NULL) q), '')
$$;

COMMENT ON FUNCTION map_tile_mvt(integer, integer, integer) IS
  'Basemap tile z/x/y as MVT via ST_AsMVT (servers with protobuf only)';
