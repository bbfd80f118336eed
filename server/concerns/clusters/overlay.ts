import type { Sql } from '../../db/database.ts'
import { CLUSTER_OPTIONS, COUNTS_WIDTH, positionOf, type BuiltIndex } from './built-index.ts'
import { filterCondition, round6, rowColumns, type ClusterFilter, type Row } from './columns.ts'
import { CATEGORY_MASK, SAMPLE } from './flags.mjs'
import { latY, lngX } from './mercator.ts'

/** More changes than this since an index's snapshot (a bulk import) wait for the rebuild instead. */
export const MAX_OVERLAY = 5000

/** Position at a level → [points, per category…, samples] added to or removed from it. */
type LevelDelta = Map<number, Int32Array>

/**
 * The changes since an index's snapshot, applied on top of it at query time: the concerns whose
 * `updated_at` is from the index's `since` on (every insert and update moves it).
 */
export type Overlay = {
  key: string
  built: BuiltIndex
  /** Index points no longer visible (or no longer matching the filter). */
  removed: Set<number>
  /** Index points still visible whose public properties changed. */
  changed: Map<number, Row>
  /** Visible concerns the index doesn't have. */
  added: { row: Row; x: number; y: number }[]
  /** Per level, what the removed points took out of the items that held them. */
  removedAt: LevelDelta[]
  /** Per level, made on first use: the added concerns put into clusters, or left alone. */
  addedAt: Map<number, { into: LevelDelta; loose: Row[] }>
}

/** What a request reads: an index and, when it is behind, the overlay of what changed since. */
export type ClusterView = { built: BuiltIndex; overlay?: Overlay }

/** The changes since an index's snapshot; undefined when there are more than MAX_OVERLAY. */
export async function fetchOverlay(sql: Sql, filter: ClusterFilter, built: BuiltIndex, key: string): Promise<Overlay | undefined> {
  const rows = (await sql`
    SELECT ${rowColumns(sql)}, ${filterCondition(sql, filter)}
    FROM concerns c
    WHERE c.updated_at >= ${built.since}
    LIMIT ${MAX_OVERLAY + 1}`.values()) as unknown as [...Row, boolean][]
  if (rows.length > MAX_OVERLAY) return undefined
  const overlay: Overlay = { key, built, removed: new Set(), changed: new Map(), added: [], removedAt: [], addedAt: new Map() }
  for (const r of rows) {
    const matches = r[9]
    const row = r.slice(0, 9) as Row
    row[1] = round6(row[1])
    row[2] = round6(row[2])
    const s = positionOf(built, row[0])
    // The same cell and category as indexed: only the properties may differ.
    const same = s >= 0 && built.lng[s] === row[1] && built.lat[s] === row[2] && (built.flags[s]! & (CATEGORY_MASK | SAMPLE)) === (row[3] & (CATEGORY_MASK | SAMPLE))
    if (s >= 0 && (!matches || !same)) overlay.removed.add(s)
    if (matches && same) overlay.changed.set(s, row)
    else if (matches) overlay.added.push({ row, x: lngX(row[1]), y: latY(row[2]) })
  }
  // Each removed point leaves the item holding it, at every level.
  const { minZoom, maxZoom } = CLUSTER_OPTIONS
  for (let z = minZoom; z <= maxZoom + 1; z++) overlay.removedAt[z] = new Map()
  for (const s of overlay.removed) {
    let position = s
    for (let z = maxZoom + 1; z >= minZoom; z--) {
      addCounts(overlay.removedAt[z]!, position, built.flags[s]!)
      if (z > minZoom) position = built.levels[z]!.next[position]!
    }
  }
  return overlay
}

function addCounts(delta: LevelDelta, position: number, flags: number) {
  let counts = delta.get(position)
  if (!counts) delta.set(position, (counts = new Int32Array(1 + COUNTS_WIDTH)))
  counts[0]!++
  counts[1 + (flags & CATEGORY_MASK)]!++
  if (flags & SAMPLE) counts[COUNTS_WIDTH]!++
}

/** Where the overlay's new concerns go at a level: into the nearest cluster within reach, else alone. */
export function addedAt(overlay: Overlay, z: number) {
  let placed = overlay.addedAt.get(z)
  if (placed) return placed
  placed = { into: new Map(), loose: [] }
  const level = overlay.built.levels[z]!
  const removed = overlay.removedAt[z]!
  const r = CLUSTER_OPTIONS.radius / (CLUSTER_OPTIONS.extent * Math.pow(2, z))
  for (const a of overlay.added) {
    let best = -1
    let bestDistance = Infinity
    if (z <= CLUSTER_OPTIONS.maxZoom) {
      for (const k of level.kd.within(a.x, a.y, r)) {
        if (level.num[k]! < 2 || level.num[k]! - (removed.get(k)?.[0] ?? 0) < 1) continue
        const d = (level.xy[2 * k]! - a.x) ** 2 + (level.xy[2 * k + 1]! - a.y) ** 2
        if (d < bestDistance) [best, bestDistance] = [k, d]
      }
    }
    if (best >= 0) addCounts(placed.into, best, a.row[3])
    else placed.loose.push(a.row)
  }
  overlay.addedAt.set(z, placed)
  return placed
}

/** The one index point left in a cluster whose other points the overlay all removed, or -1. */
export function remainingPoint(built: BuiltIndex, overlay: Overlay, z: number, position: number): number {
  for (;;) {
    const level = built.levels[z]!
    if (level.num[position] === 1) return level.ref[position]!
    const slot = level.slot[position]!
    // Its children sit at the level of the zoom where it splits.
    const childZoom = built.expansion[slot]!
    const children = built.levels[childZoom]!
    const removed = overlay.removedAt[childZoom]!
    let found = -1
    for (let k = built.childStart[slot]!; k < built.childStart[slot + 1]!; k++) {
      const c = built.children[k]!
      if (children.num[c]! - (removed.get(c)?.[0] ?? 0) > 0) {
        found = c
        break
      }
    }
    if (found < 0) return -1
    z = childZoom
    position = found
  }
}
