/**
 * Routing at the scale of a whole force, on the server database (pgRouting is the reference):
 * a walkable network of about a million edges stitched from copies of the real Southgate and
 * Monaco networks (bench/force-network.ts), 20,000 seeded concerns on it, then
 * - graph build from the database (SQL and arrays), bytes an edge (graph, and the searches'
 *   workspaces);
 * - A→B of about 10 km between seeded junctions: the engine's shortest (A*), the safest with its
 *   alternatives and explanation (computeRoutes), and `pgr_dijkstra` on the same graph in the
 *   same run (fewer pairs: it reads the whole edge table per query), with the ratio at p50 and
 *   the cost mismatches;
 * - 8 km evening loops from seeded starts (computeRoutes, safest);
 * - re-weighting after one new concern.
 * `--cells` sets the number of copies (default 170: about a million edges). JSON to --out.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openDatabase } from '../server/db/database.ts'
import { readChanges } from '../server/db/changes.ts'
import { migrate } from '../server/db/migrate.ts'
import { ApiError } from '../server/errors.ts'
import { importFiles } from '../server/importers/import.ts'
import { computeRoutes } from '../server/routing/compute.ts'
import { ConcernLoad } from '../server/routing/concern-load.ts'
import { loadConcerns, loadGraph, PGR_EDGES } from '../server/routing/network.ts'
import { loadPatrolPaths } from '../server/routing/patrol-paths.ts'
import { Planner } from '../server/routing/plan.ts'
import type { RoutingState } from '../server/routing/service.ts'
import { trailLength } from '../server/routing/trail.ts'
import { metresBetween } from '../common/geo.ts'
import { readBaseNetwork, writeForceNetwork, type BaseEdge } from './force-network.ts'
import { figureBook, time } from './measure.ts'
import { percentile, seededRandom } from './random.ts'
import { insertConcernOnEdge, seedConcernsOnNetwork } from './seed.ts'

const DATA = new URL('../../shared/data/', import.meta.url).pathname
const SEED = 20261202
const EVENING = '2026-11-17T18:30:00Z'
const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    cells: { type: 'string', default: '170' },
    pairs: { type: 'string', default: '100' },
    'pgr-pairs': { type: 'string', default: '10' },
    loops: { type: 'string', default: '20' },
  },
})
if (!process.env.DATABASE_URL) throw new Error('bench/force.ts runs on a PostgreSQL/PostGIS server (DATABASE_URL): pgRouting is its reference')
const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '' })
const sql = db.sql
const { figures, stat } = figureBook()
const log = (message: string) => console.error(`bench force: ${message}`)

try {
  await migrate(sql)
  const pgrouting = await sql`CREATE EXTENSION IF NOT EXISTS pgrouting`.then(() => true, () => false)
  await sql`TRUNCATE path_edges, open_spaces, street_lamps, boundaries, crimes RESTART IDENTITY`
  await sql`TRUNCATE concerns RESTART IDENTITY CASCADE`
  const bases: BaseEdge[][] = []
  for (const file of ['osm/north-london-southgate.osm', 'osm/monaco.osm.pbf']) {
    await sql`TRUNCATE path_edges RESTART IDENTITY`
    await importFiles(sql, 'osm', [join(DATA, file)])
    bases.push(await readBaseNetwork(sql))
  }
  const [edgeCount, writeMs] = await time(() => writeForceNetwork(sql, bases, Number(values.cells), [-0.45, 51.3]))
  log(`${edgeCount} edges written in ${Math.round(writeMs / 1000)} s`)
  figures.force_edges = edgeCount
  await seedConcernsOnNetwork(sql, 20_000, SEED)

  const [graph, buildMs] = await time(() => loadGraph(sql))
  figures.force_graph_build_ms = buildMs
  figures.force_graph_bytes_per_edge = graph.bytes() / graph.edgeCount
  const planner = new Planner(graph)
  figures.force_search_workspace_bytes_per_edge = planner.workspaceBytes() / graph.edgeCount
  const concerns = new ConcernLoad(graph)
  for (const c of await loadConcerns(sql, graph, 'immediately')) concerns.set(c)
  const { local: _, ...seen } = await readChanges(sql)
  const state: RoutingState = { graph, planner, concerns, patrols: await loadPatrolPaths(sql, graph), seen }
  log(`graph: ${graph.edgeCount} edges, ${graph.nodeCount} junctions, built in ${Math.round(buildMs)} ms, ${Math.round(figures.force_graph_bytes_per_edge)} B an edge`)

  // Re-weighting after one new concern (in memory: what a request waits for after the change is read).
  const row = await insertConcernOnEdge(sql, 500000)
  const started = performance.now()
  concerns.set(row)
  figures.force_reweight_one_concern_ms = performance.now() - started

  // Seeded pairs of junctions of the main component about 10 km apart.
  const random = seededRandom(SEED)
  const main: number[] = []
  for (let n = 0; n < graph.nodeCount; n++) if (graph.component[n] === graph.mainComponent) main.push(n)
  const pick = () => main[Math.floor(random() * main.length)]!
  const pairs: [number, number][] = []
  while (pairs.length < Number(values.pairs)) {
    const a = pick()
    for (let tries = 0; tries < 2000; tries++) {
      const b = pick()
      const d = metresBetween(graph.nodeLng[a]!, graph.nodeLat[a]!, graph.nodeLng[b]!, graph.nodeLat[b]!)
      if (d >= 9000 && d <= 11_000) {
        pairs.push([a, b])
        break
      }
    }
  }
  const snapAt = (n: number) => graph.snap(graph.nodeLng[n]!, graph.nodeLat[n]!, 1)!
  const point = (n: number) => ({ lng: graph.nodeLng[n]!, lat: graph.nodeLat[n]! })
  for (const [a, b] of pairs.slice(0, 5)) planner.connect(snapAt(a), snapAt(b), graph.length, 1) // warm-up
  const shortest: number[] = []
  const safest: number[] = []
  const lengths: number[] = []
  for (const [a, b] of pairs) {
    const [trail, ms] = await time(() => planner.connect(snapAt(a), snapAt(b), graph.length, 1))
    shortest.push(ms)
    if (trail) lengths.push(trailLength(graph, trail))
    const [, safestMs] = await time(() => computeRoutes(state, { from: point(a), to: point(b), departAt: new Date(EVENING), profile: 'safest' }))
    safest.push(safestMs)
  }
  stat('force_ab_10km_engine_shortest', shortest)
  stat('force_ab_10km_compute_safest_with_alternatives', safest)
  figures.force_ab_route_length_median_m = percentile(lengths, 50)

  if (pgrouting) {
    const reference: number[] = []
    const engine: number[] = []
    let mismatches = 0
    for (const [a, b] of pairs.slice(0, Number(values['pgr-pairs']))) {
      const [trail, ms] = await time(() => planner.connect(snapAt(a), snapAt(b), graph.length, 1))
      engine.push(ms)
      const [rows, refMs] = await time(
        () => sql<{ cost: number | null }[]>`
          SELECT sum(cost) AS cost FROM pgr_dijkstra(${PGR_EDGES}, ${graph.osmNode[a]!}::bigint, ${graph.osmNode[b]!}::bigint, directed => false)`,
      )
      reference.push(refMs)
      const theirs = rows[0]?.cost ?? null
      const ours = trail ? trailLength(graph, trail) : null
      if ((theirs === null) !== (ours === null) || (theirs !== null && Math.abs(theirs - ours!) > 1e-6 * Math.max(1, theirs))) mismatches++
    }
    stat('force_ab_10km_pgr_dijkstra', reference)
    figures.force_ab_engine_vs_pgr_p50_speedup = percentile(reference, 50) / percentile(engine, 50)
    figures.force_ab_pgr_mismatches = mismatches
  }

  const loops: number[] = []
  let failed = 0
  for (let i = 0; i < Number(values.loops); i++) {
    const n = pick()
    const [ok, ms] = await time(() => {
      try {
        return computeRoutes(state, { from: point(n), distanceMeters: 8000, departAt: new Date(EVENING), profile: 'safest' }).routes.length
      } catch (error) {
        if (error instanceof ApiError && error.status === 422) return 0
        throw error
      }
    })
    loops.push(ms)
    if (!ok) failed++
  }
  stat('force_loop_8km_compute_safest', loops)
  figures.force_loop_8km_failed_starts = failed
  for (const [name, value] of Object.entries(figures)) log(`${name}: ${Math.round(value * 100) / 100}`)
} finally {
  await db.close()
}

await writeFile(values.out ?? '/dev/stdout', JSON.stringify({ database: db.kind, figures }, null, 2))
