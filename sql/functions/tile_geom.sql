-- A geometry in EPSG:3857 → tile coordinates (origin top left, y down), clipped to the tile
-- plus a buffer, snapped to the integer grid, polygons valid with exterior rings of positive
-- area in tile coordinates (clockwise on screen), as the MVT spec wants. It does what
-- ST_AsMVTGeom does with functions every PostGIS has: the embedded PostGIS is built without
-- protobuf, which ST_AsMVTGeom needs. NULL when nothing is left.
CREATE OR REPLACE FUNCTION tile_geom(geom geometry, bounds geometry, extent integer DEFAULT 4096, buffer integer DEFAULT 64)
RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  WITH scale AS (
    SELECT ST_XMin(bounds) AS x0,
           ST_YMax(bounds) AS y1,
           (ST_XMax(bounds) - ST_XMin(bounds)) / extent AS sx,
           (ST_YMax(bounds) - ST_YMin(bounds)) / extent AS sy
  ),
  -- Cut to the tile and its buffer first, so big polygons stay cheap; then drop what is under
  -- half a tile unit (points closer than that, lines and polygons that collapse).
  clipped AS (
    SELECT CASE WHEN ST_Dimension(geom) = 0 THEN ST_Intersection(geom, ST_Expand(bounds, buffer * sx))
                ELSE ST_Simplify(ST_ClipByBox2D(geom, ST_Expand(bounds, buffer * sx)), sx / 2, false) END AS g,
           x0, y1, sx, sy
    FROM scale
  ),
  tiled AS (
    SELECT ST_RemoveRepeatedPoints(ST_SnapToGrid(ST_Affine(g, 1 / sx, 0, 0, -1 / sy, -x0 / sx, y1 / sy), 1)) AS g
    FROM clipped
  ),
  typed AS (
    SELECT CASE ST_Dimension(geom)
             WHEN 2 THEN ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(g), 3))
             WHEN 1 THEN ST_CollectionExtract(g, 2)
             ELSE ST_CollectionExtract(g, 1)
           END AS g
    FROM tiled
  )
  SELECT CASE WHEN g IS NULL OR ST_IsEmpty(g) OR (ST_Dimension(g) = 1 AND ST_Length(g) = 0) THEN NULL ELSE g END
  FROM typed
$$;

COMMENT ON FUNCTION tile_geom(geometry, geometry, integer, integer) IS
  'ST_AsMVTGeom without protobuf: EPSG:3857 geometry to clipped, snapped, MVT-oriented tile coordinates';
