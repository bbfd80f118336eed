import { CATEGORIES } from '../server/concerns/vocabulary.ts'
import type { Sql } from '../server/db/database.ts'
import type { ConcernRow } from '../server/routing/network.ts'

const BANDS = ['early_morning', 'daytime', 'evening', 'night']

/** The path network's edges as coordinate lists, in id order (the same each run). */
export async function pathLines(sql: Sql): Promise<[number, number][][]> {
  const edges = (await sql`SELECT ST_AsText(geom) FROM path_edges ORDER BY id`.values()) as unknown as [string][]
  return edges.map(([wkt]) => wkt.slice(11, -1).split(',').map((p) => p.trim().split(' ').map(Number) as [number, number]))
}

/** Points at seeded positions along random edges of the path network. */
export async function alongPaths(sql: Sql, count: number, random: () => number): Promise<[number, number][]> {
  const lines = await pathLines(sql)
  return Array.from({ length: count }, () => pointOn(lines[Math.floor(random() * lines.length)]!, random))
}

/** A seeded point somewhere along a line. */
export function pointOn(line: [number, number][], random: () => number): [number, number] {
  const k = Math.floor(random() * (line.length - 1))
  const t = random()
  const [a, b] = [line[k]!, line[k + 1]!]
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
}

/** Public concerns at the points, with seeded categories and time bands, 10,000 a statement. */
export async function insertConcerns(sql: Sql, points: [number, number][], random: () => number) {
  for (let start = 0; start < points.length; start += 10_000) {
    const batch = points.slice(start, start + 10_000)
    await sql`
      INSERT INTO concerns (category, time_bands, days, source, geom, cell)
      SELECT category, ARRAY[band], 'any', 'public', p, concern_cell(p)
      FROM (SELECT unnest(${batch.map(() => CATEGORIES[Math.floor(random() * CATEGORIES.length)]!)}::text[]) AS category,
                   unnest(${batch.map(() => BANDS[Math.floor(random() * BANDS.length)]!)}::text[]) AS band,
                   ST_SetSRID(ST_MakePoint(unnest(${batch.map((p) => p[0])}::float8[]), unnest(${batch.map((p) => p[1])}::float8[])), 4326) AS p) s`
  }
}

/** Places `count` seeded concerns at path midpoints of the current network (source 'sample'). */
export async function seedConcernsOnNetwork(sql: Sql, count: number, seed: number) {
  await sql`
    INSERT INTO concerns (category, time_bands, days, source, geom, cell)
    SELECT (ARRAY['isolated','poor_lighting','harassment_group','followed','drugs_alcohol'])[1 + (abs(hashint4(e.id::int + ${seed}::int)) % 5)],
           ARRAY['evening']::text[], 'any', 'sample', p, concern_cell(p)
    FROM (SELECT id, ST_LineInterpolatePoint(geom, 0.5) AS p FROM path_edges ORDER BY hashint4(id::int + ${seed}::int) LIMIT ${count}) e`
}

/** One evening concern at the middle of the path edge `offset` places into id order, read back as routing reads it. */
export async function insertConcernOnEdge(sql: Sql, offset: number): Promise<ConcernRow> {
  const [row] = await sql<ConcernRow[]>`
    INSERT INTO concerns (category, time_bands, days, source, geom, cell)
    SELECT 'isolated', ARRAY['evening']::text[], 'any', 'sample', p, concern_cell(p)
    FROM (SELECT ST_LineInterpolatePoint(geom, 0.5) AS p FROM path_edges ORDER BY id LIMIT 1 OFFSET ${offset}) s
    RETURNING id, ST_X(cell) AS lng, ST_Y(cell) AS lat, category, time_bands AS "timeBands", days,
              support_count AS "supportCount", status, 0::float8 AS "ageMonths"`
  return row!
}
