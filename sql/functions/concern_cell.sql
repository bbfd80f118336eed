-- The public location of a concern: the centre of the 100 m cell of the British National Grid
-- (EPSG:27700) that holds the point. A fixed grid, not random noise, so the same place always
-- gives the same cell and averaging many reports can't recover the precise point.
CREATE OR REPLACE FUNCTION concern_cell(p geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ST_Transform(
           ST_SetSRID(ST_MakePoint(floor(ST_X(t) / 100) * 100 + 50, floor(ST_Y(t) / 100) * 100 + 50), 27700),
           4326)
  FROM (SELECT ST_Transform(ST_SetSRID(p, 4326), 27700) AS t) s
$$;
