import { Worker } from 'node:worker_threads'
import KDBush from 'kdbush'
import type { Point } from 'geojson'
import type { Sql } from '../db/database.ts'
import { CATEGORIES, DAYS, STATUSES, TIME_BANDS, type Category, type TimeBand } from './vocabulary.ts'
import { visible, type PublicConcern, type PublishConcerns } from './visibility.ts'

/** Supercluster settings: 60 px clusters; above zoom 16 cells are shown one by one. */
export const CLUSTER_OPTIONS = { radius: 60, maxZoom: 16 }
const EXTENT = 512 // supercluster's default, which its radius is relative to
const MIN_ZOOM = 0
/** At most this many filtered indexes are kept; the least recently used goes first. */
const MAX_INDEXES = 8
/** The change sequences are read at most this often (a local change forces a read at once). */
export const CHANGE_CHECK_MS = 200
/**
 * Only deletions (sample clean-up, TRUNCATE) need a rebuild before they show, since the overlay
 * can't see a row that is gone: a request waits this long for it, then answers from the old index.
 */
export const REBUILD_WAIT_MS = 1000
/** Rows per query while an index's rows are read (so other queries and requests interleave). */
const BATCH = 5000
/**
 * Under a stream of reports an index is rebuilt at most this often (and never back to back with
 * a build slower than that): the overlay shows each change at once meanwhile, and a full read of
 * the concerns per report or two would cost the database more than all the map's other reads.
 */
const REBUILD_PAUSE_MS = 5000
/** More changes than this since an index's snapshot (a bulk import) wait for the rebuild instead. */
const MAX_OVERLAY = 5000

export type ClusterFilter = { category?: Category; timeBand?: TimeBand; publish: PublishConcerns }

// Per concern flags: category index (bits 0–3), SAMPLE, status (bits 5–7), days (bits 8–9).
// Time bands in their stored order: count (bits 0–2), then 2 bits per band from bit 3.
const CATEGORY_MASK = 15
const SAMPLE = 16
const WIDTH = CATEGORIES.length + 1 // per-cluster counts: one per category, then samples

type Level = { kd: KDBush; xy: Float64Array; num: Uint32Array; ref: Float64Array; slot: Int32Array; next: Int32Array }
type Version = { changes: string; deletions: string; local: number }

/** A built index: flat per-level arrays from the worker, plus each point's public properties. */
type Built = {
  version: Version
  /** Concerns changed after this instant (DB clock, ISO) may be missing or stale: the overlay. */
  since: string
  points: number
  levels: Level[]
  counts: Uint32Array
  ids: Float64Array
  sortedIds: Float64Array // ascending…
  order: Uint32Array // …and where each is in `ids`
  lng: Float64Array
  lat: Float64Array
  flags: Uint16Array
  bands: Uint16Array
  month: Int32Array
  support: Int32Array
  texts: Map<number, [string | null, string | null]>
  /** Lone points' JSON, made on first use. */
  json: (string | undefined)[]
}

/** One concern as read from SQL (index rows and overlay rows alike). */
type Row = [
  id: number, lng: number, lat: number, flags: number, bands: number, month: number, support: number,
  summary: string | null, response: string | null,
]

type LevelDelta = Map<number, Int32Array> // position → [points, per category…, samples]
/** Changes since an index's snapshot, applied on top of it at query time. */
type Overlay = {
  key: string
  built: Built
  /** Index points no longer visible (or no longer matching the filter). */
  removed: Set<number>
  /** Index points still visible whose public properties changed. */
  changed: Map<number, Row>
  /** Visible concerns the index doesn't have. */
  added: { row: Row; x: number; y: number }[]
  removedAt: LevelDelta[]
  addedAt: Map<number, { into: LevelDelta; loose: Row[] }>
}

type Entry = {
  filter: ClusterFilter
  built?: Built
  building?: Promise<void>
  lastBuildEnd: number
  lastBuildMs: number
  overlay?: Overlay
  overlayPending?: { key: string; built: Built; promise: Promise<Overlay | undefined> }
  /** An overlay query found too many changes against this index (undefined: none yet). */
  tooMany?: { key: string; built: Built }
  /** The version a request already waited REBUILD_WAIT_MS for. */
  waited?: string
}

/** What a request reads: an index and, when it is behind, the overlay of what changed since. */
export type ClusterView = { built: Built; overlay?: Overlay }

/**
 * In-memory cluster indexes, one per filter, over the cells of visible concerns.
 *
 * Freshness: the `concern_changes` sequence (bumped by a trigger on every statement, from any
 * process) is read at most every CHANGE_CHECK_MS, and at once after this process committed a
 * change (`changed()`). When it moved, the request is answered from the last built index plus an
 * overlay — the concerns whose `updated_at` is after the index's snapshot, one small indexed query
 * — while a new index is built in a worker thread, so no request waits for a build (except the
 * very first, and after deletions, see REBUILD_WAIT_MS).
 */
export class ClusterIndexes {
  private entries = new Map<string, Entry>()
  private localChanges = 0
  private check?: { at: number; local: number; value: Promise<Version> }
  private builder = new Builder()

  /** Called after this process committed a change (closes the gap between trigger and commit). */
  changed(): void {
    this.localChanges++
  }

  private version(sql: Sql): Promise<Version> {
    const now = performance.now()
    const check = this.check
    if (check && check.local === this.localChanges && now - check.at < CHANGE_CHECK_MS) return check.value
    const local = this.localChanges
    const value = readVersion(sql, local)
    const fresh = { at: now, local, value }
    this.check = fresh
    value.catch(() => this.check === fresh && (this.check = undefined))
    return value
  }

  async get(sql: Sql, filter: ClusterFilter): Promise<ClusterView> {
    const version = await this.version(sql)
    const key = `${filter.publish}|${filter.category ?? '*'}|${filter.timeBand ?? '*'}`
    let entry = this.entries.get(key)
    this.entries.delete(key) // re-inserted: the Map's order is the recency order
    if (!entry) entry = { filter, lastBuildEnd: 0, lastBuildMs: 0 }
    this.entries.set(key, entry)
    while (this.entries.size > MAX_INDEXES) this.entries.delete(this.entries.keys().next().value!)

    if (!entry.built) {
      this.startBuild(sql, entry, true)
      await entry.building
      if (!entry.built) throw new Error('cluster index build failed')
    }
    const built = entry.built
    if (sameVersion(built.version, version)) return { built }
    // Deleted rows leave nothing for the overlay to find; only a rebuild shows them gone.
    const deleted = built.version.deletions !== version.deletions
    this.startBuild(sql, entry, deleted)
    const overlay = deleted ? undefined : await this.overlay(sql, entry, built, version)
    if (overlay) return { built, overlay }
    // Deletions, or more changes than an overlay should carry (a bulk import): wait a little for
    // the rebuild (once per version), then answer from the index as it is.
    const current = (b: Built) => compareVersion(b.version, version) >= 0
    const waitKey = versionKey(version)
    if (entry.waited === waitKey) return { built }
    entry.waited = waitKey
    const deadline = performance.now() + REBUILD_WAIT_MS
    while (!current(entry.built) && performance.now() < deadline) {
      this.startBuild(sql, entry, true)
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise((resolve) => (timer = setTimeout(resolve, deadline - performance.now())))
      await Promise.race([entry.building?.catch(() => {}), timeout])
      clearTimeout(timer)
    }
    return { built: entry.built }
  }

  /** Starts a build unless one runs; `now` skips the pause that keeps builds from running back to back. */
  private startBuild(sql: Sql, entry: Entry, now: boolean) {
    if (entry.building) return
    if (!now && performance.now() - entry.lastBuildEnd < Math.max(REBUILD_PAUSE_MS, entry.lastBuildMs)) return
    const started = performance.now()
    const building = build(sql, entry.filter, this.localChanges, this.builder).then(
      (built) => {
        if (!entry.built || compareVersion(built.version, entry.built.version) >= 0) entry.built = built
      },
      (error: unknown) => {
        if (!entry.built) throw error
      },
    )
    entry.building = building
    const done = () => {
      if (entry.building === building) entry.building = undefined
      entry.lastBuildEnd = performance.now()
      entry.lastBuildMs = entry.lastBuildEnd - started
    }
    building.then(done, done)
  }

  private overlay(sql: Sql, entry: Entry, built: Built, version: Version): Promise<Overlay | undefined> {
    const key = versionKey(version)
    if (entry.overlay?.key === key && entry.overlay.built === built) return Promise.resolve(entry.overlay)
    if (entry.tooMany?.key === key && entry.tooMany.built === built) return Promise.resolve(undefined)
    if (entry.overlayPending?.key === key && entry.overlayPending.built === built) return entry.overlayPending.promise
    const pending = { key, built, promise: fetchOverlay(sql, entry.filter, built, key) }
    entry.overlayPending = pending
    pending.promise.then(
      (overlay) => {
        if (entry.built === built && overlay) entry.overlay = overlay
        if (!overlay) entry.tooMany = { key, built }
      },
      () => {},
    ).finally(() => entry.overlayPending === pending && (entry.overlayPending = undefined))
    return pending.promise
  }

  /** Waits until the index for this filter includes every change made so far (benchmarks, tests). */
  async ready(sql: Sql, filter: ClusterFilter, timeoutMs = 300_000): Promise<ClusterView> {
    const deadline = performance.now() + timeoutMs
    for (;;) {
      const version = await readVersion(sql, this.localChanges)
      const view = await this.get(sql, filter)
      if (!view.overlay && compareVersion(view.built.version, version) >= 0) return view
      if (performance.now() > deadline) throw new Error('the cluster index did not catch up')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  /** Stops the build worker (it is unref'd, so a process may also just exit). */
  close(): Promise<void> {
    return this.builder.close()
  }
}

const versionKey = (v: Version) => `${v.changes}:${v.deletions}:${v.local}`
const sameVersion = (a: Version, b: Version) => a.changes === b.changes && a.deletions === b.deletions && a.local === b.local
const compareVersion = (a: Version, b: Version) => {
  // A sequence as `last_value:is_called`: its count of nextval calls.
  const calls = (sequence: string) => {
    const [value, called] = sequence.split(':')
    return Number(value) - (called === 'true' ? 0 : 1)
  }
  const n = (v: Version) => [calls(v.deletions), calls(v.changes), v.local]
  const [x, y] = [n(a), n(b)]
  for (let k = 0; k < 3; k++) if (x[k] !== y[k]) return x[k]! - y[k]!
  return 0
}

async function readVersion(sql: Sql, local: number): Promise<Version> {
  const [row] = await sql<{ c: string; d: string }[]>`
    SELECT (SELECT last_value::text || ':' || is_called::text FROM concern_changes) AS c,
           (SELECT last_value::text || ':' || is_called::text FROM concern_deletions) AS d`
  return { changes: row!.c, deletions: row!.d, local }
}

/** The columns of a Row, for concerns aliased `c`. */
function rowColumns(sql: Sql) {
  const band = (k: number) => sql`coalesce((array_position(${TIME_BANDS as unknown as string[]}::text[], c.time_bands[${k}]) - 1) << ${3 + 2 * (k - 1)}, 0)`
  return sql`c.id, ST_X(c.cell), ST_Y(c.cell),
    (array_position(${CATEGORIES as unknown as string[]}::text[], c.category) - 1)
      | CASE WHEN c.source = 'sample' THEN ${SAMPLE} ELSE 0 END
      | ((array_position(${STATUSES as unknown as string[]}::text[], c.status) - 1) << 5)
      | ((array_position(${DAYS as unknown as string[]}::text[], c.days) - 1) << 8),
    cardinality(c.time_bands) | ${band(1)} | ${band(2)} | ${band(3)} | ${band(4)},
    (extract(year FROM c.month) * 12 + extract(month FROM c.month) - 1)::int,
    c.support_count, c.public_summary, c.public_response`
}

function filterCondition(sql: Sql, filter: ClusterFilter) {
  return sql`${visible(sql, filter.publish)}
    ${filter.category ? sql`AND c.category = ${filter.category}` : sql``}
    ${filter.timeBand ? sql`AND ${filter.timeBand} = ANY (c.time_bands)` : sql``}`
}

async function build(sql: Sql, filter: ClusterFilter, local: number, builder: Builder): Promise<Built> {
  // One snapshot for the version, the rows and `since`; rows in batches so that the event loop
  // (and, embedded, the database) serve other requests in between.
  const read = await sql.begin('isolation level repeatable read read only', async (tx) => {
    const [head] = await tx<{ c: string; d: string; since: string }[]>`
      SELECT (SELECT last_value::text || ':' || is_called::text FROM concern_changes) AS c,
             (SELECT last_value::text || ':' || is_called::text FROM concern_deletions) AS d,
             -- A transaction still open now may commit rows stamped before now(): start from the oldest.
             (SELECT least(now(), min(xact_start)) FROM pg_stat_activity WHERE pid <> pg_backend_pid())::text AS since`
    // One scan, in no order (a cursor: the database yields between batches, and so does this
    // process); the worker sorts the ids for lookups.
    const into = new Columns()
    await tx`
      SELECT ${rowColumns(sql)} FROM concerns c WHERE ${filterCondition(sql, filter)}`
      .values()
      .cursor(BATCH, (rows) => into.add(rows as unknown as Row[]))
    return { head: head!, columns: into.done() }
  })
  const { n, ids, lng, lat, flags, bands, month, support, texts } = read.columns
  const result = await builder.build(ids, lng, lat, flags)
  const levels: Level[] = []
  for (const l of result.levels) {
    if (l) levels[l.z] = { kd: KDBush.from(l.kd), xy: l.xy, num: l.num, ref: l.ref, slot: l.slot, next: l.next }
  }
  return {
    version: { changes: read.head.c, deletions: read.head.d, local },
    since: read.head.since,
    points: n,
    levels,
    counts: result.counts,
    ids: result.ids,
    sortedIds: result.sorted,
    order: result.order,
    lng: result.lng,
    lat: result.lat,
    flags: result.flags,
    bands,
    month,
    support,
    texts,
    json: [],
  }
}

/** Cell coordinates to 6 decimals (~0.1 m), as the public list gives them. */
const round6 = (v: number) => Math.round(v * 1e6) / 1e6

/** Rows into typed columns, growing as batches come. */
class Columns {
  n = 0
  ids = new Float64Array(1024)
  lng = new Float64Array(1024)
  lat = new Float64Array(1024)
  flags = new Uint16Array(1024)
  bands = new Uint16Array(1024)
  month = new Int32Array(1024)
  support = new Int32Array(1024)
  texts = new Map<number, [string | null, string | null]>()

  add(rows: Row[]) {
    const need = this.n + rows.length
    if (need > this.ids.length) {
      let size = this.ids.length
      while (size < need) size *= 2
      const grow = <T extends Float64Array | Uint16Array | Int32Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(size)
        b.set(a)
        return b
      }
      this.ids = grow(this.ids)
      this.lng = grow(this.lng)
      this.lat = grow(this.lat)
      this.flags = grow(this.flags)
      this.bands = grow(this.bands)
      this.month = grow(this.month)
      this.support = grow(this.support)
    }
    let k = this.n
    for (const r of rows) {
      this.ids[k] = r[0]
      this.lng[k] = round6(r[1])
      this.lat[k] = round6(r[2])
      this.flags[k] = r[3]
      this.bands[k] = r[4]
      this.month[k] = r[5]
      this.support[k] = r[6]
      if (r[7] !== null || r[8] !== null) this.texts.set(k, [r[7], r[8]])
      k++
    }
    this.n = k
  }

  /** Trimmed to size (ids, lng, lat and flags go to the worker, so they must be exactly n long). */
  done() {
    const n = this.n
    return {
      n,
      ids: this.ids.slice(0, n),
      lng: this.lng.slice(0, n),
      lat: this.lat.slice(0, n),
      flags: this.flags.slice(0, n),
      bands: this.bands.subarray(0, n),
      month: this.month.subarray(0, n),
      support: this.support.subarray(0, n),
      texts: this.texts,
    }
  }
}

/** The position of a concern id in a built index, or -1. */
function positionOf(built: Built, id: number): number {
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

/** The changes since an index's snapshot; undefined when there are more than MAX_OVERLAY. */
async function fetchOverlay(sql: Sql, filter: ClusterFilter, built: Built, key: string): Promise<Overlay | undefined> {
  const rows = (await sql`
    SELECT ${rowColumns(sql)}, ${filterCondition(sql, filter)}
    FROM concerns c
    WHERE c.updated_at >= ${built.since}::timestamptz
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
  // Each removed point leaves the cluster holding it, at every level.
  const top = CLUSTER_OPTIONS.maxZoom + 1
  for (let z = MIN_ZOOM; z <= top; z++) overlay.removedAt[z] = new Map()
  for (const s of overlay.removed) {
    let position = s
    for (let z = top; z >= MIN_ZOOM; z--) {
      addCounts(overlay.removedAt[z]!, position, built.flags[s]!)
      if (z > MIN_ZOOM) position = built.levels[z]!.next[position]!
    }
  }
  return overlay
}

function addCounts(delta: LevelDelta, position: number, flags: number) {
  let counts = delta.get(position)
  if (!counts) delta.set(position, (counts = new Int32Array(WIDTH + 1)))
  counts[0]!++
  counts[1 + (flags & CATEGORY_MASK)]!++
  if (flags & SAMPLE) counts[WIDTH]!++
}

/** Where the overlay's new concerns go at a level: into the nearest cluster within reach, else alone. */
function addedAt(overlay: Overlay, z: number) {
  let placed = overlay.addedAt.get(z)
  if (placed) return placed
  placed = { into: new Map(), loose: [] }
  const level = overlay.built.levels[z]!
  const removed = overlay.removedAt[z]!
  const r = CLUSTER_OPTIONS.radius / (EXTENT * Math.pow(2, z))
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

/** The one index point left in a cluster whose other points were all removed by the overlay. */
function remainingPoint(view: Required<ClusterView>, z: number, position: number): number {
  const { built, overlay } = view
  for (;;) {
    const level = built.levels[z]!
    if (level.num[position] === 1) return level.ref[position]!
    const offset = level.ref[position]! - built.points
    const origin = Math.floor(offset / 32)
    const childZoom = offset % 32
    const children = built.levels[childZoom]!
    const parentAt = children.next[origin]!
    const r = CLUSTER_OPTIONS.radius / (EXTENT * Math.pow(2, childZoom - 1))
    const removed = overlay.removedAt[childZoom]!
    let found = -1
    for (const k of children.kd.within(children.xy[2 * origin]!, children.xy[2 * origin + 1]!, r)) {
      if (children.next[k] === parentAt && children.num[k]! - (removed.get(k)?.[0] ?? 0) > 0) {
        found = k
        break
      }
    }
    if (found < 0) return -1
    z = childZoom
    position = found
  }
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
export type PointFeature = { type: 'Feature'; id: number; geometry: Point; properties: { cluster: false } & PublicConcern }

const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`)
function publicProperties(id: number, flags: number, bands: number, month: number, support: number, texts?: [string | null, string | null]): PublicConcern {
  const timeBands: string[] = []
  for (let k = 0; k < (bands & 7); k++) timeBands.push(TIME_BANDS[(bands >> (3 + 2 * k)) & 3]!)
  return {
    id,
    category: CATEGORIES[flags & CATEGORY_MASK]!,
    timeBands,
    days: DAYS[(flags >> 8) & 3]!,
    month: `${Math.floor(month / 12)}-${pad((month % 12) + 1)}`,
    supportCount: support,
    status: STATUSES[(flags >> 5) & 7]!,
    publicSummary: texts?.[0] ?? null,
    publicResponse: texts?.[1] ?? null,
    sample: (flags & SAMPLE) !== 0,
  }
}

/** A lone concern's Feature as JSON text, written directly (what JSON.stringify would make of a PointFeature). */
function pointJson(id: number, lng: number, lat: number, flags: number, bands: number, month: number, support: number, texts?: [string | null, string | null]): string {
  let timeBands = BANDS_JSON.get(bands)
  if (timeBands === undefined) {
    timeBands = JSON.stringify(publicProperties(0, 0, bands, 0, 0).timeBands)
    BANDS_JSON.set(bands, timeBands)
  }
  return (
    `{"type":"Feature","id":${id},"geometry":{"type":"Point","coordinates":[${lng},${lat}]},"properties":{"cluster":false,` +
    `"id":${id},"category":"${CATEGORIES[flags & CATEGORY_MASK]}","timeBands":${timeBands},"days":"${DAYS[(flags >> 8) & 3]}",` +
    `"month":"${Math.floor(month / 12)}-${pad((month % 12) + 1)}","supportCount":${support},"status":"${STATUSES[(flags >> 5) & 7]}",` +
    `"publicSummary":${JSON.stringify(texts?.[0] ?? null)},"publicResponse":${JSON.stringify(texts?.[1] ?? null)},` +
    `"sample":${(flags & SAMPLE) !== 0}}}`
  )
}
const BANDS_JSON = new Map<number, string>()
const rowJson = (r: Row, lng = r[1], lat = r[2]) => pointJson(r[0], lng, lat, r[3], r[4], r[5], r[6], [r[7], r[8]])

/** An index point as JSON: cached per index, unless the overlay changed its properties. */
function indexPointJson(view: ClusterView, s: number): string {
  const { built, overlay } = view
  const row = overlay?.changed.get(s)
  if (row) return rowJson(row, built.lng[s]!, built.lat[s]!)
  let json = built.json[s]
  if (json === undefined) {
    json = built.json[s] = pointJson(built.ids[s]!, built.lng[s]!, built.lat[s]!, built.flags[s]!, built.bands[s]!, built.month[s]!, built.support[s]!, built.texts.get(s))
  }
  return json
}

/**
 * The clusters and lone concerns (cells only, with their public properties) in a bbox at a zoom,
 * as the JSON text of a FeatureCollection: the index's, corrected by the overlay. Clusters come
 * first, then lone concerns. Written as text since it is most of a request's work.
 */
export function clustersJson(view: ClusterView, bbox: [number, number, number, number], zoom: number): string {
  let minLng = ((((bbox[0] + 180) % 360) + 360) % 360) - 180
  const minLat = Math.max(-90, Math.min(90, bbox[1]))
  let maxLng = bbox[2] === 180 ? 180 : ((((bbox[2] + 180) % 360) + 360) % 360) - 180
  const maxLat = Math.max(-90, Math.min(90, bbox[3]))
  if (bbox[2] - bbox[0] >= 360) {
    minLng = -180
    maxLng = 180
  }
  const z = Math.max(MIN_ZOOM, Math.min(Math.floor(zoom), CLUSTER_OPTIONS.maxZoom + 1))
  const clusters: string[] = []
  const points: string[] = []
  const ranges: [number, number][] = minLng > maxLng ? [[minLng, 180], [-180, maxLng]] : [[minLng, maxLng]]
  for (const [west, east] of ranges) collect(view, z, west, minLat, east, maxLat, clusters, points)
  const features = clusters.length ? (points.length ? `${clusters.join(',')},${points.join(',')}` : clusters.join(',')) : points.join(',')
  return `{"type":"FeatureCollection","features":[${features}]}`
}

function collect(view: ClusterView, z: number, west: number, south: number, east: number, north: number, clusters: string[], points: string[]) {
  const { built, overlay } = view
  const level = built.levels[z]
  if (!level) return
  const removed = overlay?.removedAt[z]
  const placed = overlay && overlay.added.length ? addedAt(overlay, z) : undefined
  for (const k of level.kd.range(lngX(west), latY(north), lngX(east), latY(south))) {
    const num = level.num[k]!
    if (num === 1) {
      const s = level.ref[k]!
      if (!overlay?.removed.has(s)) points.push(indexPointJson(view, s))
      continue
    }
    const minus = removed?.get(k)
    const plus = placed?.into.get(k)
    const count = num - (minus?.[0] ?? 0) + (plus?.[0] ?? 0)
    if (count <= 0) continue
    if (count === 1) {
      const s = remainingPoint(view as Required<ClusterView>, z, k)
      if (s >= 0) points.push(indexPointJson(view, s))
      continue
    }
    const base = level.slot[k]! * WIDTH
    let categories = ''
    for (let c = 0; c < CATEGORIES.length; c++) {
      const n = built.counts[base + c]! - (minus?.[1 + c] ?? 0) + (plus?.[1 + c] ?? 0)
      if (n > 0) categories += `${categories ? ',' : ''}"${CATEGORIES[c]}":${n}`
    }
    const clusterId = level.ref[k]!
    // A cluster made at zoom z splits at z + 1 (supercluster encodes that zoom in the id).
    const expansionZoom = (clusterId - built.points) % 32
    const samples = built.counts[base + CATEGORIES.length]! - (minus?.[WIDTH] ?? 0) + (plus?.[WIDTH] ?? 0)
    clusters.push(
      `{"type":"Feature","geometry":{"type":"Point","coordinates":[${xLng(level.xy[2 * k]!)},${yLat(level.xy[2 * k + 1]!)}]},` +
        `"properties":{"cluster":true,"clusterId":${clusterId},"pointCount":${count},"expansionZoom":${expansionZoom},` +
        `"categories":{${categories}},"sampleCount":${samples}}}`,
    )
  }
  if (placed) {
    for (const row of placed.loose) {
      if (row[1] >= west && row[1] <= east && row[2] >= south && row[2] <= north) {
        points.push(rowJson(row))
      }
    }
  }
}

// Spherical mercator in [0..1], as supercluster computes it.
const lngX = (lng: number) => lng / 360 + 0.5
function latY(lat: number) {
  const sin = Math.sin((lat * Math.PI) / 180)
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI
  return y < 0 ? 0 : y > 1 ? 1 : y
}
const xLng = (x: number) => (x - 0.5) * 360
const yLat = (y: number) => (360 * Math.atan(Math.exp(((180 - y * 360) * Math.PI) / 180))) / Math.PI - 90

type WorkerLevel = { z: number; kd: ArrayBuffer; xy: Float64Array; num: Uint32Array; ref: Float64Array; slot: Int32Array; next: Int32Array }
type WorkerResult = {
  levels: (WorkerLevel | undefined)[]
  counts: Uint32Array
  lng: Float64Array
  lat: Float64Array
  flags: Uint16Array
  ids: Float64Array
  sorted: Float64Array
  order: Uint32Array
}

/** The build worker (cluster-worker.mjs): one per process's indexes, started on first use, unref'd. */
class Builder {
  private worker?: Worker
  private jobs = new Map<number, { resolve: (r: WorkerResult) => void; reject: (e: Error) => void }>()
  private nextJob = 0

  build(ids: Float64Array, lng: Float64Array, lat: Float64Array, flags: Uint16Array): Promise<WorkerResult> {
    const worker = this.start()
    const job = this.nextJob++
    return new Promise<WorkerResult>((resolve, reject) => {
      this.jobs.set(job, { resolve, reject })
      if (this.jobs.size === 1) worker.ref()
      worker.postMessage(
        { job, ids, lng, lat, flags, options: { ...CLUSTER_OPTIONS, minZoom: MIN_ZOOM, extent: EXTENT }, categories: CATEGORIES.length },
        [ids.buffer, lng.buffer, lat.buffer, flags.buffer] as ArrayBuffer[],
      )
    })
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./cluster-worker.mjs', import.meta.url))
    worker.unref()
    worker.on('message', (message: { job: number; result?: WorkerResult; error?: string }) => {
      const job = this.jobs.get(message.job)
      this.jobs.delete(message.job)
      if (this.jobs.size === 0) worker.unref()
      if (message.result) job?.resolve(message.result)
      else job?.reject(new Error(`cluster build failed: ${message.error}`))
    })
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined
      for (const job of this.jobs.values()) job.reject(error)
      this.jobs.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`cluster worker exited (${code})`)))
    this.worker = worker
    return worker
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    if (worker) await worker.terminate()
  }
}

// One set of indexes per database connection pool, shared by every app built on it.
const byDatabase = new WeakMap<Sql, ClusterIndexes>()
export function clusterIndexes(sql: Sql): ClusterIndexes {
  let indexes = byDatabase.get(sql)
  if (!indexes) byDatabase.set(sql, (indexes = new ClusterIndexes()))
  return indexes
}
