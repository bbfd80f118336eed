import { changeWatcher, type ChangeWatcher } from '../../db/changes.ts'
import type { Sql } from '../../db/database.ts'
import { Builder } from './builder.ts'
import { buildIndex, CLUSTER_OPTIONS, type BuiltIndex } from './built-index.ts'
import type { ClusterFilter } from './columns.ts'
import { fetchOverlay, type ClusterView, type Overlay } from './overlay.ts'
import { compareVersion, sameVersion, versionKey, versionOf, type Version } from './version.ts'

/** At most this many filtered indexes are kept; the least recently used goes first. */
const MAX_INDEXES = 8
/**
 * Only deletions (sample clean-up, TRUNCATE) need a rebuild before they show, since the overlay
 * can't see a row that is gone: a request waits this long for it, then answers from the old index.
 */
export const REBUILD_WAIT_MS = 1000
/**
 * Under a stream of reports an index is rebuilt at most this often (and never back to back with
 * a build slower than that): the overlay shows each change at once meanwhile, and a full read of
 * the concerns per report or two would cost the database more than all the map's other reads.
 */
const REBUILD_PAUSE_MS = 5000

type Entry = {
  filter: ClusterFilter
  built?: BuiltIndex
  building?: Promise<void>
  lastBuildEnd: number
  lastBuildMs: number
  overlay?: Overlay
  overlayPending?: { key: string; built: BuiltIndex; promise: Promise<Overlay | undefined> }
  /** An overlay query found too many changes against this index (undefined: none yet). */
  tooMany?: { key: string; built: BuiltIndex }
  /** The version a request already waited REBUILD_WAIT_MS for. */
  waited?: string
}

/**
 * In-memory cluster indexes, one per filter, over the cells of visible concerns.
 *
 * Freshness: the change sequences (server/db/changes.ts) are read at most every CHANGE_CHECK_MS,
 * and at once after this process committed a change. When `concern_changes` moved, the request
 * is answered from the last built index plus an overlay — the concerns whose `updated_at` is
 * after the index's snapshot, one small indexed query — while a new index is built in a worker
 * thread, so no request waits for a build (except the very first, and after deletions, see
 * REBUILD_WAIT_MS).
 */
export class ClusterIndexes {
  private entries = new Map<string, Entry>()
  private builder = new Builder(CLUSTER_OPTIONS)

  constructor(private readonly watcher: ChangeWatcher) {}

  /** Called after this process committed a change (closes the gap between trigger and commit). */
  changed(): void {
    this.watcher.changed()
  }

  async get(sql: Sql, filter: ClusterFilter): Promise<ClusterView> {
    const version = versionOf(await this.watcher.read())
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
    const current = (b: BuiltIndex) => compareVersion(b.version, version) >= 0
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
    const building = buildIndex(sql, entry.filter, this.watcher, this.builder).then(
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

  private overlay(sql: Sql, entry: Entry, built: BuiltIndex, version: Version): Promise<Overlay | undefined> {
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
      const version = versionOf(await this.watcher.readNow())
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

// One set of indexes per database connection pool, shared by every app built on it.
const byDatabase = new WeakMap<Sql, ClusterIndexes>()
export function clusterIndexes(sql: Sql): ClusterIndexes {
  let indexes = byDatabase.get(sql)
  if (!indexes) byDatabase.set(sql, (indexes = new ClusterIndexes(changeWatcher(sql))))
  return indexes
}
