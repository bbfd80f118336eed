import type { FeatureCollection, Point } from 'geojson'
import { degreesSpanned } from '../../common/geo.ts'
import { PACE } from '../../common/pace.ts'
import type { Sql } from '../db/database.ts'
import { visible } from '../concerns/visibility.ts'
import { TIME_BANDS, type TimeBand } from '../concerns/vocabulary.ts'
import { envelope, type Bbox } from '../map/bbox.ts'
import { bandIndex, bandsOf, ConcernPoints, slotBit } from './concern-points.ts'
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

/** A plan as coverage sees it: its line, stops and sessions in the week. */
export type PlanInput = { id: number; title: string; line: number[][]; waypoints: Waypoint[]; lengthMeters: number; sessions: Session[] }

export type CoverageInputs = { week: string; from: Date; to: Date; dates: string[]; concerns: ConcernPoints; plans: PlanInput[]; settings: CoverageSettings }

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
  const concerns = new ConcernPoints(
    Int32Array.from(r.id),
    Float64Array.from(r.lng),
    Float64Array.from(r.lat),
    Float64Array.from(r.weight),
    Uint8Array.from(r.slots),
    (south + north) / 2,
  )
  // A plan passing just outside the area still covers concerns inside it.
  const margin = degreesSpanned(settings.coverageMetres * 1.5, (south + north) / 2).dLng
  const plans = (await plansInPeriod(sql, { bbox, from, to, officer: true, margin })).map(({ row, sessions }) => ({
    id: row.id,
    title: row.title,
    line: row.geometry.coordinates,
    waypoints: row.waypoints,
    lengthMeters: row.lengthMeters,
    sessions,
  }))
  return { week, from, to, dates, concerns, plans, settings }
}

/** What a plan's line does, whenever it is walked: the concerns it passes and its time near each hot spot. */
type PlanReach = { near: number[]; shareNear: Map<number, number>; bySession: DayPiece[][] }
/** A session's minutes on one London date in one band (index into TIME_BANDS). */
type DayPiece = { date: string; weekend: boolean; band: number; minutes: number }

/** Hot spots and plan reaches depend on the inputs only: a suggestion's second evaluation reuses them. */
const hotspotsOf = new WeakMap<CoverageInputs, { of: Int32Array; count: number }>()
const reachOf = new WeakMap<PlanInput, PlanReach>()

/**
 * One walk along the plan's line in pieces of at most STEP_METRES: the concerns within the
 * coverage distance of it (each once), and for each hot spot the share of the plan's time spent
 * near it: the dwell at waypoints near it plus the walking time of the pieces near it, over the
 * plan's whole time (its length at walking pace plus all its dwell).
 */
function planReach(inputs: CoverageInputs, cluster: Int32Array, clusterCount: number, plan: PlanInput): PlanReach {
  const { concerns, settings } = inputs
  const metres = settings.coverageMetres
  const near: number[] = []
  const seen = seenScratch(concerns)
  const stamp = ++seen.stamp
  const minutesNear = new Map<number, number>()
  const lastPiece = new Int32Array(clusterCount).fill(-1)
  let piece = 0
  const visitPiece = (aLng: number, aLat: number, bLng: number, bLat: number, minutes: number) => {
    piece++
    concerns.nearSegment(aLng, aLat, bLng, bLat, metres, (i) => {
      if (seen.at[i] !== stamp) {
        seen.at[i] = stamp
        near.push(i)
      }
      const h = cluster[i]!
      if (h < 0 || lastPiece[h] === piece) return
      lastPiece[h] = piece
      minutesNear.set(h, (minutesNear.get(h) ?? 0) + minutes)
    })
  }
  for (let k = 1; k < plan.line.length; k++) {
    const [aLng, aLat] = plan.line[k - 1]!
    const [bLng, bLat] = plan.line[k]!
    const length = Math.hypot((bLng! - aLng!) * concerns.kx, (bLat! - aLat!) * concerns.ky)
    const steps = Math.max(1, Math.ceil(length / STEP_METRES))
    const at = (u: number) => [aLng! + u * (bLng! - aLng!), aLat! + u * (bLat! - aLat!)] as const
    for (let s = 0; s < steps; s++) visitPiece(...at(s / steps), ...at((s + 1) / steps), length / steps / PACE.patrol)
  }
  for (const w of plan.waypoints) if (w.dwellMinutes > 0) visitPiece(w.lng, w.lat, w.lng, w.lat, w.dwellMinutes)
  const total = plan.lengthMeters / PACE.patrol + plan.waypoints.reduce((sum, w) => sum + w.dwellMinutes, 0)
  const shareNear = new Map([...minutesNear].map(([h, minutes]) => [h, total > 0 ? Math.min(1, minutes / total) : 0]))
  // A session running into the week from the Sunday before counts from Monday 00:00.
  const inWeek = new Set(inputs.dates)
  const bySession = plan.sessions.map((s) =>
    sessionBands(s)
      .filter((p) => inWeek.has(p.date))
      .map((p) => ({ date: p.date, weekend: p.weekend, band: bandIndex(p.band), minutes: p.minutes })),
  )
  return { near, shareNear, bySession }
}

/** Marks of the concerns a plan passes, one array per concern set, a new stamp per plan. */
const seenOf = new WeakMap<ConcernPoints, { at: Int32Array; stamp: number }>()
function seenScratch(concerns: ConcernPoints) {
  let seen = seenOf.get(concerns)
  if (!seen) seenOf.set(concerns, (seen = { at: new Int32Array(concerns.count), stamp: 0 }))
  return seen
}

/** Coverage of the concerns by the plans (and any `extra` plans, for a suggestion's gain). */
export function evaluateCoverage(inputs: CoverageInputs, extra: PlanInput[] = []): Evaluation {
  const { concerns, settings } = inputs
  let hotspotSet = hotspotsOf.get(inputs)
  if (!hotspotSet) hotspotsOf.set(inputs, (hotspotSet = concerns.clusters(HOTSPOT_METRES, HOTSPOT_MIN_CONCERNS)))
  const { of: cluster, count: clusterCount } = hotspotSet
  const coveredSlots = new Uint8Array(concerns.count)
  const patrolMinutes = new Float64Array(clusterCount)
  const dose = Array.from({ length: clusterCount }, () => new Map<string, number>())

  const members: number[][] = Array.from({ length: clusterCount }, () => [])
  for (let i = 0; i < concerns.count; i++) if (cluster[i]! >= 0) members[cluster[i]!]!.push(i)
  const hotspotSlots = members.map((m) => m.reduce((s, i) => s | concerns.slots[i]!, 0))

  for (const plan of [...inputs.plans, ...extra]) {
    let reach = reachOf.get(plan)
    if (!reach) reachOf.set(plan, (reach = planReach(inputs, cluster, clusterCount, plan)))
    const { bySession } = reach
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
  hotspots.sort((a, b) => b.uncoveredWeight - a.uncoveredWeight || b.weight - a.weight)
  return { inputs, coveredSlots, cluster, hotspots }
}

const DAYS_LABEL = ['any', 'weekdays', 'weekends', 'any'] as const
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits
const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null)

export type HotspotProperties = {
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
