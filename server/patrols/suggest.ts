import type { Feature, LineString } from 'geojson'
import { TIME_BANDS, type TimeBand } from '../concerns/vocabulary.ts'
import { SNAP_METRES } from '../routing/compute.ts'
import { metresBetween } from '../../common/geo.ts'
import type { RoutingGraph, Snap } from '../routing/graph.ts'
import type { RoutingState } from '../routing/service.ts'
import { reverseTrail, trailCoordinates, trailLength, type Trail } from '../routing/trail.ts'
import { bandsOf } from './concern-points.ts'
import { evaluateCoverage, shares, type Evaluation, type PlanInput } from './coverage.ts'
import type { Bbox } from '../map/bbox.ts'
import type { PlaceName } from './places.ts'
import { londonInstant } from '../../common/london-time.ts'
import { PACE } from '../../common/pace.ts'
import { snapPoint, walkOf, type Waypoint } from './walk.ts'

/** Hot spots considered at once: few enough to choose the best set of them exactly. */
const MAX_CANDIDATES = 12
/** Paths through parks and commons cost this much per metre, so the walk goes through them where it can. */
const OPEN_SPACE_FACTOR = 0.75
/** Points along the suggested line kept as waypoints, so the plan saved from them follows the same paths. */
const VIA_EVERY_METRES = 250
/** When a suggested patrol is assumed to start in each band (London time), to measure its gain. */
const BAND_START: Record<TimeBand, string> = { early_morning: '05:30', daytime: '12:00', evening: '18:00', night: '22:00' }
const BAND_HOURS: Record<TimeBand, number> = { early_morning: 3, daytime: 9, evening: 5, night: 7 }

export type SuggestRequest = { start: { lng: number; lat: number }; timeBand: TimeBand; minutes: number; dwellMinutes: number }
/** `optimised`: the set of hot spots worth most that fits, in the quickest order; `by_weight`: heaviest first while they fit (the bench's reference). */
export type Strategy = 'optimised' | 'by_weight'

export type Suggestion = {
  timeBand: TimeBand
  route: Feature<LineString> | null
  lengthMeters: number
  walkMinutes: number
  dwellMinutes: number
  waypoints: Waypoint[]
  /** `id` and `rank` are those of GET /api/coverage for the same area and week. */
  hotspots: { id: number; rank: number; coordinates: [number, number]; weight: number; uncoveredWeight: number; place: string | null; placeName: PlaceName | null }[]
  /** The shares are of `area` in `week`: with the panel's area, `coveredShareBefore` is the panel's `coveredShare`. */
  gain: { area: Bbox; week: string; coveredShareBefore: number | null; coveredShareAfter: number | null; weightAdded: number; concernsAdded: number }
}

/** How far out a walk of this budget can reach and come back, in metres. */
export const reachMetres = (minutes: number) => (minutes * PACE.patrol) / 2

const round6 = (n: number) => Math.round(n * 1e6) / 1e6

type Candidate = { hotspot: number; snap: Snap; gain: number }

/**
 * A patrol from the start and back that visits the hot spots with the most weight still
 * uncovered in the time band, within the budget at walking pace plus the dwell at each. With at
 * most 12 candidates the best set and order are found exactly (dynamic programming over subsets,
 * as for the travelling salesman); `by_weight` is the simple heuristic it is measured against.
 */
export function suggestPatrol(state: RoutingState, before: Evaluation, request: SuggestRequest, strategy: Strategy = 'optimised'): Suggestion {
  const { graph, planner } = state
  const start = snapPoint(state, request.start, 'the start')
  const weights = openSpaceWeights(graph)

  const candidates = pickCandidates(state, before, request, start)
  // Walking metres between every two of start (0) and candidates (1…n), on the preferred paths.
  const stops = [start, ...candidates.map((c) => c.snap)]
  const n = stops.length
  const legs = new Float64Array(n * n).fill(Infinity)
  const trails: (Trail | null)[] = new Array(n * n).fill(null) // i < j; the other way is its reverse
  for (let i = 0; i < n; i++) {
    legs[i * n + i] = 0
    for (let j = i + 1; j < n; j++) {
      const trail = (trails[i * n + j] = planner.connect(stops[i]!, stops[j]!, weights, OPEN_SPACE_FACTOR))
      if (trail) legs[i * n + j] = legs[j * n + i] = trailLength(graph, trail)
    }
  }
  const leg = (i: number, j: number): Trail => (i < j ? trails[i * n + j]! : reverseTrail(trails[j * n + i]!))
  const minutesOf = (metres: number, visits: number) => metres / PACE.patrol + visits * request.dwellMinutes
  const order = strategy === 'optimised' ? bestTour(legs, n, candidates, request.minutes, minutesOf) : byWeight(legs, n, candidates, request.minutes, minutesOf)

  const visited = order.map((k) => candidates[k - 1]!)
  if (visited.length === 0) return emptySuggestion(before, request.timeBand)
  // The legs found for the choice, joined: start, the stops in order, back to the start.
  const path = [0, ...order, 0]
  const trail: Trail = []
  const waypoints: Waypoint[] = [{ lng: start.lng, lat: start.lat, dwellMinutes: 0 }]
  for (let k = 1; k < path.length; k++) {
    const piece = leg(path[k - 1]!, path[k]!)
    trail.push(...piece)
    waypoints.push(...vias(graph, piece), { lng: stops[path[k]!]!.lng, lat: stops[path[k]!]!.lat, dwellMinutes: k < path.length - 1 ? request.dwellMinutes : 0 })
  }
  const walk = walkOf(graph, trail, waypoints)

  const after = evaluateCoverage(before.inputs, [hypotheticalPlan(before, walk, request)])
  const [b, a] = [shares(before), shares(after)]
  let concernsAdded = 0
  for (let i = 0; i < before.coveredSlots.length; i++) if (!before.coveredSlots[i] && after.coveredSlots[i]) concernsAdded++
  return {
    timeBand: request.timeBand,
    route: { type: 'Feature', geometry: walk.geometry, properties: {} },
    lengthMeters: walk.lengthMeters,
    walkMinutes: walk.walkMinutes,
    dwellMinutes: walk.dwellMinutes,
    waypoints: walk.waypoints,
    hotspots: visited.map((c) => {
      const h = before.hotspots[c.hotspot]!
      return { id: h.id, rank: c.hotspot + 1, coordinates: [round6(h.lng), round6(h.lat)], weight: h.weight, uncoveredWeight: c.gain, place: null, placeName: null }
    }),
    gain: { ...measuredOver(before), coveredShareBefore: b.coveredShare, coveredShareAfter: a.coveredShare, weightAdded: a.coveredWeight - b.coveredWeight, concernsAdded },
  }
}

/**
 * Hot spots of the band with weight still uncovered in it, within reach, heaviest first. A
 * visit stops at the hot spot's concern nearest its centre; what it gains is the uncovered
 * weight of the band within the coverage distance of that stop (a wide hot spot is not all
 * covered by one stop).
 */
function pickCandidates(state: RoutingState, e: Evaluation, request: SuggestRequest, start: Snap): Candidate[] {
  const band = 1 << TIME_BANDS.indexOf(request.timeBand)
  const { concerns, settings } = e.inputs
  const reach = reachMetres(request.minutes)
  const uncoveredAt = (i: number) => bandsOf(concerns.slots[i]!) & band && !(bandsOf(e.coveredSlots[i]!) & band)
  const found: Candidate[] = []
  e.hotspots.forEach((h, index) => {
    if (!(h.bands & band) || metresBetween(start.lng, start.lat, h.lng, h.lat) > reach) return
    if (!h.members.some(uncoveredAt)) return
    let nearest = h.members[0]!
    for (const i of h.members) {
      if (metresBetween(concerns.lng[i]!, concerns.lat[i]!, h.lng, h.lat) < metresBetween(concerns.lng[nearest]!, concerns.lat[nearest]!, h.lng, h.lat)) nearest = i
    }
    const snap = state.graph.snap(concerns.lng[nearest]!, concerns.lat[nearest]!, SNAP_METRES)
    if (!snap) return
    let gain = 0
    concerns.nearSegment(snap.lng, snap.lat, snap.lng, snap.lat, settings.coverageMetres, (i) => {
      if (uncoveredAt(i)) gain += concerns.weight[i]!
    })
    if (gain > 0) found.push({ hotspot: index, snap, gain })
  })
  return found.sort((a, b) => b.gain - a.gain).slice(0, MAX_CANDIDATES)
}

type MinutesOf = (metres: number, visits: number) => number

/** The set of candidates worth most that fits the budget, in its quickest order (indexes 1…n-1). */
function bestTour(legs: Float64Array, n: number, candidates: Candidate[], budget: number, minutesOf: MinutesOf): number[] {
  const m = n - 1
  const full = 1 << m
  // metres[S * m + j]: the shortest walk from the start through the set S, ending at candidate j.
  const metres = new Float64Array(full * m).fill(Infinity)
  const previous = new Int8Array(full * m).fill(-1)
  for (let j = 0; j < m; j++) metres[(1 << j) * m + j] = legs[j + 1]!
  let best = { gain: 0, set: 0, last: -1 }
  for (let set = 1; set < full; set++) {
    let gain = 0
    let visits = 0
    for (let j = 0; j < m; j++) if (set & (1 << j)) [gain, visits] = [gain + candidates[j]!.gain, visits + 1]
    for (let j = 0; j < m; j++) {
      const here = metres[set * m + j]!
      if (!(set & (1 << j)) || here === Infinity) continue
      // The walk back to the start decides whether this set fits.
      if (gain > best.gain && minutesOf(here + legs[(j + 1) * n]!, visits) <= budget) best = { gain, set, last: j }
      for (let k = 0; k < m; k++) {
        if (set & (1 << k)) continue
        const next = set | (1 << k)
        const walked = here + legs[(j + 1) * n + k + 1]!
        if (walked < metres[next * m + k]!) [metres[next * m + k], previous[next * m + k]] = [walked, j]
      }
    }
  }
  const order: number[] = []
  for (let set = best.set, j = best.last; j >= 0; ) {
    order.unshift(j + 1)
    const p = previous[set * m + j]!
    set &= ~(1 << j)
    j = p
  }
  return order
}

/** The simple heuristic: heaviest first, each added at the end of the walk if it still fits. */
function byWeight(legs: Float64Array, n: number, candidates: Candidate[], budget: number, minutesOf: MinutesOf): number[] {
  const order: number[] = []
  let walked = 0
  let last = 0
  for (const k of candidates.map((_, i) => i + 1).sort((a, b) => candidates[b - 1]!.gain - candidates[a - 1]!.gain)) {
    const through = walked + legs[last * n + k]!
    if (minutesOf(through + legs[k * n]!, order.length + 1) > budget) continue
    order.push(k)
    walked = through
    last = k
  }
  return order
}

/** Points every VIA_EVERY_METRES along a leg, so a plan saved from the waypoints follows the same paths. */
function vias(graph: RoutingGraph, leg: Trail): Waypoint[] {
  const line = trailCoordinates(graph, leg)
  const out: Waypoint[] = []
  let since = 0
  for (let v = 1; v < line.length - 1; v++) {
    since += metresBetween(line[v - 1]![0]!, line[v - 1]![1]!, line[v]![0]!, line[v]![1]!)
    if (since >= VIA_EVERY_METRES) {
      out.push({ lng: line[v]![0]!, lat: line[v]![1]!, dwellMinutes: 0 })
      since = 0
    }
  }
  return out
}

/** Per metre, paths through parks and commons cost OPEN_SPACE_FACTOR: made once per graph. */
const openSpaceWeightsOf = new WeakMap<RoutingGraph, Float64Array>()
function openSpaceWeights(graph: RoutingGraph): Float64Array {
  let weights = openSpaceWeightsOf.get(graph)
  if (!weights) {
    weights = new Float64Array(graph.edgeCount)
    for (let e = 0; e < graph.edgeCount; e++) weights[e] = graph.length[e]! * (graph.openSpace[e]! >= 0 ? OPEN_SPACE_FACTOR : 1)
    openSpaceWeightsOf.set(graph, weights)
  }
  return weights
}

/** The suggestion walked once a day in its time band all week: what its gain is measured on. */
function hypotheticalPlan(e: Evaluation, walk: { geometry: LineString; lengthMeters: number; waypoints: Waypoint[] }, request: SuggestRequest): PlanInput {
  const minutes = Math.min(request.minutes, BAND_HOURS[request.timeBand] * 60 - 30)
  return {
    id: 0,
    title: 'suggested',
    line: walk.geometry.coordinates,
    waypoints: walk.waypoints,
    lengthMeters: walk.lengthMeters,
    sessions: e.inputs.dates.map((date) => {
      const start = londonInstant(date, BAND_START[request.timeBand])
      return { start, end: new Date(start.getTime() + minutes * 60_000) }
    }),
  }
}

/** Where and when the shares of a gain are measured. */
const measuredOver = (e: Evaluation) => ({ area: e.inputs.bbox, week: e.inputs.week })

function emptySuggestion(before: Evaluation, timeBand: TimeBand): Suggestion {
  const { coveredShare } = shares(before)
  return {
    timeBand,
    route: null,
    lengthMeters: 0,
    walkMinutes: 0,
    dwellMinutes: 0,
    waypoints: [],
    hotspots: [],
    gain: { ...measuredOver(before), coveredShareBefore: coveredShare, coveredShareAfter: coveredShare, weightAdded: 0, concernsAdded: 0 },
  }
}
