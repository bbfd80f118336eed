-- The features of one basemap tile, by layer, in WGS 84 as stored, with their properties as
-- jsonb. Shared by both encoders (ST_AsMVT, and geojson-vt + vt-pbf in JavaScript), which
-- project, clip and simplify them to the tile grid, so both tiles hold the same features.
--   boundaries          every zoom
--   open_spaces         z >= 10
--   open_space_labels   z >= 12, one point on surface each, only in the tile that holds it
--   paths               z >= 13; z 10-12 only the main roads
--   crimes              z >= 15
CREATE OR REPLACE FUNCTION map_tile_features(z integer, x integer, y integer)
RETURNS TABLE (layer text, id bigint, geom geometry, props jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  WITH tile AS (
    SELECT -- The filter uses the envelope in the columns' SRID so the GiST indexes apply.
           ST_Transform(ST_TileEnvelope(z, x, y, margin => 64.0 / 4096), 4326) AS area,
           ST_Transform(ST_TileEnvelope(z, x, y), 4326) AS inner_area
  )
  SELECT 'boundaries', b.id, b.geom,
         jsonb_build_object('name', b.name, 'code', b.code)
  FROM boundaries b, tile t
  WHERE b.geom && t.area
  UNION ALL
  SELECT 'open_spaces', o.id, o.geom,
         jsonb_strip_nulls(jsonb_build_object('id', o.id, 'name', o.name, 'kind', o.kind, 'opening_hours', o.opening_hours))
  FROM open_spaces o, tile t
  WHERE z >= 10 AND o.geom && t.area
  UNION ALL
  SELECT 'open_space_labels', o.id, ST_PointOnSurface(o.geom),
         jsonb_build_object('name', o.name, 'kind', o.kind, 'area_m2', round(ST_Area(o.geom::geography)))
  FROM open_spaces o, tile t
  WHERE z >= 12 AND o.name IS NOT NULL AND o.geom && t.area
    AND ST_Intersects(ST_PointOnSurface(o.geom), t.inner_area)
  UNION ALL
  SELECT 'paths', p.id, p.geom,
         jsonb_strip_nulls(jsonb_build_object('id', p.id, 'highway', p.highway, 'lit', p.lit, 'name', p.name,
                                              'surface', p.surface, 'in_open_space', p.in_open_space))
  FROM path_edges p, tile t
  WHERE p.geom && t.area
    AND (z >= 13 OR (z >= 10 AND p.highway IN ('trunk', 'primary', 'secondary', 'tertiary')))
  UNION ALL
  SELECT 'crimes', NULL::bigint, c.geom,
         jsonb_build_object('id', c.id, 'category', c.category, 'month', to_char(c.month, 'YYYY-MM'))
  FROM crimes c, tile t
  WHERE z >= 15 AND c.geom && t.area
$$;

COMMENT ON FUNCTION map_tile_features(integer, integer, integer) IS
  'Basemap features of tile z/x/y by layer (WGS 84, properties as jsonb), for either MVT encoder';
