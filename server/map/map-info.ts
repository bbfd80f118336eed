import type { Sql } from '../db/database.ts'

type Bounds = [minLng: number, minLat: number, maxLng: number, maxLat: number]

/** Where the data is (the paths' extent, else the boundaries'), and how much of each kind there is. */
export async function mapExtent(sql: Sql) {
  const [row] = await sql<{ bounds: Bounds | null; paths: number; openSpaces: number; crimes: number; boundaries: number }[]>`
    WITH extent AS (
      SELECT coalesce((SELECT ST_Extent(geom) FROM path_edges), (SELECT ST_Extent(geom) FROM boundaries)) AS box
    )
    SELECT CASE WHEN box IS NULL THEN NULL
                ELSE json_build_array(ST_XMin(box), ST_YMin(box), ST_XMax(box), ST_YMax(box)) END AS bounds,
           (SELECT count(*)::int FROM path_edges) AS paths,
           (SELECT count(*)::int FROM open_spaces) AS "openSpaces",
           (SELECT count(*)::int FROM crimes) AS crimes,
           (SELECT count(*)::int FROM boundaries) AS boundaries
    FROM extent`
  const { bounds, ...counts } = row!
  return { bounds, counts }
}
