import type { Sql } from '../../server/db/database.ts'

type LngLat = [number, number]
const wkt = {
  line: (coords: LngLat[]) => `LINESTRING(${coords.map(([x, y]) => `${x} ${y}`).join(', ')})`,
  polygon: (ring: LngLat[]) => `MULTIPOLYGON(((${ring.map(([x, y]) => `${x} ${y}`).join(', ')})))`,
  square: ([x, y]: LngLat, size: number): LngLat[] => [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ],
}

let nextWay = 1_000_000_000

export async function createPathEdge(
  sql: Sql,
  options: { coords: LngLat[]; highway?: string; lit?: 'yes' | 'no' | 'unknown'; name?: string },
): Promise<number> {
  const way = nextWay++
  const [row] = await sql<{ id: number }[]>`
    INSERT INTO path_edges (osm_way_id, segment, source, target, highway, lit, name, length_m, geom)
    SELECT ${way}, 0, ${way * 10}, ${way * 10 + 1}, ${options.highway ?? 'footway'}, ${options.lit ?? 'unknown'},
           ${options.name ?? null}, ST_Length(g::geography), g
    FROM (SELECT ST_GeomFromText(${wkt.line(options.coords)}, 4326) AS g) s
    RETURNING id`
  return row!.id
}

export async function createOpenSpace(
  sql: Sql,
  options: { corner: LngLat; size: number; name?: string; kind?: string; openingHours?: string },
): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    INSERT INTO open_spaces (source, source_id, name, kind, opening_hours, geom)
    VALUES ('test', ${String(nextWay++)}, ${options.name ?? null}, ${options.kind ?? 'park'},
            ${options.openingHours ?? null}, ST_GeomFromText(${wkt.polygon(wkt.square(options.corner, options.size))}, 4326))
    RETURNING id`
  return row!.id
}

export async function createBoundary(sql: Sql, options: { corner: LngLat; size: number; name: string; code?: string }) {
  await sql`
    INSERT INTO boundaries (code, name, geom)
    VALUES (${options.code ?? options.name}, ${options.name},
            ST_GeomFromText(${wkt.polygon(wkt.square(options.corner, options.size))}, 4326))`
}

export async function createCrime(
  sql: Sql,
  options: { at: LngLat; id?: string; month?: string; category?: string; street?: string },
): Promise<string> {
  const id = options.id ?? `test:${nextWay++}`
  await sql`
    INSERT INTO crimes (id, month, category, street, geom)
    VALUES (${id}, ${(options.month ?? '2018-01') + '-01'}::date, ${options.category ?? 'violent-crime'},
            ${options.street ?? null}, ST_SetSRID(ST_MakePoint(${options.at[0]}, ${options.at[1]}), 4326))`
  return id
}
