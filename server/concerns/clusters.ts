import type { Feature, Point } from 'geojson'
import Supercluster from 'supercluster'
import type { Sql } from '../db/database.ts'
import { CATEGORIES, type Category, type TimeBand } from './vocabulary.ts'
import { visible, type PublishConcerns } from './visibility.ts'

/** Supercluster settings: 60 px clusters; above zoom 16 cells are shown one by one. */
export const CLUSTER_OPTIONS = { radius: 60, maxZoom: 16 }
/** At most this many filtered indexes are kept; the least recently used goes first. */
const MAX_INDEXES = 8

// Per point only the id and an integer: the category's index, plus SAMPLE_FLAG for sample
// data. Small properties keep 1M points within a few hundred MB.
type PointProps = { i: number; c: number }
type ClusterProps = { n: number[]; s: number }
const SAMPLE_FLAG = 1 << 8

export type ClusterFilter = { category?: Category; timeBand?: TimeBand; publish: PublishConcerns }

type Index = Supercluster<PointProps, ClusterProps>
// `built` once this version's index is ready; `fallback` the last index ready before it.
type Entry = { version: string; index: Promise<Index>; built?: Index; fallback?: Index }

/**
 * How long a request waits for a rebuild before it is answered from the previous index. Small
 * areas rebuild in milliseconds, so a change shows on the next request; with ~1M concerns a
 * rebuild takes seconds, and the map keeps answering (slightly stale) meanwhile.
 */
export const REBUILD_WAIT_MS = 1000

/**
 * In-memory supercluster indexes, one per filter, over the cells of visible concerns. They are
 * rebuilt lazily: each request reads the `concern_changes` sequence (bumped by a trigger on
 * every change, from any process) plus a local counter bumped after this process commits a
 * change, and rebuilds only when either moved.
 */
export class ClusterIndexes {
  private entries = new Map<string, Entry>()
  private localChanges = 0

  /** Called after this process committed a change (closes the gap between trigger and commit). */
  changed(): void {
    this.localChanges++
  }

  async get(sql: Sql, filter: ClusterFilter): Promise<Index> {
    const [row] = await sql<{ v: string }[]>`SELECT last_value::text || ':' || is_called::text AS v FROM concern_changes`
    const version = `${row!.v}:${this.localChanges}`
    const key = `${filter.publish}|${filter.category ?? '*'}|${filter.timeBand ?? '*'}`
    const known = this.entries.get(key)
    this.entries.delete(key) // re-inserted below: the Map's order is the recency order
    if (known && known.version === version) {
      this.entries.set(key, known)
      return answer(known)
    }
    const entry: Entry = { version, index: build(sql, filter), fallback: known?.built ?? known?.fallback }
    entry.index.then(
      (index) => {
        entry.built = index
        entry.fallback = undefined
      },
      // A failed build must not stay cached.
      () => this.entries.get(key) === entry && this.entries.delete(key),
    )
    this.entries.set(key, entry)
    while (this.entries.size > MAX_INDEXES) this.entries.delete(this.entries.keys().next().value!)
    return answer(entry)
  }
}

/** This version's index, waiting for it at most REBUILD_WAIT_MS when an older one can stand in. */
async function answer(entry: Entry): Promise<Index> {
  if (entry.built) return entry.built
  const fallback = entry.fallback
  if (!fallback) return entry.index
  let timer: NodeJS.Timeout | undefined
  const stale = new Promise<Index>((resolve) => (timer = setTimeout(() => resolve(fallback), REBUILD_WAIT_MS)))
  try {
    return await Promise.race([entry.index, stale])
  } finally {
    clearTimeout(timer)
  }
}

const CATEGORY_INDEX = new Map<string, number>(CATEGORIES.map((c, i) => [c, i]))

async function build(sql: Sql, filter: ClusterFilter): Promise<Index> {
  // Rows as arrays, not objects, and rounded cell coordinates: the compact way to move 1M rows.
  const rows = (await sql`
    SELECT c.id, round(ST_X(c.cell)::numeric, 6)::float8, round(ST_Y(c.cell)::numeric, 6)::float8, c.category, c.source = 'sample'
    FROM concerns c
    WHERE ${visible(sql, filter.publish)}
      ${filter.category ? sql`AND c.category = ${filter.category}` : sql``}
      ${filter.timeBand ? sql`AND ${filter.timeBand} = ANY (c.time_bands)` : sql``}`.values()) as unknown as [number, number, number, string, boolean][]
  // Concerns in one cell share one geometry object.
  const geometries = new Map<string, Point>()
  const points: Feature<Point, PointProps>[] = new Array(rows.length)
  for (let k = 0; k < rows.length; k++) {
    const [id, x, y, category, sample] = rows[k]!
    const cellKey = `${x},${y}`
    let geometry = geometries.get(cellKey)
    if (!geometry) geometries.set(cellKey, (geometry = { type: 'Point', coordinates: [x, y] }))
    points[k] = { type: 'Feature', geometry, properties: { i: id, c: CATEGORY_INDEX.get(category)! | (sample ? SAMPLE_FLAG : 0) } }
  }
  return new Supercluster<PointProps, ClusterProps>({
    ...CLUSTER_OPTIONS,
    map: (p) => {
      const n = new Array<number>(CATEGORIES.length).fill(0)
      n[p.c & (SAMPLE_FLAG - 1)] = 1
      return { n, s: p.c & SAMPLE_FLAG ? 1 : 0 }
    },
    reduce: (acc, p) => {
      for (let k = 0; k < acc.n.length; k++) acc.n[k]! += p.n[k]!
      acc.s += p.s
    },
  }).load(points)
}

export type ClusterFeature = {
  type: 'Feature'
  geometry: Point
  properties: {
    cluster: true
    clusterId: number
    pointCount: number
    expansionZoom: number
    categories: Partial<Record<Category, number>>
    sampleCount: number
  }
}

/** The clusters and lone concerns (as ids, to be filled in from SQL) in a bbox at a zoom. */
export function clustersIn(
  index: Supercluster<PointProps, ClusterProps>,
  bbox: [number, number, number, number],
  zoom: number,
): { clusters: ClusterFeature[]; singles: { id: number; geometry: Point }[] } {
  const clusters: ClusterFeature[] = []
  const singles: { id: number; geometry: Point }[] = []
  for (const f of index.getClusters(bbox, zoom)) {
    const p = f.properties as Partial<Supercluster.ClusterProperties> & Partial<ClusterProps> & Partial<PointProps>
    if (p.cluster) {
      const categories: Partial<Record<Category, number>> = {}
      p.n!.forEach((count, k) => {
        if (count > 0) categories[CATEGORIES[k]!] = count
      })
      clusters.push({
        type: 'Feature',
        geometry: f.geometry,
        properties: {
          cluster: true,
          clusterId: p.cluster_id!,
          pointCount: p.point_count!,
          expansionZoom: index.getClusterExpansionZoom(p.cluster_id!),
          categories,
          sampleCount: p.s!,
        },
      })
    } else {
      singles.push({ id: p.i!, geometry: f.geometry })
    }
  }
  return { clusters, singles }
}

// One set of indexes per database connection pool, shared by every app built on it.
const byDatabase = new WeakMap<Sql, ClusterIndexes>()
export function clusterIndexes(sql: Sql): ClusterIndexes {
  let indexes = byDatabase.get(sql)
  if (!indexes) byDatabase.set(sql, (indexes = new ClusterIndexes()))
  return indexes
}
