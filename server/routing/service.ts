import { changeWatcher, type Changes, type ChangeWatcher } from '../db/changes.ts'
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
  /** The changes (server/db/changes.ts) it reflects; its concerns are read back from `horizon` at the next change. */
  seen: Omit<Changes, 'local'>
}

/**
 * The routing graph held in memory, one per database and publishing rule. The change sequences
 * (server/db/changes.ts) tell it what changed, whoever changed it: `path_network_changes` (an
 * import) rebuilds the graph in the background while requests keep using the previous one;
 * `concern_changes` re-weights just the concerns updated since the last look, unless
 * `concern_deletions` moved too (a deleted row leaves nothing to read back), which reloads them
 * all; `patrol_changes` re-reads where public patrols walk. Nothing needs a restart.
 */
export class RoutingService {
  private current: RoutingState | null = null
  private pending: Promise<RoutingState> | null = null
  private rebuilding: Promise<void> | null = null
  private readonly watcher: ChangeWatcher

  constructor(
    private readonly sql: Sql,
    private readonly publish: PublishConcerns,
  ) {
    this.watcher = changeWatcher(sql)
  }

  /** The current snapshot, brought up to date when the data changed (a change shows within CHANGE_CHECK_MS). */
  async state(): Promise<RoutingState> {
    const changes = await this.watcher.read()
    if (this.current && !moved(this.current.seen, changes)) return this.current
    this.pending ??= this.update(changes).finally(() => (this.pending = null))
    return this.pending
  }

  /** Reads the changes now and applies them (tests and the bench call this instead of waiting). */
  async refresh(): Promise<RoutingState> {
    return this.update(await this.watcher.readNow())
  }

  /** Resolves once a rebuild in progress (if any) is in place. */
  async settled(): Promise<void> {
    await this.rebuilding
  }

  private async update(changes: Changes): Promise<RoutingState> {
    const current = this.current
    if (!current) return (this.current = await this.build(changes))
    if (changes.network !== current.seen.network) {
      // Requests keep the previous graph until the new one is ready.
      this.rebuilding ??= this.build(changes)
        .then((state) => void (this.current = state))
        .finally(() => (this.rebuilding = null))
      return current
    }
    if (changes.concerns !== current.seen.concerns) await this.syncConcerns(current, changes)
    if (changes.patrols !== current.seen.patrols) {
      current.patrols = await loadPatrolPaths(this.sql, current.graph)
      current.seen.patrols = changes.patrols
    }
    return current
  }

  private async build(changes: Changes): Promise<RoutingState> {
    const graph = await loadGraph(this.sql)
    const concerns = new ConcernLoad(graph)
    for (const c of await loadConcerns(this.sql, graph, this.publish)) concerns.set(c)
    const { local: _, ...seen } = changes
    return { graph, planner: new Planner(graph), concerns, patrols: await loadPatrolPaths(this.sql, graph), seen }
  }

  /** Applies the concerns changed since the last sync; after a deletion, reloads them all. */
  private async syncConcerns(state: RoutingState, changes: Changes) {
    if (changes.deletions !== state.seen.deletions) {
      const fresh = new ConcernLoad(state.graph)
      for (const c of await loadConcerns(this.sql, state.graph, this.publish)) fresh.set(c)
      state.concerns = fresh
    } else {
      for (const c of await loadConcerns(this.sql, state.graph, this.publish, state.seen.horizon)) {
        if (c.visible) state.concerns.set(c)
        else state.concerns.remove(c.id)
      }
    }
    state.seen.concerns = changes.concerns
    state.seen.deletions = changes.deletions
    state.seen.horizon = changes.horizon
  }
}

/** Whether any sequence the routing state follows moved since it was brought up to date. */
const moved = (seen: RoutingState['seen'], now: Changes) =>
  now.network !== seen.network || now.concerns !== seen.concerns || now.patrols !== seen.patrols

const services = new WeakMap<Sql, Map<PublishConcerns, RoutingService>>()
/** One routing service per database connection pool and publishing rule, shared by every app built on them. */
export function routingService(sql: Sql, publish: PublishConcerns): RoutingService {
  let byPublish = services.get(sql)
  if (!byPublish) services.set(sql, (byPublish = new Map()))
  let service = byPublish.get(publish)
  if (!service) byPublish.set(publish, (service = new RoutingService(sql, publish)))
  return service
}
