import type { Sql } from '../db/database.ts'
import type { PublishConcerns } from '../concerns/visibility.ts'
import { ConcernLoad } from './concern-load.ts'
import type { RoutingGraph } from './graph.ts'
import { loadConcerns, loadGraph } from './network.ts'
import { loadPatrolPaths, type PatrolPaths } from './patrol-paths.ts'
import { Planner } from './plan.ts'

/** The graph, its planner and the concerns' weights on it, as one consistent snapshot. */
export type RoutingState = {
  graph: RoutingGraph
  planner: Planner
  concerns: ConcernLoad
  /** Where public patrols walk, and when (the patrol bonus). */
  patrols: PatrolPaths
  networkVersion: string
  concernVersion: string
  deletionVersion: string
  patrolVersion: string
  /** Concerns updated from this instant on are re-read on the next change (see Versions' horizon). */
  syncedAt: Date
}

/**
 * Where the change sequences stood (as text: last value and whether it was called), and the
 * horizon: no transaction still open then had started before it.
 */
type Versions = { network: string; concerns: string; deletions: string; patrols: string; horizon: Date }

/** Versions are read at most this often; a change shows within this time. */
const CHECK_EVERY_MS = 200

/**
 * The routing graph held in memory, one per database. Sequences bumped by triggers tell it what
 * changed, whoever changed it: `path_network_changes` (an import) rebuilds the graph in the
 * background while requests keep using the previous one; `concern_changes` re-weights just the
 * concerns updated since the last look, unless `concern_deletions` moved too (a deleted row leaves
 * nothing to read back), which reloads them all; `patrol_changes` re-reads where public patrols
 * walk. Nothing needs a restart.
 */
export class RoutingService {
  private current: RoutingState | null = null
  private pending: Promise<RoutingState> | null = null
  private rebuilding: Promise<void> | null = null
  private checkedAt = 0

  constructor(
    private readonly sql: Sql,
    private readonly publish: PublishConcerns,
  ) {}

  /** The current snapshot, brought up to date when the versions moved. */
  async state(): Promise<RoutingState> {
    if (this.current && Date.now() - this.checkedAt < CHECK_EVERY_MS) return this.current
    this.pending ??= this.refresh().finally(() => (this.pending = null))
    return this.pending
  }

  /** Re-reads the versions now (tests and the bench call this instead of waiting). */
  async refresh(): Promise<RoutingState> {
    const versions = await this.versions()
    this.checkedAt = Date.now()
    const current = this.current
    if (!current) return (this.current = await this.build(versions))
    if (versions.network !== current.networkVersion) {
      // Requests keep the previous graph until the new one is ready.
      this.rebuilding ??= this.build(versions)
        .then((state) => void (this.current = state))
        .finally(() => (this.rebuilding = null))
      return current
    }
    if (versions.concerns !== current.concernVersion) await this.syncConcerns(current, versions)
    if (versions.patrols !== current.patrolVersion) {
      current.patrols = await loadPatrolPaths(this.sql, current.graph)
      current.patrolVersion = versions.patrols
    }
    return current
  }

  /** Resolves once a rebuild in progress (if any) is in place. */
  async settled(): Promise<void> {
    await this.rebuilding
  }

  private async versions(): Promise<Versions> {
    const [row] = await this.sql<Versions[]>`
      SELECT (SELECT last_value::text || is_called::text FROM path_network_changes) AS network,
             (SELECT last_value::text || is_called::text FROM concern_changes) AS concerns,
             (SELECT last_value::text || is_called::text FROM concern_deletions) AS deletions,
             (SELECT last_value::text || is_called::text FROM patrol_changes) AS patrols,
             -- updated_at is a transaction's start: one still open may yet commit rows stamped
             -- that early, so the next sync reads from the oldest open transaction's start.
             (SELECT least(now(), min(xact_start)) FROM pg_stat_activity
              WHERE pid <> pg_backend_pid() AND backend_type = 'client backend') AS horizon`
    return row!
  }

  private async build(versions: Versions): Promise<RoutingState> {
    const graph = await loadGraph(this.sql)
    const concerns = new ConcernLoad(graph)
    for (const c of await loadConcerns(this.sql, graph, this.publish)) concerns.set(c)
    return {
      graph,
      planner: new Planner(graph),
      concerns,
      patrols: await loadPatrolPaths(this.sql, graph),
      networkVersion: versions.network,
      concernVersion: versions.concerns,
      deletionVersion: versions.deletions,
      patrolVersion: versions.patrols,
      syncedAt: versions.horizon,
    }
  }

  /** Applies the concerns changed since the last sync; after a deletion, reloads them all. */
  private async syncConcerns(state: RoutingState, versions: Versions) {
    if (versions.deletions !== state.deletionVersion) {
      const fresh = new ConcernLoad(state.graph)
      for (const c of await loadConcerns(this.sql, state.graph, this.publish)) fresh.set(c)
      state.concerns = fresh
    } else {
      for (const c of await loadConcerns(this.sql, state.graph, this.publish, state.syncedAt)) {
        if (c.visible) state.concerns.set(c)
        else state.concerns.remove(c.id)
      }
    }
    state.concernVersion = versions.concerns
    state.deletionVersion = versions.deletions
    state.syncedAt = versions.horizon
  }
}

const byDatabase = new WeakMap<Sql, RoutingService>()
/** One routing service per database connection pool, shared by every app built on it. */
export function routingService(sql: Sql, publish: PublishConcerns): RoutingService {
  let service = byDatabase.get(sql)
  if (!service) byDatabase.set(sql, (service = new RoutingService(sql, publish)))
  return service
}
