/**
 * Routing benchmarks on one database (DATABASE_URL, or a fresh embedded PostGIS), on the
 * Southgate and Monaco networks:
 * - A→B: the engine's shortest path between 200 seeded node pairs, and the POST /api/routes
 *   endpoint (safest profile, alternatives, explanation, stored) — against pgRouting's
 *   pgr_dijkstra on the same edges and lengths in the same run (server only: the embedded
 *   PostGIS has no pgRouting);
 * - loops of 5 and 10 km from seeded starts (engine and endpoint);
 * - graph build time, bytes per edge, and re-weighting after one new concern.
 * Writes a JSON result to the file named by --out.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createApp } from '../server/app.ts'
import { openDatabase } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import { loadDemoData } from '../server/demo.ts'
import { importFiles } from '../server/importers/import.ts'
import { computeRoutes } from '../server/routing/compute.ts'
import { loadGraph, PGR_EDGES } from '../server/routing/network.ts'
import { routingService } from '../server/routing/service.ts'
import { trailLength } from '../server/routing/trail.ts'
import { detectTileEncoder } from '../server/tiles/tile.ts'
import { percentile, seededRandom } from './random.ts'
import { insertConcernOnEdge, seedConcernsOnNetwork } from './seed.ts'
import { figureBook, time } from './measure.ts'

const DATA = new URL('../../shared/data/', import.meta.url).pathname
const SEED = 20261121
const PAIRS = 200
const LOOP_STARTS = 20
// An autumn evening: dark, evening band, so every penalty of the cost model is in play.
const DEPART_AT = '2026-11-17T18:30:00Z'

const { values } = parseArgs({ options: { out: { type: 'string' } } })
const dataDir = process.env.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'cg-bench-'))
const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: dataDir ?? '' })
const sql = db.sql
const { figures, stat } = figureBook()

try {
  await migrate(sql)
  const pgrouting = db.kind === 'server' && (await sql`CREATE EXTENSION IF NOT EXISTS pgrouting`.then(() => true, () => false))
  await sql`TRUNCATE path_edges, open_spaces, street_lamps, boundaries, crimes RESTART IDENTITY`
  await sql`TRUNCATE concerns RESTART IDENTITY CASCADE`
  await loadDemoData(sql, DATA, () => {})
  const app = createApp({ db, tileEncoder: await detectTileEncoder(sql), config: { mapStyleUrl: undefined } })
  const service = routingService(sql, 'immediately')

  for (const network of ['southgate', 'monaco'] as const) {
    if (network === 'monaco') {
      await sql`TRUNCATE path_edges RESTART IDENTITY`
      await importFiles(sql, 'osm', [join(DATA, 'osm/monaco.osm.pbf')])
      // Concerns for Monaco's network: the demo's sample mix has none there, so seed a few hundred.
      await seedConcernsOnNetwork(sql, 300, SEED)
    }
    const [graph, buildMs] = await time(() => loadGraph(sql))
    figures[`${network}_edges`] = graph.edgeCount
    figures[`${network}_graph_build_ms`] = buildMs
    figures[`${network}_graph_bytes_per_edge`] = graph.bytes() / graph.edgeCount
    await service.refresh()
    await service.settled()
    const current = await service.refresh()
    if (current.graph.edgeCount !== graph.edgeCount) throw new Error('the service did not pick up the new network')

    // Re-weighting after one new concern: the in-memory update alone, and the whole refresh
    // (reading what changed from the database included).
    const row = await insertConcernOnEdge(sql, 100)
    const before = current.concerns.size
    const [, refreshMs] = await time(() => service.refresh())
    if (current.concerns.size !== before + 1) throw new Error('the new concern was not picked up')
    figures[`${network}_refresh_after_one_concern_ms`] = refreshMs
    const started = performance.now()
    current.concerns.set(row)
    figures[`${network}_reweight_one_concern_ms`] = performance.now() - started

    // A→B between seeded node pairs of the main component.
    const random = seededRandom(SEED)
    const main: number[] = []
    for (let n = 0; n < graph.nodeCount; n++) if (graph.component[n] === graph.mainComponent) main.push(n)
    const pairs = Array.from({ length: PAIRS }, () => [main[Math.floor(random() * main.length)]!, main[Math.floor(random() * main.length)]!] as const)
    const engine: number[] = []
    const reference: number[] = []
    const endpoint: number[] = []
    let mismatches = 0
    const snapAt = (n: number) => graph.snap(graph.nodeLng[n]!, graph.nodeLat[n]!, 1)!
    for (const [a, b] of pairs.slice(0, 20)) current.planner.connect(snapAt(a), snapAt(b), graph.length, 1) // warm-up
    for (const [a, b] of pairs) {
      // What the engine does for a `shortest` A→B: snap both ends, A* between them.
      const started = performance.now()
      const trail = current.planner.connect(snapAt(a), snapAt(b), graph.length, 1)
      engine.push(performance.now() - started)
      const path = trail && { cost: trailLength(graph, trail) }
      if (pgrouting) {
        const [rows, refMs] = await time(
          () => sql<{ cost: number | null }[]>`
            SELECT sum(cost) AS cost FROM pgr_dijkstra(${PGR_EDGES},
              ${graph.osmNode[a]!}::bigint, ${graph.osmNode[b]!}::bigint, directed => false)`,
        )
        reference.push(refMs)
        const theirs = rows[0]?.cost ?? (a === b ? 0 : null)
        if ((theirs === null) !== (path === null) || (theirs !== null && Math.abs(theirs - path!.cost) > 1e-6 * Math.max(1, theirs))) mismatches++
      }
      const from = { lng: graph.nodeLng[a]!, lat: graph.nodeLat[a]! }
      const to = { lng: graph.nodeLng[b]!, lat: graph.nodeLat[b]! }
      if (a === b) continue
      const [res, endpointMs] = await time(() => post(app, { from, to, departAt: DEPART_AT }))
      if (res.status !== 200) throw new Error(`POST /api/routes answered ${res.status}: ${await res.text()}`)
      endpoint.push(endpointMs)
    }
    stat(`${network}_ab_engine_shortest`, engine)
    stat(`${network}_ab_endpoint_safest`, endpoint)
    if (pgrouting) {
      stat(`${network}_ab_pgr_dijkstra`, reference)
      figures[`${network}_ab_engine_vs_pgr_p50_speedup`] = percentile(reference, 50) / percentile(engine, 50)
      figures[`${network}_ab_endpoint_vs_pgr_p50_speedup`] = percentile(reference, 50) / percentile(endpoint, 50)
      figures[`${network}_ab_pgr_mismatches`] = mismatches
    }

    // Loops from seeded starts.
    for (const km of [5, 10]) {
      const engineLoops: number[] = []
      const endpointLoops: number[] = []
      let failed = 0
      for (let i = 0; i < LOOP_STARTS; i++) {
        const n = main[Math.floor(random() * main.length)]!
        const request = { from: { lng: graph.nodeLng[n]!, lat: graph.nodeLat[n]! }, distanceMeters: km * 1000, departAt: DEPART_AT }
        const [ok, ms] = await time(() => {
          try {
            return computeRoutes(current, { ...request, departAt: new Date(DEPART_AT), profile: 'safest' }).routes.length
          } catch {
            return 0
          }
        })
        engineLoops.push(ms)
        if (!ok) failed++
        const [, endpointMs] = await time(async () => (await post(app, request)).arrayBuffer())
        endpointLoops.push(endpointMs)
      }
      stat(`${network}_loop_${km}km_engine`, engineLoops)
      stat(`${network}_loop_${km}km_endpoint`, endpointLoops)
      figures[`${network}_loop_${km}km_failed_starts`] = failed
    }
  }
} finally {
  await db.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
}

await writeFile(values.out ?? '/dev/stdout', JSON.stringify({ database: db.kind, figures }, null, 2))

function post(app: ReturnType<typeof createApp>, body: unknown) {
  return app.request('/api/routes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
}
