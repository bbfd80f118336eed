import type { Sql } from '../server/db/database.ts'
import { metresBetween } from '../common/geo.ts'

/**
 * A force-size walkable network for benchmarks, made of real ones: copies of the Southgate and
 * Monaco networks laid out as a grid of cells (alternating, like a chequerboard), each copy's
 * ids offset so they stay unique, with the seams between neighbouring cells joined by short
 * footways between the copies' outermost junctions. Written to `path_edges` in place of what
 * was there; returns the number of edges. Deterministic: the same networks give the same grid.
 */

export type BaseEdge = {
  way: number
  segment: number
  source: number
  target: number
  highway: string
  lit: string
  name: string | null
  length: number
  line: number[][]
}

/** Metres between cells, beyond each network's extent. */
const GAP_METRES = 60
/** Junctions joined across each seam, … */
const SEAM_LINKS = 12
/** … when they are at most this far apart. */
const MAX_LINK_METRES = 2500
/** Copy k's node and way ids are offset by k times these (OSM node ids are under 2^34). */
const NODE_OFFSET = 1e11
const WAY_OFFSET = 1e10
/** Rows per INSERT. */
const BATCH = 20_000

export async function readBaseNetwork(sql: Sql): Promise<BaseEdge[]> {
  const rows = (await sql`
    SELECT osm_way_id, segment, source, target, highway, lit, name, length_m, ST_AsGeoJSON(geom, 7) FROM path_edges ORDER BY id`.values()) as unknown as [
    number, number, number, number, string, string, string | null, number, string,
  ][]
  return rows.map(([way, segment, source, target, highway, lit, name, length, geometry]) => ({
    way, segment, source, target, highway, lit, name, length,
    line: (JSON.parse(geometry) as { coordinates: number[][] }).coordinates,
  }))
}

type Base = { edges: BaseEdge[]; minLng: number; minLat: number; width: number; height: number; nodes: Map<number, number[]> }

function describe(edges: BaseEdge[]): Base {
  const nodes = new Map<number, number[]>()
  for (const e of edges) {
    nodes.set(e.source, e.line[0]!)
    nodes.set(e.target, e.line.at(-1)!)
  }
  let [minLng, minLat, maxLng, maxLat] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [lng, lat] of nodes.values()) {
    minLng = Math.min(minLng, lng!)
    maxLng = Math.max(maxLng, lng!)
    minLat = Math.min(minLat, lat!)
    maxLat = Math.max(maxLat, lat!)
  }
  return { edges, minLng, minLat, width: maxLng - minLng, height: maxLat - minLat, nodes }
}

/** One edge of the force network as written to path_edges. */
export type ForceEdge = { way: number; segment: number; source: number; target: number; highway: string; lit: string; name: string | null; length: number; line: number[][] }

/** Writes the grid of `cells` copies near `origin` (forceNetwork) into path_edges, in place of what was there. */
export async function writeForceNetwork(sql: Sql, networks: BaseEdge[][], cells: number, origin: [number, number]): Promise<number> {
  await sql`TRUNCATE path_edges RESTART IDENTITY`
  const wkt = (line: number[][]) => `LINESTRING(${line.map(([x, y]) => `${x!.toFixed(7)} ${y!.toFixed(7)}`).join(',')})`
  const edges = forceNetwork(networks, cells, origin)
  for (let start = 0; start < edges.length; start += BATCH) {
    const batch = edges.slice(start, start + BATCH)
    await sql`
      INSERT INTO path_edges (osm_way_id, segment, source, target, highway, lit, name, length_m, geom)
      SELECT w, s, a, b, h, l, n, m, ST_GeomFromText(g, 4326)
      FROM unnest(${batch.map((r) => r.way)}::bigint[], ${batch.map((r) => r.segment)}::int[], ${batch.map((r) => r.source)}::bigint[],
                  ${batch.map((r) => r.target)}::bigint[], ${batch.map((r) => r.highway)}::text[], ${batch.map((r) => r.lit)}::text[],
                  ${batch.map((r) => r.name)}::text[], ${batch.map((r) => r.length)}::float8[], ${batch.map((r) => wkt(r.line))}::text[]) AS t(w, s, a, b, h, l, n, m, g)`
  }
  await sql`ANALYZE path_edges`
  return edges.length
}

/**
 * The grid of `cells` copies (as square as it comes) near `origin`: every cell is as large as
 * the larger network, so the seams line up.
 */
export function forceNetwork(networks: BaseEdge[][], cells: number, origin: [number, number]): ForceEdge[] {
  const bases = networks.map(describe)
  const gapLat = GAP_METRES / 111_200
  const gapLng = GAP_METRES / (111_200 * Math.cos((origin[1] * Math.PI) / 180))
  const cellLng = Math.max(...bases.map((b) => b.width)) + gapLng
  const cellLat = Math.max(...bases.map((b) => b.height)) + gapLat
  const columns = Math.ceil(Math.sqrt(cells))
  const rows = Math.ceil(cells / columns)
  const pending: ForceEdge[] = []

  // Each cell's copy: which base, its offsets, and its outermost junctions on each side.
  type Cell = { base: Base; k: number; dLng: number; dLat: number }
  const grid: Cell[][] = []
  let k = 0
  for (let r = 0; r < rows; r++) {
    grid.push([])
    for (let c = 0; c < columns && k < cells; c++, k++) {
      const base = bases[(r + c) % bases.length]!
      // Centred in its cell.
      const dLng = origin[0] + c * cellLng + (cellLng - base.width) / 2 - base.minLng
      const dLat = origin[1] + r * cellLat + (cellLat - base.height) / 2 - base.minLat
      const cell = { base, k, dLng, dLat }
      grid[r]!.push(cell)
      for (const e of base.edges) {
        pending.push({
          way: e.way + k * WAY_OFFSET, segment: e.segment, source: e.source + k * NODE_OFFSET, target: e.target + k * NODE_OFFSET,
          highway: e.highway, lit: e.lit, name: e.name, length: e.length,
          line: e.line.map(([x, y]) => [x! + cell.dLng, y! + cell.dLat]),
        })
      }
    }
  }

  // Seams: the SEAM_LINKS outermost junctions of each side, each joined to the nearest of the facing side's.
  const side = (cell: Cell, facing: 'east' | 'west' | 'north' | 'south') => {
    const points = [...cell.base.nodes].map(([id, [lng, lat]]) => ({ id: id + cell.k * NODE_OFFSET, lng: lng! + cell.dLng, lat: lat! + cell.dLat }))
    const key = { east: (p: { lng: number }) => -p.lng, west: (p: { lng: number }) => p.lng, north: (p: { lat: number }) => -p.lat, south: (p: { lat: number }) => p.lat }[facing]
    const along = facing === 'east' || facing === 'west' ? (p: { lat: number }) => p.lat : (p: { lng: number }) => p.lng
    // The outermost junctions of each stretch of the side, so the links spread along the seam.
    const sorted = points.sort((a, b) => along(a) - along(b))
    const picked = []
    for (let s = 0; s < SEAM_LINKS; s++) {
      const stretch = sorted.slice(Math.floor((s * sorted.length) / SEAM_LINKS), Math.floor(((s + 1) * sorted.length) / SEAM_LINKS))
      picked.push(stretch.reduce((best, p) => (key(p) < key(best) ? p : best)))
    }
    return picked
  }
  let link = 0
  const join = (a: Cell, b: Cell, from: 'east' | 'north', to: 'west' | 'south') => {
    const left = side(a, from)
    const right = side(b, to)
    for (const p of left) {
      // To the nearest of the facing side's junctions.
      const q = right.reduce((best, r) => (metresBetween(p.lng, p.lat, r.lng, r.lat) < metresBetween(p.lng, p.lat, best.lng, best.lat) ? r : best))
      // A ragged side has stretches far from the seam: no path is drawn across the field to them
      // (the smaller network sits in the middle of its cell, so its links are the longer).
      if (metresBetween(p.lng, p.lat, q.lng, q.lat) > MAX_LINK_METRES) continue
      pending.push({
        way: -(++link), segment: 0, source: p.id, target: q.id, highway: 'footway', lit: 'yes', name: null,
        length: metresBetween(p.lng, p.lat, q.lng, q.lat), line: [[p.lng, p.lat], [q.lng, q.lat]],
      })
    }
  }
  for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < grid[r]!.length; c++) {
      if (c + 1 < grid[r]!.length) join(grid[r]![c]!, grid[r]![c + 1]!, 'east', 'west')
      if (r + 1 < grid.length && c < grid[r + 1]!.length) join(grid[r]![c]!, grid[r + 1]![c]!, 'north', 'south')
    }
  }
  return pending
}
