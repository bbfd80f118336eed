import type { Sql } from '../../server/db/database.ts'

/**
 * One md5 over every row of an imported table (ids included, so a re-import that replaced
 * rows instead of updating them shows), for "importing twice gives the same database" tests.
 */
export async function mapDataChecksums(sql: Sql): Promise<Record<string, string>> {
  const [row] = await sql<Record<string, string>[]>`
    SELECT
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, osm_way_id, segment, source, target, highway, lit, surface,
         access, name, in_open_space, round(length_m::numeric, 3), ST_AsText(geom)), ',' ORDER BY id), '')) FROM path_edges) AS path_edges,
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, source, source_id, name, kind, opening_hours, ST_AsText(geom)), ','
         ORDER BY id), '')) FROM open_spaces) AS open_spaces,
      (SELECT md5(coalesce(string_agg(concat_ws('|', osm_node_id, ST_AsText(geom)), ',' ORDER BY osm_node_id), ''))
         FROM street_lamps) AS street_lamps,
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, code, name, ST_AsText(geom)), ',' ORDER BY id), '')) FROM boundaries)
         AS boundaries,
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, month, category, street, outcome, ST_AsText(geom)), ',' ORDER BY id), ''))
         FROM crimes) AS crimes`
  return row!
}

export async function mapDataCounts(sql: Sql): Promise<Record<string, number>> {
  const [row] = await sql<Record<string, number>[]>`
    SELECT (SELECT count(*)::int FROM path_edges) AS path_edges, (SELECT count(*)::int FROM open_spaces) AS open_spaces,
           (SELECT count(*)::int FROM street_lamps) AS street_lamps, (SELECT count(*)::int FROM boundaries) AS boundaries,
           (SELECT count(*)::int FROM crimes) AS crimes`
  return row!
}

/** How many edges are marked as running through an open space, and how many are marked wrongly. */
export async function openSpaceMarks(sql: Sql): Promise<{ marked: number; wrong: number }> {
  const [row] = await sql<{ marked: number; wrong: number }[]>`
    SELECT count(*) FILTER (WHERE in_open_space)::int AS marked,
           count(*) FILTER (WHERE in_open_space <> EXISTS (
             SELECT FROM open_spaces o WHERE ST_Covers(o.geom, ST_LineInterpolatePoint(e.geom, 0.5))))::int AS wrong
    FROM path_edges e`
  return row!
}
