import type { FeatureCollection, Point } from 'geojson'
import { degreesSpanned } from '../../common/geo.ts'
import { PACE } from '../../common/pace.ts'
import { readChanges } from '../db/changes.ts'
import type { Sql } from '../db/database.ts'
import { visible } from '../concerns/visibility.ts'
import { TIME_BANDS, type TimeBand } from '../concerns/vocabulary.ts'
import { envelope, type Bbox } from '../map/bbox.ts'
import { bandIndex, bandsOf, ConcernPoints, slotBit, type ReachGrid } from './concern-points.ts'
import type { PlaceName } from './places.ts'
import { plansInPeriod } from './plans.ts'
import { isoWeek, sessionBands, type Session } from './schedule.ts'
import type { Waypoint } from './walk.ts'

/** Hot spots: DBSCAN over concerns, this far apart at most, … */
const HOTSPOT_METRES = 75
/** … at least this many together. */
const HOTSPOT_MIN_CONCERNS = 3
/** The Koper curve: a visit counts from 10 minutes, and beyond 15 adds nothing. */
const VISIT_MIN_MINUTES = 10
const VISIT_MAX_MINUTES = 15
/** The line is walked in pieces of at most this length to tell which stretches pass near a hot spot. */
const STEP_METRES = 50

export type CoverageSettings = { coverageMetres: number; dosageMinutes: number }

/**
 * A plan as coverage sees it: its line, stops and sessions in the week. `version` (the plan's id
 * and when it was last saved) names its line and stops: what they reach is kept under it.
 */
export type PlanInput = { id: number; version?: string; title: string; line: number[][]; waypoints: Waypoint[]; lengthMeters: number; sessions: Session[] }

export type CoverageInputs = { bbox: Bbox; week: string; from: Date; to: Date; dates: string[]; concerns: ConcernPoints; plans: PlanInput[]; settings: CoverageSettings }

/** What one evaluation found, kept for the suggestion; `report` shapes it for the API. */
export type Evaluation = {
  inputs: CoverageInputs
  /** Per concern: the slots a session near it covers. */
  coveredSlots: Uint8Array
  /** Per concern: its hot spot, or -1. */
  cluster: Int32Array
  hotspots: Hotspot[]
}

export type Hotspot = {
  /** Stable between recomputations: see hotspotId. */
  id: number
  members: number[]
  lng: number
  lat: number
  radiusMeters: number
  weight: number
  uncoveredWeight: number
  bands: number
  days: number
  patrolMinutes: number
  minutesPerDay: number
  meetsDosage: boolean
}

/**
 * Reads what coverage needs for one area and ISO week: the visible concerns (hidden and merged
 * ones never count; weights are support counts) and every plan with a session that week whose
 * line comes within reach of the area.
 */
export async function loadCoverage(sql: Sql, bbox: Bbox, week: string, settings: CoverageSettings): Promise<CoverageInputs> {
  const { from, to, dates } = isoWeek(week)
  const [, south, , north] = bbox
  const concerns = await concernsIn(sql, bbox)
  // A plan passing just outside the area still covers concerns inside it.
  const margin = degreesSpanned(settings.coverageMetres * 1.5, (south + north) / 2).dLng
  const plans = (await plansInPeriod(sql, { bbox, from, to, officer: true, margin })).map(({ row, sessions }) => ({
    id: row.id,
    version: `${row.id}@${row.updatedAt.toISOString()}`,
    title: row.title,
    line: row.geometry.coordinates,
    waypoints: row.waypoints,
    lengthMeters: row.lengthMeters,
    sessions,
  }))
  return { bbox, week, from, to, dates, concerns, plans, settings }
}

/**
 * The one evaluation behind every coverage figure: GET /api/coverage reports it, and a
 * suggestion's "coverage now" is its share, for the same area and week.
 */
export async function coverageOf(sql: Sql, bbox: Bbox, week: string, settings: CoverageSettings): Promise<Evaluation> {
  return evaluateCoverage(await loadCoverage(sql, bbox, week, settings))
}

/** Areas whose concerns are kept, per database; the least recently used goes first. */
const MAX_CACHED_AREAS = 8
const concernsOf = new WeakMap<Sql, Map<string, { version: string; concerns: ConcernPoints }>>()

/**
 * The visible concerns of an area. What was read last for the area is used again while the
 * concern sequences (server/db/changes.ts) stand where they stood before it was read, and it is
 * kept only when no other transaction was open then (a trigger counts a change before it
 * commits): a change anywhere, from any process, reads them again at the next request, so a
 * cached area never answers with concerns that changed since.
 */
async function concernsIn(sql: Sql, bbox: Bbox): Promise<ConcernPoints> {
  let areas = concernsOf.get(sql)
  if (!areas) concernsOf.set(sql, (areas = new Map()))
  const changes = await readChanges(sql)
  const version = `${changes.concerns}:${changes.deletions}`
  const key = bbox.join(',')
  const kept = areas.get(key)
  areas.delete(key) // re-inserted: the Map's order is the recency order
  if (kept?.version === version) return areas.set(key, kept), kept.concerns
  const concerns = await readConcerns(sql, bbox)
  if (changes.quiet) areas.set(key, { version, concerns })
  while (areas.size > MAX_CACHED_AREAS) areas.delete(areas.keys().next().value!)
  return concerns
}

async function readConcerns(sql: Sql, bbox: Bbox): Promise<ConcernPoints> {
  const [west, south, east, north] = bbox
  const rows = await sql<{ id: number[]; lng: number[]; lat: number[]; weight: number[]; slots: number[] }[]>`
    SELECT coalesce(array_agg(id::int), '{}') AS id, coalesce(array_agg(ST_X(geom)), '{}') AS lng, coalesce(array_agg(ST_Y(geom)), '{}') AS lat,
           coalesce(array_agg(support_count), '{}') AS weight,
           coalesce(array_agg(
             -- (PostgreSQL gives | and << the same precedence: every shift is bracketed.)
             ((('early_morning' = ANY(time_bands))::int | (('daytime' = ANY(time_bands))::int << 1)
               | (('evening' = ANY(time_bands))::int << 2) | (('night' = ANY(time_bands))::int << 3))
              * CASE days WHEN 'weekdays' THEN 1 WHEN 'weekends' THEN 16 ELSE 17 END)), '{}') AS slots
    FROM concerns c
    WHERE ${visible(sql, 'immediately')} AND geom && ${envelope(sql, [west, south, east, north])}`
  const r = rows[0]!
  return new ConcernPoints(
    Int32Array.from(r.id),
    Float64Array.from(r.lng),
    Float64Array.from(r.lat),
    Float64Array.from(r.weight),
    Uint8Array.from(r.slots),
    (south + north) / 2,
  )
}

/** What a plan's line does, whenever it is walked: the concerns it passes and its share of time near each hot spot. */
type PlanReach = { near: Uint32Array; shareNear: Map<number, number> }
/** A session's minutes on one London date in one band (index into TIME_BANDS). */
type DayPiece = { date: string; weekend: boolean; band: number; minutes: number }

/** Hot spots, and which are in each cell of the reach grid: they depend on the concerns only. */
type HotspotSet = { of: Int32Array; count: number; core: Uint8Array }
const hotspotsOf = new WeakMap<ConcernPoints, HotspotSet>()
function hotspotSet(concerns: ConcernPoints): HotspotSet {
  let set = hotspotsOf.get(concerns)
  if (!set) hotspotsOf.set(concerns, (set = concerns.clusters(HOTSPOT_METRES, HOTSPOT_MIN_CONCERNS)))
  return set
}

/** CSR over the reach grid's cells: the distinct hot spots of each cell's concerns. */
type CellHotspots = { start: Uint32Array; hotspots: Int32Array }
const cellHotspotsOf = new WeakMap<ReachGrid, CellHotspots>()
function cellHotspots(grid: ReachGrid, cluster: Int32Array): CellHotspots {
  let found = cellHotspotsOf.get(grid)
  if (found) return found
  const start = new Uint32Array(grid.cells + 1)
  const list: number[] = []
  for (let c = 0; c < grid.cells; c++) {
    const from = list.length
    for (let k = grid.start[c]!; k < grid.start[c + 1]!; k++) {
      const h = cluster[grid.points[k]!]!
      if (h >= 0 && list.indexOf(h, from) < 0) list.push(h)
    }
    start[c + 1] = list.length
  }
  cellHotspotsOf.set(grid, (found = { start, hotspots: Int32Array.from(list) }))
  return found
}

/** Marks per concern and per cell of the plan being walked: a new stamp per plan, no clearing. */
type Marks = { concern: Int32Array; cell: Int32Array; passed: Int32Array; stamp: number }
const marksOf = new WeakMap<ReachGrid, Marks>()
function marks(grid: ReachGrid, count: number): Marks {
  let m = marksOf.get(grid)
  if (!m) marksOf.set(grid, (m = { concern: new Int32Array(count), cell: new Int32Array(grid.cells), passed: new Int32Array(grid.cells), stamp: 0 }))
  m.stamp++
  return m
}

/**
 * One walk along the plan's line in pieces of at most STEP_METRES: the concerns within the
 * coverage distance of it (each once), and for each hot spot the share of the plan's time spent
 * near it: the dwell at waypoints near it plus the walking time of the pieces near it, over the
 * plan's whole time (its length at walking pace plus all its dwell). A piece is near a hot spot
 * when one of its concerns is within the coverage distance: cells of the reach grid wholly
 * within it count at once, and in the others a concern is measured only while it still matters
 * (not yet passed, or its hot spot not yet reached by this piece).
 */
function planReach(inputs: CoverageInputs, hot: HotspotSet, plan: PlanInput): PlanReach {
  const { concerns, settings } = inputs
  const metres = settings.coverageMetres
  const grid = concerns.reachGrid(metres)
  const { start, points } = grid
  const cluster = hot.of
  const byCell = cellHotspots(grid, cluster)
  const m = marks(grid, concerns.count)
  const { stamp } = m
  const seen = m.concern
  const seenCell = m.cell
  const near: number[] = []
  // Minutes near each hot spot, in the order first reached, and the last piece that reached it.
  const minutesNear = new Float64Array(hot.count)
  const reachedOrder: number[] = []
  const lastPiece = new Int32Array(hot.count).fill(-1)
  let piece = 0
  let minutes = 0
  let [aLng, aLat, bLng, bLat] = [0, 0, 0, 0]
  const reached = (h: number) => {
    if (lastPiece[h] === -1) reachedOrder.push(h)
    lastPiece[h] = piece
    minutesNear[h]! += minutes
  }
  // A cell whose concerns have all been passed matters to a piece only for hot spots it has not reached.
  const passedIn = m.passed
  const pass = (c: number, i: number) => {
    seen[i] = stamp
    near.push(i)
    if (seenCell[c] !== stamp) (seenCell[c] = stamp), (passedIn[c] = 0)
    passedIn[c]!++
  }
  const allPassed = (c: number) => seenCell[c] === stamp && passedIn[c] === start[c + 1]! - start[c]!
  const all = (c: number) => {
    if (!allPassed(c)) for (let k = start[c]!; k < start[c + 1]!; k++) if (seen[points[k]!] !== stamp) pass(c, points[k]!)
    for (let k = byCell.start[c]!; k < byCell.start[c + 1]!; k++) if (lastPiece[byCell.hotspots[k]!] !== piece) reached(byCell.hotspots[k]!)
  }
  const some = (c: number) => {
    if (allPassed(c)) {
      let open = false
      for (let k = byCell.start[c]!; k < byCell.start[c + 1]! && !open; k++) open = lastPiece[byCell.hotspots[k]!] !== piece
      if (!open) return
    }
    for (let k = start[c]!; k < start[c + 1]!; k++) {
      const i = points[k]!
      const h = cluster[i]!
      const passed = seen[i] === stamp
      const reaches = h >= 0 && lastPiece[h] !== piece
      if ((passed && !reaches) || !concerns.withinSegment(i, aLng, aLat, bLng, bLat, metres)) continue
      if (!passed) pass(c, i)
      if (reaches) reached(h)
    }
  }
  for (let k = 1; k < plan.line.length; k++) {
    const [fromLng, fromLat] = plan.line[k - 1]! as [number, number]
    const [toLng, toLat] = plan.line[k]! as [number, number]
    const length = Math.hypot((toLng - fromLng) * concerns.kx, (toLat - fromLat) * concerns.ky)
    const steps = Math.max(1, Math.ceil(length / STEP_METRES))
    minutes = length / steps / PACE.patrol
    for (let s = 0; s < steps; s++) {
      piece++
      aLng = fromLng + (s / steps) * (toLng - fromLng)
      aLat = fromLat + (s / steps) * (toLat - fromLat)
      bLng = fromLng + ((s + 1) / steps) * (toLng - fromLng)
      bLat = fromLat + ((s + 1) / steps) * (toLat - fromLat)
      grid.near(aLng, aLat, bLng, bLat, all, some)
    }
  }
  for (const w of plan.waypoints) {
    if (w.dwellMinutes <= 0) continue
    piece++
    minutes = w.dwellMinutes
    ;[aLng, aLat, bLng, bLat] = [w.lng, w.lat, w.lng, w.lat]
    grid.near(aLng, aLat, bLng, bLat, all, some)
  }
  const total = plan.lengthMeters / PACE.patrol + plan.waypoints.reduce((sum, w) => sum + w.dwellMinutes, 0)
  const shareNear = new Map(reachedOrder.map((h) => [h, total > 0 ? Math.min(1, minutesNear[h]! / total) : 0]))
  return { near: Uint32Array.from(near), shareNear }
}

/** The plan's sessions cut into London days and bands of the week (a session running into the week from the Sunday before counts from Monday 00:00). */
function sessionPieces(inputs: CoverageInputs, plan: PlanInput): DayPiece[][] {
  const inWeek = new Set(inputs.dates)
  return plan.sessions.map((s) =>
    sessionBands(s)
      .filter((p) => inWeek.has(p.date))
      .map((p) => ({ date: p.date, weekend: p.weekend, band: bandIndex(p.band), minutes: p.minutes })),
  )
}

/**
 * What a plan's line reaches depends on the line, its stops and the concerns only: kept with the
 * concerns under the plan's version (a saved plan), or with the plan itself (a suggestion's,
 * whose second evaluation reuses it). Past MAX_KEPT_REACHES (plans changed many times) they are
 * all dropped, to be found again.
 */
const MAX_KEPT_REACHES = 4000
const reachesOf = new WeakMap<ConcernPoints, Map<string, PlanReach>>()
const unsavedReachOf = new WeakMap<PlanInput, PlanReach>()
function reachOf(inputs: CoverageInputs, hot: HotspotSet, plan: PlanInput): PlanReach {
  let kept = reachesOf.get(inputs.concerns)
  if (!kept) reachesOf.set(inputs.concerns, (kept = new Map()))
  const key = plan.version === undefined ? undefined : `${plan.version}|${inputs.settings.coverageMetres}`
  let reach = key === undefined ? unsavedReachOf.get(plan) : kept.get(key)
  if (reach) return reach
  reach = planReach(inputs, hot, plan)
  if (key === undefined) unsavedReachOf.set(plan, reach)
  else {
    if (kept.size >= MAX_KEPT_REACHES) kept.clear()
    kept.set(key, reach)
  }
  return reach
}

/** Coverage of the concerns by the plans (and any `extra` plans, for a suggestion's gain). */
export function evaluateCoverage(inputs: CoverageInputs, extra: PlanInput[] = []): Evaluation {
  const { concerns, settings } = inputs
  const hot = hotspotSet(concerns)
  const { of: cluster, count: clusterCount } = hot
  const coveredSlots = new Uint8Array(concerns.count)
  const patrolMinutes = new Float64Array(clusterCount)
  const dose = Array.from({ length: clusterCount }, () => new Map<string, number>())

  const members: number[][] = Array.from({ length: clusterCount }, () => [])
  for (let i = 0; i < concerns.count; i++) if (cluster[i]! >= 0) members[cluster[i]!]!.push(i)
  const hotspotSlots = members.map((m) => m.reduce((s, i) => s | concerns.slots[i]!, 0))

  for (const plan of [...inputs.plans, ...extra]) {
    const reach = reachOf(inputs, hot, plan)
    const bySession = sessionPieces(inputs, plan)
    let planSlots = 0
    for (const session of bySession) for (const p of session) planSlots |= slotBit(p.band, p.weekend)
    for (const i of reach.near) coveredSlots[i]! |= planSlots & concerns.slots[i]!
    // Minutes near each hot spot, in its slots, per session and day: the visits.
    for (const [h, share] of reach.shareNear) {
      for (const session of bySession) {
        const visits = new Map<string, number>()
        for (const p of session) {
          if (!(hotspotSlots[h]! & slotBit(p.band, p.weekend))) continue
          visits.set(p.date, (visits.get(p.date) ?? 0) + p.minutes * share)
        }
        for (const [date, minutes] of visits) {
          patrolMinutes[h]! += minutes
          if (minutes >= VISIT_MIN_MINUTES) dose[h]!.set(date, (dose[h]!.get(date) ?? 0) + Math.min(minutes, VISIT_MAX_MINUTES))
        }
      }
    }
  }

  const hotspots: Hotspot[] = members.map((m, h) => {
    const id = hotspotId(concerns, hot.core, m)
    let weight = 0
    let uncoveredWeight = 0
    let lng = 0
    let lat = 0
    for (const i of m) {
      const w = concerns.weight[i]!
      weight += w
      if (!coveredSlots[i]) uncoveredWeight += w
      lng += concerns.lng[i]! * w
      lat += concerns.lat[i]! * w
    }
    lng /= weight
    lat /= weight
    const radiusMeters = Math.max(...m.map((i) => Math.hypot((concerns.lng[i]! - lng) * concerns.kx, (concerns.lat[i]! - lat) * concerns.ky)))
    const slots = hotspotSlots[h]!
    const days = (slots & 0xf ? 1 : 0) | (slots & 0xf0 ? 2 : 0)
    const applies = inputs.dates.filter((d) => (new Date(`${d}T12:00:00Z`).getUTCDay() % 6 === 0 ? days & 2 : days & 1))
    return {
      id,
      members: m,
      lng,
      lat,
      radiusMeters,
      weight,
      uncoveredWeight,
      bands: bandsOf(slots),
      days,
      patrolMinutes: patrolMinutes[h]!,
      minutesPerDay: applies.length ? patrolMinutes[h]! / applies.length : 0,
      meetsDosage: applies.length > 0 && applies.every((d) => (dose[h]!.get(d) ?? 0) >= settings.dosageMinutes),
    }
  })
  // Equal weights are ranked by id, so a recomputation that finds the same hot spots ranks them alike.
  hotspots.sort((a, b) => b.uncoveredWeight - a.uncoveredWeight || b.weight - a.weight || a.id - b.id)
  return { inputs, coveredSlots, cluster, hotspots }
}

/**
 * A hot spot's id: the smallest concern id among its cores (concerns with 3 or more within
 * 75 m). Cores and the hot spots they make do not depend on the order concerns are read or
 * clustered in (a concern that is no core may border two hot spots and join either), so the id
 * stays while the hot spot does: concerns elsewhere, or on its edge, come and go without
 * changing it. It changes only when that concern leaves it (hidden, merged, moved) or when two
 * hot spots join (the joined one keeps the smaller id of the two).
 */
function hotspotId(concerns: ConcernPoints, core: Uint8Array, members: number[]): number {
  let id = Infinity
  for (const i of members) if (core[i] && concerns.id[i]! < id) id = concerns.id[i]!
  return id
}

const DAYS_LABEL = ['any', 'weekdays', 'weekends', 'any'] as const
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits
const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null)

export type HotspotProperties = {
  /** Stable between recomputations (see hotspotId); the rank is this answer's only. */
  id: number
  rank: number
  /** "in Broomfield Park", "by Bowes Road": English, for API clients (see places.ts). */
  place: string | null
  /** The same as data, for the UI to word in its language. */
  placeName: PlaceName | null
  weight: number
  uncoveredWeight: number
  concerns: number
  radiusMeters: number
  timeBands: TimeBand[]
  days: (typeof DAYS_LABEL)[number]
  patrolMinutes: number
  minutesPerDay: number
  meetsDosage: boolean
}

export type CoverageReport = {
  week: string
  from: string
  to: string
  coverageMetres: number
  dosageMinutes: number
  coveredShare: number | null
  totalWeight: number
  coveredWeight: number
  byTimeBand: Record<TimeBand, { share: number | null; weight: number; coveredWeight: number }>
  hotspots: FeatureCollection<Point, HotspotProperties>
  sessions: { patrolId: number; title: string; start: string; end: string }[]
}

/** Weighted shares overall and by time band: a concern counts in each of its bands. */
export function shares(e: Evaluation): Pick<CoverageReport, 'coveredShare' | 'totalWeight' | 'coveredWeight' | 'byTimeBand'> {
  const { concerns } = e.inputs
  let total = 0
  let covered = 0
  const byBand = TIME_BANDS.map(() => ({ weight: 0, coveredWeight: 0 }))
  for (let i = 0; i < concerns.count; i++) {
    const w = concerns.weight[i]!
    total += w
    if (e.coveredSlots[i]) covered += w
    const bands = bandsOf(concerns.slots[i]!)
    const coveredBands = bandsOf(e.coveredSlots[i]!)
    TIME_BANDS.forEach((_, b) => {
      if (!(bands & (1 << b))) return
      byBand[b]!.weight += w
      if (coveredBands & (1 << b)) byBand[b]!.coveredWeight += w
    })
  }
  return {
    coveredShare: share(covered, total),
    totalWeight: total,
    coveredWeight: covered,
    byTimeBand: Object.fromEntries(
      TIME_BANDS.map((band, b) => [band, { share: share(byBand[b]!.coveredWeight, byBand[b]!.weight), ...byBand[b]! }]),
    ) as CoverageReport['byTimeBand'],
  }
}

export function coverageReport(e: Evaluation): CoverageReport {
  const { inputs } = e
  return {
    week: inputs.week,
    from: inputs.from.toISOString(),
    to: inputs.to.toISOString(),
    coverageMetres: inputs.settings.coverageMetres,
    dosageMinutes: inputs.settings.dosageMinutes,
    ...shares(e),
    hotspots: {
      type: 'FeatureCollection',
      features: e.hotspots.map((h, k) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [round(h.lng, 6), round(h.lat, 6)] },
        properties: {
          id: h.id,
          rank: k + 1,
          place: null,
          placeName: null,
          weight: h.weight,
          uncoveredWeight: h.uncoveredWeight,
          concerns: h.members.length,
          radiusMeters: Math.round(h.radiusMeters),
          timeBands: TIME_BANDS.filter((_, b) => h.bands & (1 << b)),
          days: DAYS_LABEL[h.days]!,
          patrolMinutes: Math.round(h.patrolMinutes),
          minutesPerDay: round(h.minutesPerDay),
          meetsDosage: h.meetsDosage,
        },
      })),
    },
    sessions: inputs.plans
      .flatMap((p) => p.sessions.map((s) => ({ patrolId: p.id, title: p.title, start: s.start.toISOString(), end: s.end.toISOString() })))
      .sort((a, b) => a.start.localeCompare(b.start)),
  }
}
