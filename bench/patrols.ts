/**
 * Reassurance patrol benchmarks on one database (DATABASE_URL, or a fresh embedded PostGIS), on
 * the Southgate network with 100k seeded concerns and 200 seeded patrol plans in one ISO week:
 * - GET /api/coverage for the whole area (p50/p95), split into loadCoverage (SQL) and
 *   evaluateCoverage (in memory), with nothing changed in between (the concerns and the plans'
 *   reaches kept) and right after a concern or a plan changed; references in the same run: a plain scan of the concerns in
 *   the area (count, sum of support) and the concern–plan pairs in PostGIS alone (ST_DWithin on
 *   geography, 100 m), with the ratios endpoint/reference;
 * - POST /api/patrols/suggest (60-minute evening budget) from 20 seeded starts, and the
 *   in-memory suggestPatrol alone (`--thin 10`: from 3 starts at full size, then from all 20
 *   with the concerns thinned to one in 10);
 * - the coverage the suggested patrol gains ('optimised') against the heaviest-first heuristic
 *   ('by_weight') from the same 20 starts.
 * Writes a JSON result to the file named by --out; prints a table to stderr.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createApp } from '../server/app.ts'
import { createSession, SESSION_COOKIE } from '../server/auth/sessions.ts'
import type { User } from '../server/auth/users.ts'
import { TIME_BANDS } from '../server/concerns/vocabulary.ts'
import { openDatabase } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import { ApiError } from '../server/errors.ts'
import { importFiles } from '../server/importers/import.ts'
import { evaluateCoverage, loadCoverage } from '../server/patrols/coverage.ts'
import { savePatrol } from '../server/patrols/plans.ts'
import { DAYS, type Schedule } from '../server/patrols/schedule.ts'
import { reachMetres, suggestPatrol, type Suggestion } from '../server/patrols/suggest.ts'
import { routingService } from '../server/routing/service.ts'
import { detectTileEncoder } from '../server/tiles/tile.ts'
import { seededRandom } from './random.ts'
import { figureBook, time } from './measure.ts'

const DATA = new URL('../../shared/data/', import.meta.url).pathname
const SEED = 20261121
/** The Southgate area of the imported network: the whole area coverage is asked for. */
const AREA = [-0.1585, 51.5978, -0.0949, 51.6316] as const
const WEEK = '2026-W48' // Mon 23 – Sun 29 Nov 2026, GMT: London time is UTC
const WEEK_DATES = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']
const SETTINGS = { coverageMetres: 100, dosageMinutes: 15 }

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    concerns: { type: 'string', default: '100000' },
    centres: { type: 'string', default: '250' },
    plans: { type: 'string', default: '200' },
    // At 100k concerns one evaluation of the whole area takes seconds on a 2-core machine: few runs.
    runs: { type: 'string', default: '5' },
    'pairs-runs': { type: 'string', default: '1' },
    starts: { type: 'string', default: '20' },
    // With `thin` over 1: suggestions from `big-starts` of the starts at the full size, then from
    // all of them with the concerns thinned to one in `thin` (same centres, less dense).
    'big-starts': { type: 'string', default: '3' },
    thin: { type: 'string', default: '1' },
  },
})
const CONCERNS = Number(values.concerns)
const CENTRES = Number(values.centres)
const PLANS = Number(values.plans)
const RUNS = Number(values.runs)
const PAIRS_RUNS = Number(values['pairs-runs'])
const STARTS = Number(values.starts)
const BIG_STARTS = Number(values['big-starts'])
const THIN = Number(values.thin)

const dataDir = process.env.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'cg-bench-'))
const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: dataDir ?? '' })
const sql = db.sql
const { figures, stat } = figureBook()
const log = (message: string) => console.error(`bench patrols (${db.kind}): ${message}`)

try {
  await migrate(sql)
  await sql`TRUNCATE path_edges, open_spaces, street_lamps, boundaries RESTART IDENTITY`
  await sql`TRUNCATE patrols, concerns, sessions RESTART IDENTITY CASCADE`
  let [, ms] = await time(() => importFiles(sql, 'osm', [join(DATA, 'osm/north-london-southgate.osm')]))
  log(`network imported in ${Math.round(ms)} ms`)
  // The app's routes use the same service (one per database), so this one publishes immediately.
  const service = routingService(sql, 'immediately')
  const app = createApp({ db, tileEncoder: await detectTileEncoder(sql), config: { mapStyleUrl: undefined } })

  const [user] = await sql<User[]>`
    INSERT INTO users (email, name, role, password_hash)
    VALUES (${`patrols-bench-${Date.now()}@example.org`}, 'Bench officer', 'officer', 'not-a-login')
    RETURNING id::int AS id, email, name, role`
  const { token } = await createSession(sql, user!.id)
  const headers = { origin: 'http://localhost', cookie: `${SESSION_COOKIE}=${token}` }

  // 1. Seeding: concerns in one statement, plans through savePatrol.
  const random = seededRandom(SEED)
  ;[, ms] = await time(() => seedConcerns(random))
  figures.seed_concerns_ms = ms
  figures.concerns = CONCERNS
  log(`${CONCERNS} concerns seeded in ${Math.round(ms)} ms`)
  await sql`ANALYZE concerns`
  const state = await service.state()
  ;[, ms] = await time(async () => {
    let tries = 0
    for (let k = 0; k < PLANS; ) {
      if (++tries > PLANS * 20) throw new Error('too many plans failed to snap or join')
      const [clng, clat] = [AREA[0] + 0.1 * (AREA[2] - AREA[0]) + random() * 0.8 * (AREA[2] - AREA[0]), AREA[1] + 0.1 * (AREA[3] - AREA[1]) + random() * 0.8 * (AREA[3] - AREA[1])]
      const count = 2 + Math.floor(random() * 5)
      const waypoints = Array.from({ length: count }, () => ({
        lng: clng + (random() - 0.5) * 0.014,
        lat: clat + (random() - 0.5) * 0.008,
        dwellMinutes: random() < 0.4 ? 10 + Math.floor(random() * 6) : 0,
      }))
      const body = { title: `Bench patrol ${k + 1}`, team: 'Southgate SNT', public: random() < 0.7, waypoints, schedule: randomSchedule(random) }
      try {
        await savePatrol(sql, state, user!, body)
        k++
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
      }
    }
    figures.plan_attempts = tries
  })
  figures.plans = PLANS
  figures.seed_plans_ms = ms
  log(`${PLANS} plans saved in ${Math.round(ms)} ms (${figures.plan_attempts} attempts)`)
  await sql`ANALYZE patrols`

  // 2. Coverage of the whole area for the week.
  const bbox = AREA.join(',')
  const coverageOnce = async () => {
    const res = await app.request(`/api/coverage?bbox=${bbox}&week=${WEEK}`, { headers })
    if (res.status !== 200) throw new Error(`GET /api/coverage answered ${res.status}: ${await res.text()}`)
    return (await res.json()) as { coveredShare: number; totalWeight: number; hotspots: { features: unknown[] }; sessions: unknown[] }
  }
  const first = await coverageOnce() // warm-up
  figures.coverage_hotspots = first.hotspots.features.length
  figures.coverage_sessions = first.sessions.length
  figures.coverage_covered_share = first.coveredShare
  figures.coverage_total_weight = first.totalWeight
  const endpoint: number[] = []
  const load: number[] = []
  const evaluate: number[] = []
  const plain: number[] = []
  let inputs = await loadCoverage(sql, [...AREA], WEEK, SETTINGS)
  figures.coverage_plans_loaded = inputs.plans.length
  for (let r = 0; r < RUNS; r++) {
    endpoint.push((await time(coverageOnce))[1])
    ;[inputs, ms] = await time(() => loadCoverage(sql, [...AREA], WEEK, SETTINGS))
    load.push(ms)
    evaluate.push((await time(() => evaluateCoverage(inputs)))[1])
    plain.push(
      (
        await time(
          () => sql`SELECT count(*), sum(support_count) FROM concerns
                    WHERE geom && ST_MakeEnvelope(${AREA[0]}, ${AREA[1]}, ${AREA[2]}, ${AREA[3]}, 4326)`,
        )
      )[1],
    )
  }
  stat('coverage_endpoint', endpoint)
  stat('coverage_load_sql', load)
  stat('coverage_evaluate_memory', evaluate)
  stat('coverage_plain_scan', plain)
  // The same after a change, which the next request must show: the concerns read and clustered
  // again and every plan's reach found again (a concern's support changed), or one plan's (saved again).
  const [someConcern] = await sql<{ id: number }[]>`SELECT id::int AS id FROM concerns ORDER BY id LIMIT 1`
  const [somePlan] = await sql<{ id: number }[]>`SELECT id::int AS id FROM patrols ORDER BY id LIMIT 1`
  const afterConcern: number[] = []
  const afterPlan: number[] = []
  const loadCold: number[] = []
  const evaluateCold: number[] = []
  for (let r = 0; r < RUNS; r++) {
    await sql`UPDATE concerns SET support_count = support_count + ${r % 2 ? -1 : 1} WHERE id = ${someConcern!.id}`
    afterConcern.push((await time(coverageOnce))[1])
    await sql`UPDATE patrols SET updated_at = now() WHERE id = ${somePlan!.id}`
    afterPlan.push((await time(coverageOnce))[1])
    await sql`UPDATE concerns SET support_count = support_count + ${r % 2 ? -1 : 1} WHERE id = ${someConcern!.id}`
    ;[inputs, ms] = await time(() => loadCoverage(sql, [...AREA], WEEK, SETTINGS))
    loadCold.push(ms)
    evaluateCold.push((await time(() => evaluateCoverage(inputs)))[1])
  }
  stat('coverage_endpoint_after_concern_change', afterConcern)
  stat('coverage_endpoint_after_plan_change', afterPlan)
  stat('coverage_load_sql_after_concern_change', loadCold)
  stat('coverage_evaluate_memory_after_concern_change', evaluateCold)
  // The concern–plan pairs in PostGIS alone: a planar ST_DWithin of 0.0015° (more than 100 m in
  // any direction at this latitude) lets the index find the candidates, ST_DWithin on geography
  // decides the 100 m exactly. (Without the planar filter no index is used: minutes even on a server.)
  const pairs: number[] = []
  let pairsCount = 0
  for (let r = 0; r < PAIRS_RUNS; r++) {
    const [rows, pairsMs] = await time(
      () => sql<{ n: number }[]>`
        SELECT count(DISTINCT c.id)::int AS n FROM concerns c JOIN patrols p
          ON ST_DWithin(c.geom, p.geom, 0.0015) AND ST_DWithin(c.geom::geography, p.geom::geography, ${SETTINGS.coverageMetres})
        WHERE c.geom && ST_MakeEnvelope(${AREA[0]}, ${AREA[1]}, ${AREA[2]}, ${AREA[3]}, 4326)
          AND p.last_end > ${new Date(`${WEEK_DATES[0]}T00:00:00Z`)} AND p.first_start < ${new Date('2026-11-30T00:00:00Z')}`,
    )
    pairs.push(pairsMs)
    pairsCount = rows[0]!.n
  }
  stat('coverage_postgis_pairs', pairs)
  figures.coverage_postgis_pairs_concerns_near_a_plan = pairsCount
  figures.coverage_endpoint_to_plain_scan_p50_ratio = figures.coverage_endpoint_p50_ms! / figures.coverage_plain_scan_p50_ms!
  figures.coverage_endpoint_to_postgis_pairs_p50_ratio = figures.coverage_endpoint_p50_ms! / figures.coverage_postgis_pairs_p50_ms!
  figures.coverage_load_sql_to_plain_scan_p50_ratio = figures.coverage_load_sql_p50_ms! / figures.coverage_plain_scan_p50_ms!
  log('coverage measured')

  // 3. Suggestions from seeded starts: the endpoint, suggestPatrol alone, optimised vs by_weight.
  const starts: { lng: number; lat: number }[] = []
  while (starts.length < STARTS) {
    const lng = AREA[0] + (0.25 + random() * 0.5) * (AREA[2] - AREA[0])
    const lat = AREA[1] + (0.25 + random() * 0.5) * (AREA[3] - AREA[1])
    const snap = state.graph.snap(lng, lat, 200)
    if (snap) starts.push({ lng: Math.round(snap.lng * 1e7) / 1e7, lat: Math.round(snap.lat * 1e7) / 1e7 })
  }
  const request = (start: { lng: number; lat: number }) => ({ start, timeBand: 'evening' as const, minutes: 60, week: WEEK })
  const suggestOnce = async (start: { lng: number; lat: number }) => {
    const res = await app.request('/api/patrols/suggest', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(request(start)),
    })
    if (res.status !== 200) throw new Error(`POST /api/patrols/suggest answered ${res.status}: ${await res.text()}`)
    return (await res.json()) as Suggestion
  }
  if (THIN > 1) {
    await suggestOnce(starts[0]!) // warm-up
    const big: number[] = []
    for (const start of starts.slice(0, BIG_STARTS)) big.push((await time(() => suggestOnce(start)))[1])
    stat(`suggest_${CONCERNS / 1000}k_endpoint`, big)
    log(`suggestions at ${CONCERNS} concerns measured`)
    await sql`DELETE FROM concerns WHERE id % ${THIN} <> 0`
    await sql`ANALYZE concerns`
  }
  const [countRow] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM concerns`
  const thinned = countRow!.n
  figures.suggest_concerns = thinned
  await service.refresh()
  await suggestOnce(starts[0]!) // warm-up
  const suggestEndpoint: number[] = []
  const suggestLoad: number[] = []
  const suggestEvaluate: number[] = []
  const optimisedMs: number[] = []
  const byWeightMs: number[] = []
  const gains: { optimised: number; byWeight: number; optimisedCandidates: number; byWeightCandidates: number; optimisedStops: number; byWeightStops: number }[] = []
  const current = await service.state()
  // With 10-minute stops a 60-minute budget holds one or two hot spots, so the choice of set and
  // order barely shows there; the same comparison on a 120-minute budget, over the whole area.
  const wholeArea = evaluateCoverage(await loadCoverage(sql, [...AREA], WEEK, SETTINGS))
  const gains120: { optimised: number; byWeight: number; optimisedStops: number; byWeightStops: number }[] = []
  for (const start of starts) {
    const long = { ...request(start), minutes: 120, dwellMinutes: 10 }
    const [o120, b120] = [suggestPatrol(current, wholeArea, long, 'optimised'), suggestPatrol(current, wholeArea, long, 'by_weight')]
    gains120.push({ optimised: o120.gain.weightAdded, byWeight: b120.gain.weightAdded, optimisedStops: o120.hotspots.length, byWeightStops: b120.hotspots.length })
    suggestEndpoint.push((await time(() => suggestOnce(start)))[1])
    // What the endpoint reads: the area within reach of the start.
    const reach = reachMetres(60) + 200
    const dLat = reach / 111_000
    const dLng = dLat / Math.cos((start.lat * Math.PI) / 180)
    const [near, loadMs] = await time(() => loadCoverage(sql, [start.lng - dLng, start.lat - dLat, start.lng + dLng, start.lat + dLat], WEEK, SETTINGS))
    suggestLoad.push(loadMs)
    const [before, evaluateMs] = await time(() => evaluateCoverage(near))
    suggestEvaluate.push(evaluateMs)
    const body = { ...request(start), dwellMinutes: 10 }
    const [optimised, oMs] = await time(() => suggestPatrol(current, before, body, 'optimised'))
    optimisedMs.push(oMs)
    const [byWeight, bMs] = await time(() => suggestPatrol(current, before, body, 'by_weight'))
    byWeightMs.push(bMs)
    const candidateWeight = (s: Suggestion) => s.hotspots.reduce((sum, h) => sum + h.uncoveredWeight, 0)
    gains.push({
      optimised: optimised.gain.weightAdded,
      byWeight: byWeight.gain.weightAdded,
      optimisedCandidates: candidateWeight(optimised),
      byWeightCandidates: candidateWeight(byWeight),
      optimisedStops: optimised.hotspots.length,
      byWeightStops: byWeight.hotspots.length,
    })
  }
  const k = `suggest_${Math.round(thinned / 1000)}k`
  stat(`${k}_endpoint`, suggestEndpoint)
  stat(`${k}_load_sql`, suggestLoad)
  stat(`${k}_evaluate_before_memory`, suggestEvaluate)
  stat(`${k}_memory_optimised`, optimisedMs)
  stat(`${k}_memory_by_weight`, byWeightMs)
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length
  figures.suggest_starts = STARTS
  figures.gain_optimised_weight_added_mean = mean(gains.map((g) => g.optimised))
  figures.gain_by_weight_weight_added_mean = mean(gains.map((g) => g.byWeight))
  figures.gain_optimised_to_by_weight_ratio = figures.gain_optimised_weight_added_mean / figures.gain_by_weight_weight_added_mean
  figures.gain_starts_optimised_at_least_by_weight = gains.filter((g) => g.optimised >= g.byWeight - 1e-9).length
  figures.gain_optimised_hotspot_weight_mean = mean(gains.map((g) => g.optimisedCandidates))
  figures.gain_by_weight_hotspot_weight_mean = mean(gains.map((g) => g.byWeightCandidates))
  figures.gain_starts_optimised_hotspot_weight_at_least_by_weight = gains.filter((g) => g.optimisedCandidates >= g.byWeightCandidates - 1e-9).length
  figures.gain_optimised_stops_mean = mean(gains.map((g) => g.optimisedStops))
  figures.gain_by_weight_stops_mean = mean(gains.map((g) => g.byWeightStops))
  figures.gain_120min_optimised_weight_added_mean = mean(gains120.map((g) => g.optimised))
  figures.gain_120min_by_weight_weight_added_mean = mean(gains120.map((g) => g.byWeight))
  figures.gain_120min_optimised_to_by_weight_ratio = figures.gain_120min_optimised_weight_added_mean / figures.gain_120min_by_weight_weight_added_mean
  figures.gain_120min_starts_optimised_at_least_by_weight = gains120.filter((g) => g.optimised >= g.byWeight - 1e-9).length
  figures.gain_120min_optimised_stops_mean = mean(gains120.map((g) => g.optimisedStops))
  figures.gain_120min_by_weight_stops_mean = mean(gains120.map((g) => g.byWeightStops))
  gains.forEach((g, k) => {
    if (g.optimised < g.byWeight - 1e-9) log(`start ${k + 1} ${JSON.stringify(starts[k])}: optimised added ${g.optimised} < by_weight ${g.byWeight} (${JSON.stringify(g)})`)
  })
  printTable(k)
} finally {
  await db.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
}

await writeFile(values.out ?? '/dev/stdout', JSON.stringify({ database: db.kind, week: WEEK, area: AREA, figures }, null, 2))

/**
 * CONCERNS concerns in one INSERT … unnest: around CENTRES seeded centres over the area
 * (Gaussian, 10–35 m spread, centres of uneven size), with seeded bands, days and support.
 */
async function seedConcerns(random: () => number) {
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const centres = Array.from({ length: CENTRES }, () => ({
    lng: AREA[0] + random() * (AREA[2] - AREA[0]),
    lat: AREA[1] + random() * (AREA[3] - AREA[1]),
    sigma: 10 + random() * 25,
    size: 0.2 + random() ** 2 * 3,
    // Most hot spots are an evening or night problem; a centre has a main band.
    band: random() < 0.6 ? 2 + Math.floor(random() * 2) : Math.floor(random() * 4),
  }))
  const total = centres.reduce((s, c) => s + c.size, 0)
  const cumulative: number[] = []
  centres.reduce((s, c) => (cumulative.push(s + c.size / total), s + c.size / total), 0)
  const lng = new Float64Array(CONCERNS)
  const lat = new Float64Array(CONCERNS)
  const bands: string[] = []
  const days: string[] = []
  const support: number[] = []
  const mPerDegLat = 111_320
  for (let i = 0; i < CONCERNS; i++) {
    const u = random()
    let c = cumulative.findIndex((x) => x >= u)
    if (c < 0) c = centres.length - 1
    const centre = centres[c]!
    lng[i] = Math.min(AREA[2], Math.max(AREA[0], centre.lng + (gauss() * centre.sigma) / (mPerDegLat * Math.cos((centre.lat * Math.PI) / 180))))
    lat[i] = Math.min(AREA[3], Math.max(AREA[1], centre.lat + (gauss() * centre.sigma) / mPerDegLat))
    const set = new Set<string>([TIME_BANDS[random() < 0.7 ? centre.band : Math.floor(random() * 4)]!])
    if (random() < 0.3) set.add(TIME_BANDS[Math.floor(random() * 4)]!)
    bands.push(`{${[...set].join(',')}}`)
    const d = random()
    days.push(d < 0.6 ? 'any' : d < 0.8 ? 'weekdays' : 'weekends')
    // Mostly one person; a long tail of "me too".
    support.push(1 + Math.floor(-Math.log(1 - random()) * (random() < 0.8 ? 0.5 : 4)))
  }
  await sql`
    INSERT INTO concerns (category, time_bands, days, source, support_count, geom, cell)
    SELECT 'isolated', b::text[], d, 'sample', s, p, concern_cell(p)
    FROM (SELECT unnest(${bands}::text[]) AS b, unnest(${days}::text[]) AS d, unnest(${support}::int[]) AS s,
                 ST_SetSRID(ST_MakePoint(unnest(${[...lng]}::float8[]), unnest(${[...lat]}::float8[])), 4326) AS p) s`
}

/** A weekly schedule running through the week, or a one-off session in it (London time = UTC in November). */
function randomSchedule(random: () => number): Schedule {
  const hour = [6, 10, 14, 17, 18, 19, 20, 22][Math.floor(random() * 8)]!
  const minute = random() < 0.5 ? 0 : 30
  const durationMinutes = [45, 60, 90, 120, 180][Math.floor(random() * 5)]!
  const hhmm = `${String(hour).padStart(2, '0')}:${minute ? '30' : '00'}`
  if (random() < 0.6) {
    const chosen = DAYS.filter(() => random() < 0.35)
    return {
      days: chosen.length ? chosen : [DAYS[Math.floor(random() * 7)]!],
      startTime: hhmm,
      durationMinutes,
      validFrom: '2026-11-01',
      validUntil: '2027-02-28',
    }
  }
  return { start: `${WEEK_DATES[Math.floor(random() * 7)]}T${hhmm}:00Z`, durationMinutes }
}

function printTable(k: string) {
  const f = (n: number | undefined, digits = 1) => (n === undefined ? '–' : n.toFixed(digits))
  const row = (name: string, base: string) => `  ${name.padEnd(44)} ${f(figures[`${base}_p50_ms`]).padStart(10)} ${f(figures[`${base}_p95_ms`]).padStart(10)}`
  const lines = [
    `patrols bench on the ${db.kind} database: ${CONCERNS} concerns, ${PLANS} plans, week ${WEEK}`,
    `  ${'figure'.padEnd(44)} ${'p50 ms'.padStart(10)} ${'p95 ms'.padStart(10)}`,
    row('GET /api/coverage (whole area)', 'coverage_endpoint'),
    row('  loadCoverage (SQL)', 'coverage_load_sql'),
    row('  evaluateCoverage (memory)', 'coverage_evaluate_memory'),
    row('  after a concern changed', 'coverage_endpoint_after_concern_change'),
    row('  after a plan changed', 'coverage_endpoint_after_plan_change'),
    row('  loadCoverage after a concern changed', 'coverage_load_sql_after_concern_change'),
    row('  evaluateCoverage after a concern changed', 'coverage_evaluate_memory_after_concern_change'),
    row('  ref: plain scan count/sum in bbox', 'coverage_plain_scan'),
    row('  ref: PostGIS concern–plan pairs', 'coverage_postgis_pairs'),
    ...(THIN > 1 ? [row(`POST /api/patrols/suggest, ${CONCERNS} concerns`, `suggest_${CONCERNS / 1000}k_endpoint`)] : []),
    row(`POST /api/patrols/suggest, ${figures.suggest_concerns} concerns`, `${k}_endpoint`),
    row('  loadCoverage (reach bbox)', `${k}_load_sql`),
    row('  evaluateCoverage before (memory)', `${k}_evaluate_before_memory`),
    row('  suggestPatrol optimised (memory)', `${k}_memory_optimised`),
    row('  suggestPatrol by_weight (memory)', `${k}_memory_by_weight`),
    `  coverage endpoint / plain scan p50:     ${f(figures.coverage_endpoint_to_plain_scan_p50_ratio, 2)}`,
    `  coverage endpoint / PostGIS pairs p50:  ${f(figures.coverage_endpoint_to_postgis_pairs_p50_ratio, 3)}`,
    `  hot spots ${figures.coverage_hotspots}, sessions ${figures.coverage_sessions}, covered share ${figures.coverage_covered_share}`,
    `  gain at ${figures.suggest_concerns} concerns (weightAdded, mean of ${STARTS} starts): optimised ${f(figures.gain_optimised_weight_added_mean, 2)}, by_weight ${f(figures.gain_by_weight_weight_added_mean, 2)}, ratio ${f(figures.gain_optimised_to_by_weight_ratio, 3)}`,
    `  starts where optimised >= by_weight: ${figures.gain_starts_optimised_at_least_by_weight}/${STARTS} (hot-spot weight chosen: ${figures.gain_starts_optimised_hotspot_weight_at_least_by_weight}/${STARTS})`,
    `  stops, 60 min: optimised ${f(figures.gain_optimised_stops_mean, 2)}, by_weight ${f(figures.gain_by_weight_stops_mean, 2)}`,
    `  gain, 120 min, whole area: optimised ${f(figures.gain_120min_optimised_weight_added_mean, 2)}, by_weight ${f(figures.gain_120min_by_weight_weight_added_mean, 2)}, ratio ${f(figures.gain_120min_optimised_to_by_weight_ratio, 3)}, optimised >= by_weight ${figures.gain_120min_starts_optimised_at_least_by_weight}/${STARTS}; stops ${f(figures.gain_120min_optimised_stops_mean, 2)} vs ${f(figures.gain_120min_by_weight_stops_mean, 2)}`,
  ]
  console.error(lines.join('\n'))
}
