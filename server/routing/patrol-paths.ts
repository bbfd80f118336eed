import type { Sql } from '../db/database.ts'
import { sessions, type Schedule } from '../patrols/schedule.ts'
import type { RoutingGraph } from './graph.ts'

/** A patrol line's stretch is matched to the network edge within this distance of its middle. */
const MATCH_METRES = 2

/**
 * The paths public patrol plans walk, for the routes' patrol bonus (cost.ts `patrolled`): each
 * plan's line matched back to the graph's edges once, and its schedule asked per request. Plans
 * are drawn on this network, so the middle of each stretch of their line lies on an edge; after
 * a new import, stretches that no longer match are simply left out.
 */
export class PatrolPaths {
  constructor(
    private readonly graph: RoutingGraph,
    private readonly plans: { schedule: Schedule; edges: Int32Array }[],
  ) {}

  get size(): number {
    return this.plans.length
  }

  /** 1 on the edges a public patrol walks at some time in [from, to]; undefined when none does. */
  at(from: Date, to: Date): Uint8Array | undefined {
    let marks: Uint8Array | undefined
    for (const plan of this.plans) {
      if (sessions(plan.schedule, from, to).length === 0) continue
      marks ??= new Uint8Array(this.graph.edgeCount)
      for (const e of plan.edges) marks[e] = 1
    }
    return marks
  }
}

/** Reads the public plans that still have sessions ahead and matches their lines to the graph. */
export async function loadPatrolPaths(sql: Sql, graph: RoutingGraph): Promise<PatrolPaths> {
  const rows = await sql<{ schedule: Schedule; line: string }[]>`
    SELECT schedule, ST_AsGeoJSON(geom) AS line FROM patrols WHERE public AND last_end > now()`
  const plans = rows.map((row) => {
    const coordinates = (JSON.parse(row.line) as { coordinates: number[][] }).coordinates
    const edges = new Set<number>()
    for (let k = 1; k < coordinates.length; k++) {
      const [aLng, aLat] = coordinates[k - 1]!
      const [bLng, bLat] = coordinates[k]!
      const snap = graph.snap((aLng! + bLng!) / 2, (aLat! + bLat!) / 2, MATCH_METRES)
      if (snap) edges.add(snap.edge)
    }
    return { schedule: row.schedule, edges: Int32Array.from(edges) }
  })
  return new PatrolPaths(graph, plans)
}
