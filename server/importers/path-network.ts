import { BATCH_ROWS, batches, type Transaction } from './bulk.ts'
import type { NodeLocations } from './node-locations.ts'
import type { OsmWay, Tags } from './osm-elements.ts'
import type { ProgressMeter } from './progress.ts'

/** Highway classes a person on foot may use (motorways, construction, platforms … are not here). */
const WALKABLE_HIGHWAYS = new Set([
  'footway', 'path', 'pedestrian', 'steps', 'track', 'cycleway', 'bridleway', 'living_street',
  'residential', 'service', 'unclassified', 'tertiary', 'tertiary_link', 'secondary',
  'secondary_link', 'primary', 'primary_link', 'trunk', 'trunk_link', 'road', 'corridor',
])
const FOOT_FORBIDDEN = new Set(['no', 'private'])
const ACCESS_FORBIDDEN = new Set(['private', 'no'])
const FOOT_ALLOWED = new Set(['yes', 'designated', 'permissive'])
const LIT_YES = new Set(['yes', '24/7', 'automatic', 'limited', 'interval'])
const LIT_NO = new Set(['no', 'disused'])

export type Lit = 'yes' | 'no' | 'unknown'

/** One edge of the walkable network: a way between two junctions (or its ends). */
export type PathEdge = {
  wayId: number
  segment: number
  source: number
  target: number
  highway: string
  lit: Lit
  surface: string | null
  access: string | null
  name: string | null
  /** LINESTRING in EPSG:4326, lon first. */
  wkt: string
}

export function isWalkable(tags: Tags): boolean {
  const highway = tags.get('highway')
  if (highway === undefined || !WALKABLE_HIGHWAYS.has(highway)) return false
  const foot = tags.get('foot')
  if (foot !== undefined && FOOT_FORBIDDEN.has(foot)) return false
  const access = tags.get('access')
  if (access !== undefined && ACCESS_FORBIDDEN.has(access)) return foot !== undefined && FOOT_ALLOWED.has(foot)
  return true
}

export function normaliseLit(value: string | undefined): Lit {
  if (value === undefined) return 'unknown'
  if (LIT_YES.has(value)) return 'yes'
  if (LIT_NO.has(value)) return 'no'
  return 'unknown'
}

/**
 * Splits walkable ways into edges at every node two walkable ways share (or one way visits
 * twice) and at their ends. A closed way whose ring meets nothing is cut at its middle node so
 * that no edge starts where it ends. Nodes the file lacks (a clipped extract) cut the way: the
 * parts on either side are kept, only the missing stretch is dropped.
 */
export function splitIntoEdges(ways: Iterable<OsmWay>, nodes: NodeLocations) {
  const walkable = [...ways]
  const uses = new Map<number, number>()
  for (const way of walkable) for (const ref of withoutRepeats(way.refs)) uses.set(ref, (uses.get(ref) ?? 0) + 1)

  const edges: PathEdge[] = []
  let waysCut = 0
  for (const way of walkable) {
    const refs = withoutRepeats(way.refs)
    const tags = way.tags
    const attributes = {
      highway: tags.get('highway')!,
      lit: normaliseLit(tags.get('lit')),
      surface: tags.get('surface') ?? null,
      access: tags.get('foot') ?? tags.get('access') ?? null,
      name: tags.get('name') ?? null,
    }
    let segment = 0
    const emit = (run: number[], from: number, to: number) => {
      const ids = run.slice(from, to + 1)
      const coordinates = ids.map((id) => {
        const i = nodes.find(id)
        return `${nodes.lon(i)} ${nodes.lat(i)}`
      })
      edges.push({
        wayId: way.id,
        segment: segment++,
        source: ids[0]!,
        target: ids[ids.length - 1]!,
        ...attributes,
        wkt: `LINESTRING(${coordinates.join(',')})`,
      })
    }
    const runs = presentRuns(refs, nodes)
    if (runs.length !== 1 || runs[0]!.length !== refs.length) waysCut++
    for (const run of runs) {
      let start = 0
      for (let i = 1; i < run.length; i++) {
        if (i < run.length - 1 && (uses.get(run[i]!) ?? 0) < 2) continue
        if (run[start] === run[i] && i - start >= 2) {
          const middle = start + Math.floor((i - start) / 2)
          emit(run, start, middle)
          emit(run, middle, i)
        } else {
          emit(run, start, i)
        }
        start = i
      }
    }
  }
  return { edges, waysCut }
}

/** Refs with consecutive duplicates (a node listed twice in a row) removed. */
function withoutRepeats(refs: number[]): number[] {
  return refs.filter((ref, i) => i === 0 || ref !== refs[i - 1])
}

/** The stretches of a way whose nodes are all in the file, each at least two nodes long. */
function presentRuns(refs: number[], nodes: NodeLocations): number[][] {
  const runs: number[][] = []
  let run: number[] = []
  for (const ref of refs) {
    if (nodes.find(ref) >= 0) {
      run.push(ref)
      continue
    }
    if (run.length >= 2) runs.push(run)
    run = []
  }
  if (run.length >= 2) runs.push(run)
  return runs
}

/**
 * Upserts the edges on (osm_way_id, segment) and deletes segments a way no longer has
 * (`edgeCounts` holds, for every way of the file, how many edges it has now: 0 when it is no
 * longer walkable).
 */
export async function writeEdges(tx: Transaction, edges: PathEdge[], edgeCounts: Map<number, number>, meter: ProgressMeter) {
  meter.begin('edges written')
  for (const [start, end] of batches(edges.length, BATCH_ROWS)) {
    const batch = edges.slice(start, end)
    await tx`
      INSERT INTO path_edges (osm_way_id, segment, source, target, highway, lit, surface, access, name, length_m, geom)
      SELECT way, segment, source, target, highway, lit, surface, access, name, ST_Length(geom::geography), geom
      FROM (
        SELECT e.*, ST_GeomFromText(e.wkt, 4326) AS geom
        FROM unnest(
          ${batch.map((e) => e.wayId)}::bigint[], ${batch.map((e) => e.segment)}::int[],
          ${batch.map((e) => e.source)}::bigint[], ${batch.map((e) => e.target)}::bigint[],
          ${batch.map((e) => e.highway)}::text[], ${batch.map((e) => e.lit)}::text[],
          ${batch.map((e) => e.surface)}::text[], ${batch.map((e) => e.access)}::text[],
          ${batch.map((e) => e.name)}::text[], ${batch.map((e) => e.wkt)}::text[]
        ) AS e(way, segment, source, target, highway, lit, surface, access, name, wkt)
      ) AS e
      ON CONFLICT (osm_way_id, segment) DO UPDATE SET
        source = excluded.source, target = excluded.target, highway = excluded.highway, lit = excluded.lit,
        surface = excluded.surface, access = excluded.access, name = excluded.name,
        length_m = excluded.length_m, geom = excluded.geom`
    meter.add('edges written', batch.length)
  }
  const ways = [...edgeCounts]
  for (const [start, end] of batches(ways.length, BATCH_ROWS * 4)) {
    const batch = ways.slice(start, end)
    await tx`
      DELETE FROM path_edges p
      USING unnest(${batch.map(([id]) => id)}::bigint[], ${batch.map(([, n]) => n)}::int[]) AS w(id, edges)
      WHERE p.osm_way_id = w.id AND p.segment >= w.edges`
  }
}

/**
 * Marks the edges whose midpoint lies in an open space; run after edges or open spaces change.
 * Returns how many edges are in open spaces.
 */
export async function refreshInOpenSpace(tx: Transaction): Promise<number> {
  await tx`
    UPDATE path_edges e SET in_open_space = NOT e.in_open_space
    WHERE e.in_open_space <> EXISTS (
      SELECT FROM open_spaces o WHERE ST_Intersects(o.geom, ST_LineInterpolatePoint(e.geom, 0.5))
    )`
  const [row] = await tx<{ n: number }[]>`SELECT count(*)::int AS n FROM path_edges WHERE in_open_space`
  return row!.n
}
