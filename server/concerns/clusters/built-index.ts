import KDBush from 'kdbush'
import type { ChangeWatcher } from '../../db/changes.ts'
import type { Sql } from '../../db/database.ts'
import { CATEGORIES } from '../vocabulary.ts'
import type { Builder } from './builder.ts'
import { readIndexColumns, type ClusterFilter } from './columns.ts'
import { versionOf, type Version } from './version.ts'

/** Supercluster's settings. */
export const CLUSTER_OPTIONS = {
  radius: 60, // px at `extent`: concerns closer than this on screen share a cluster
  maxZoom: 16, // the last zoom that clusters; above it cells are shown one by one
  minZoom: 0,
  extent: 512, // supercluster's default tile size, which `radius` is relative to
}

/** Counts per cluster: one per category, then the sample concerns. */
export const COUNTS_WIDTH = CATEGORIES.length + 1

/** One zoom of an index: its items in a KD-tree, and the arrays of levels.mjs. */
export type Level = { kd: KDBush; xy: Float64Array; num: Uint32Array; ref: Float64Array; slot: Int32Array; next: Int32Array }

/** A built index: the levels from the build thread, plus each point's public properties. */
export type BuiltIndex = {
  version: Version
  /** Concerns changed from this instant on may be missing or stale: the overlay reads them. */
  since: Date
  points: number
  levels: Level[]
  /** Per cluster slot (levels.mjs): COUNTS_WIDTH counts, expansion zoom, children. */
  counts: Uint32Array
  expansion: Uint8Array
  childStart: Int32Array
  children: Int32Array
  /** Per point, in the order read: */
  ids: Float64Array
  lng: Float64Array
  lat: Float64Array
  flags: Uint16Array
  bands: Uint16Array
  month: Int32Array
  support: Int32Array
  texts: Map<number, [summary: string | null, response: string | null]>
  /** The ids ascending… */
  sortedIds: Float64Array
  /** …and where each is in `ids`. */
  order: Uint32Array
  /** Lone points' JSON, made on first use. */
  json: (string | undefined)[]
}

/** Reads the concerns that match the filter and clusters them in the build thread. */
export async function buildIndex(sql: Sql, filter: ClusterFilter, watcher: ChangeWatcher, builder: Builder): Promise<BuiltIndex> {
  const { changes, columns } = await readIndexColumns(sql, filter, watcher.local)
  const { n, ids, lng, lat, flags, bands, month, support, texts } = columns
  const result = await builder.build(ids, lng, lat, flags)
  const levels: Level[] = []
  result.levels.forEach((l, z) => (levels[z] = { ...l, kd: KDBush.from(l.kd) }))
  return {
    version: versionOf(changes),
    since: changes.horizon,
    points: n,
    levels,
    counts: result.counts,
    expansion: result.expansion,
    childStart: result.childStart,
    children: result.children,
    ids: result.ids,
    lng: result.lng,
    lat: result.lat,
    flags: result.flags,
    bands,
    month,
    support,
    texts,
    sortedIds: result.sorted,
    order: result.order,
    json: [],
  }
}

/** The position of a concern id in a built index, or -1. */
export function positionOf(built: BuiltIndex, id: number): number {
  let lo = 0
  let hi = built.points - 1
  const ids = built.sortedIds
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = ids[mid]!
    if (v === id) return built.order[mid]!
    if (v < id) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}
