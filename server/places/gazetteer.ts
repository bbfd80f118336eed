import type { Query, Sql } from '../db/database.ts'

/**
 * Places by name (the `places` view of sql/migrations/0014_places.sql: named streets and paths,
 * named open spaces, boroughs) and a point said in words (its street, the open space it is in or
 * by, its borough), for people who place a report by name and read where it is.
 */

export type PlaceKind = 'street' | 'path' | 'open_space' | 'borough'

export type Place = {
  id: number
  kind: PlaceKind
  name: string
  borough: string | null
  /** A point on the place: on the street's line, inside the park. */
  centre: { lng: number; lat: number }
  /** [west, south, east, north] */
  bounds: [number, number, number, number]
}

/** A point said in words: the pieces the UI puts into "on Aldermans Hill, by Broomfield Park". */
export type PlaceWords = {
  /** The nearest named street or path within NEAR_STREET_METRES, and how far it is. */
  street: { name: string; metres: number } | null
  /** The named open space the point is in, or else the nearest within BY_OPEN_SPACE_METRES. */
  openSpace: { name: string; inside: boolean } | null
  borough: string | null
}

export const MIN_QUERY = 2
export const MAX_QUERY = 100
export const MAX_PLACES = 10
const NEAR_STREET_METRES = 400
const BY_OPEN_SPACE_METRES = 150
/** pg_trgm's word similarity a name must reach; 0.6 (the default) misses two typos in a short name. */
const WORD_SIMILARITY = 0.45
/** How much a kilometre from `near` lowers a match's score (a similarity is 0–1). */
const SCORE_PER_KM = 0.02
/** What lifts a park or a borough over a street of the same name ("Broomfield" is the park first). */
const AREA_BONUS = 0.05

/** Importers call this in their transaction, after writing what places are built from. */
export async function refreshPlaces(tx: Query): Promise<number> {
  await tx`REFRESH MATERIALIZED VIEW places`
  const [row] = await tx<{ count: number }[]>`SELECT count(*)::int AS count FROM places`
  return row!.count
}

/**
 * Places whose name is like `q` (typos, missing apostrophes and accents forgiven), best first:
 * a name that starts with the query, then by similarity, less a little for distance from `near`.
 */
export async function searchPlaces(sql: Sql, q: string, near: { lng: number; lat: number } | undefined, limit: number): Promise<Place[]> {
  const here = near ? sql`ST_SetSRID(ST_MakePoint(${near.lng}, ${near.lat}), 4326)::geography` : sql`NULL::geography`
  return sql.begin(async (tx) => {
    await tx`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true)`
    return tx<Place[]>`
      WITH asked AS (SELECT place_key(${q}) AS key)
      SELECT p.id, p.kind, p.name, p.borough,
        json_build_object('lng', round(ST_X(p.centre)::numeric, 6), 'lat', round(ST_Y(p.centre)::numeric, 6)) AS centre,
        json_build_array(round(ST_XMin(p.bounds)::numeric, 6), round(ST_YMin(p.bounds)::numeric, 6),
                         round(ST_XMax(p.bounds)::numeric, 6), round(ST_YMax(p.bounds)::numeric, 6)) AS bounds
      FROM places p, asked
      WHERE asked.key <> '' AND (asked.key <% p.key OR p.key LIKE asked.key || '%' OR p.key LIKE '% ' || asked.key || '%')
      ORDER BY
        (p.key LIKE asked.key || '%') DESC,
        word_similarity(asked.key, p.key) + CASE WHEN p.kind IN ('open_space', 'borough') THEN ${AREA_BONUS}::float8 ELSE 0 END
          - coalesce(ST_Distance(p.centre::geography, ${here}) / 1000 * ${SCORE_PER_KM}, 0) DESC,
        length(p.key), p.id
      LIMIT ${limit}`
  })
}

/** The words for a point: nearest named street, the open space it is in or by, its borough. */
export async function describePoint(sql: Query, at: { lng: number; lat: number }): Promise<PlaceWords> {
  const point = sql`ST_SetSRID(ST_MakePoint(${at.lng}, ${at.lat}), 4326)`
  // Nearest first by the GiST index (<->), then held to the distance in metres.
  const [row] = await sql<PlaceWords[]>`
    SELECT
      (SELECT json_build_object('name', e.name, 'metres', round(ST_Distance(e.geom::geography, ${point}::geography)))
        FROM (SELECT name, geom FROM path_edges WHERE name IS NOT NULL ORDER BY geom <-> ${point}, id LIMIT 1) e
        WHERE ST_DWithin(e.geom::geography, ${point}::geography, ${NEAR_STREET_METRES})) AS street,
      (SELECT json_build_object('name', o.name, 'inside', ST_Intersects(o.geom, ${point}))
        FROM (SELECT name, geom FROM open_spaces WHERE name IS NOT NULL ORDER BY geom <-> ${point}, id LIMIT 3) o
        WHERE ST_DWithin(o.geom::geography, ${point}::geography, ${BY_OPEN_SPACE_METRES})
        ORDER BY ST_Intersects(o.geom, ${point}) DESC, o.geom <-> ${point} LIMIT 1) AS "openSpace",
      (SELECT b.name FROM boundaries b WHERE ST_Intersects(b.geom, ${point}) ORDER BY b.code LIMIT 1) AS borough`
  return row!
}
