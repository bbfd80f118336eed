/**
 * Loop shape benchmark on one database (DATABASE_URL, or a fresh embedded PostGIS): running
 * loops of 5 and 8 km, asked for in the evening (dark) and at noon under the safest profile,
 * from seeded starts on the Southgate network (the demo data, its sample concerns) and on
 * Monaco's (300 seeded concerns). For every loop returned: sharp turns per km (heading change
 * over 75° measured over 30 m), the isoperimetric quotient 4πA/L², the retraced share and the
 * distance error; for every request the number of distinct choices and the time. The reference
 * in the same run is the plain-distance loop of the same start (the `shortest` profile): its
 * shape, and the ratio of the time. Medians over the set; JSON to the file named by --out.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openDatabase } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import { loadDemoData } from '../server/demo.ts'
import { ApiError } from '../server/errors.ts'
import { importFiles } from '../server/importers/import.ts'
import { computeRoutes, type ComputedRoute } from '../server/routing/compute.ts'
import type { Profile } from '../server/routing/cost.ts'
import { routingService, type RoutingState } from '../server/routing/service.ts'
import { isoperimetricQuotient, sharpTurnsPerKm } from '../server/routing/shape.ts'
import { figureBook, time } from './measure.ts'
import { percentile, seededRandom } from './random.ts'
import { seedConcernsOnNetwork } from './seed.ts'

const DATA = new URL('../../shared/data/', import.meta.url).pathname
const SEED = 20261202
const { values } = parseArgs({ options: { out: { type: 'string' }, starts: { type: 'string', default: '20' } } })
const STARTS = Number(values.starts)
/** A November Tuesday: dark at 18:30, daylight at noon (London is on GMT). */
const TIMES = { evening: '2026-11-17T18:30:00Z', noon: '2026-11-17T12:00:00Z' } as const
const DISTANCES_KM = [5, 8] as const

const dataDir = process.env.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'cg-bench-'))
const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: dataDir ?? '' })
const sql = db.sql
const { figures, stat } = figureBook()
const log = (message: string) => console.error(`bench loops (${db.kind}): ${message}`)
const median = (xs: number[]) => (xs.length ? percentile(xs, 50) : NaN)

try {
  await migrate(sql)
  await sql`TRUNCATE path_edges, open_spaces, street_lamps, boundaries, crimes RESTART IDENTITY`
  await sql`TRUNCATE concerns RESTART IDENTITY CASCADE`
  await loadDemoData(sql, DATA, () => {})
  const service = routingService(sql, 'immediately')

  for (const network of ['southgate', 'monaco'] as const) {
    if (network === 'monaco') {
      await sql`TRUNCATE path_edges RESTART IDENTITY`
      await importFiles(sql, 'osm', [join(DATA, 'osm/monaco.osm.pbf')])
      await seedConcernsOnNetwork(sql, 300, SEED)
    }
    await service.refresh()
    await service.settled()
    const state = await service.refresh()
    const { graph } = state
    const random = seededRandom(SEED)
    const main: number[] = []
    for (let n = 0; n < graph.nodeCount; n++) if (graph.component[n] === graph.mainComponent && graph.degree(n) > 1) main.push(n)
    const starts = Array.from({ length: STARTS }, () => main[Math.floor(random() * main.length)]!)
    log(`${network}: ${graph.edgeCount} edges, ${starts.length} starts`)

    for (const km of DISTANCES_KM) {
      for (const [when, departAt] of Object.entries(TIMES)) {
        const key = `${network}_${km}km_${when}`
        const shape = { turns: [] as number[], ipq: [] as number[], retrace: [] as number[], error: [] as number[] }
        const reference = { turns: [] as number[], ipq: [] as number[] }
        const choices: number[] = []
        const ms: number[] = []
        const referenceMs: number[] = []
        let failed = 0
        for (const n of starts) {
          const from = { lng: graph.nodeLng[n]!, lat: graph.nodeLat[n]! }
          const [safest, took] = await time(() => loopsFrom(state, from, km, departAt, 'safest'))
          ms.push(took)
          if (!safest) {
            failed++
            choices.push(0)
            continue
          }
          choices.push(safest.length)
          for (const loop of safest) {
            const line = loop.geometry.coordinates
            shape.turns.push(sharpTurnsPerKm(line))
            shape.ipq.push(isoperimetricQuotient(line))
            shape.retrace.push(loop.properties.retraceShare ?? 0)
            shape.error.push(Math.abs(loop.properties.lengthMeters - km * 1000) / (km * 1000))
          }
          const [plain, plainMs] = await time(() => loopsFrom(state, from, km, departAt, 'shortest'))
          referenceMs.push(plainMs)
          if (plain?.[0]) {
            reference.turns.push(sharpTurnsPerKm(plain[0].geometry.coordinates))
            reference.ipq.push(isoperimetricQuotient(plain[0].geometry.coordinates))
          }
        }
        figures[`${key}_sharp_turns_per_km_median`] = median(shape.turns)
        figures[`${key}_ipq_median`] = median(shape.ipq)
        figures[`${key}_retrace_share_median`] = median(shape.retrace)
        figures[`${key}_retrace_share_p90`] = shape.retrace.length ? percentile(shape.retrace, 90) : NaN
        figures[`${key}_distance_error_median`] = median(shape.error)
        figures[`${key}_distance_error_max`] = Math.max(...shape.error)
        figures[`${key}_choices_median`] = median(choices)
        figures[`${key}_requests_with_3_choices`] = choices.filter((c) => c >= 3).length
        figures[`${key}_failed_starts`] = failed
        figures[`${key}_shortest_sharp_turns_per_km_median`] = median(reference.turns)
        figures[`${key}_shortest_ipq_median`] = median(reference.ipq)
        stat(`${key}_safest`, ms)
        stat(`${key}_shortest`, referenceMs)
        figures[`${key}_safest_to_shortest_p50_ratio`] = percentile(ms, 50) / percentile(referenceMs, 50)
        log(
          `${key}: turns/km ${median(shape.turns).toFixed(2)} (shortest ${median(reference.turns).toFixed(2)}), ` +
            `IPQ ${median(shape.ipq).toFixed(2)}, retrace ${(100 * median(shape.retrace)).toFixed(1)}%, ` +
            `choices ${median(choices)} (${choices.filter((c) => c >= 3).length}/${starts.length} with 3), ` +
            `error ${(100 * median(shape.error)).toFixed(1)}%, failed ${failed}, p95 ${percentile(ms, 95).toFixed(0)} ms`,
        )
      }
    }
  }
} finally {
  await db.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
}

await writeFile(values.out ?? '/dev/stdout', JSON.stringify({ database: db.kind, figures }, null, 2))

/** The loops computed for one request, or null when the start allows none (a 422). */
function loopsFrom(state: RoutingState, from: { lng: number; lat: number }, km: number, departAt: string, profile: Profile): ComputedRoute[] | null {
  try {
    return computeRoutes(state, { from, distanceMeters: km * 1000, departAt: new Date(departAt), profile }).routes
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) return null
    throw error
  }
}
