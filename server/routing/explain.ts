import { tripMinutes } from '../../common/pace.ts'
import type { CostInputs } from './cost.ts'
import { LIT, type RoutingGraph } from './graph.ts'
import { englishReason, type RouteReason } from './reasons.ts'
import { retraceShare, type Trail } from './trail.ts'

/** What a route's feature says about it (the API's `properties`, less `id`). */
export type RouteFacts = {
  lengthMeters: number
  litShare: number
  openSpaceShare: number
  patrolShare: number
  concernsNearby: number
  extraVsShortest: number
  retraceShare: number
  /** Minutes at walking and at running pace (common/pace.ts). */
  walkingMinutes: number
  runningMinutes: number
  /**
   * The request's profile's own cost as 0–100, the order of the list (bestFirst): 100 when nothing
   * on the way costs more than plain distance. What it counts is `scoreCounts`.
   */
  score: number
  /** What the score counts for this request (profile, time of day, parks closed, patrols): never "safety". */
  scoreCounts: ScoreTerm[]
  /** Why it goes this way, one reason a line, for the web to word in the reader's language. */
  reasons: RouteReason[]
  /** The same reasons in English sentences, in the same order (API clients, the GPX description). */
  explanation: string[]
}

/**
 * What a score can count (cost.ts's terms, named for people): the detour over the shortest way
 * (routes A→B only: a loop's distance is asked for), places reported near it for the time band,
 * after dark unlit paths (and, less, paths with no lighting recorded) and paths through parks,
 * parks closed during the trip, and, in its favour, paths a public patrol walks then.
 */
export type ScoreTerm = 'extra_distance' | 'reported_places' | 'unlit_paths' | 'parks_after_dark' | 'closed_parks' | 'patrols'

/** The terms the request's weights charge: the same for every route of one request. */
function scoreCounts(inputs: CostInputs, kind: 'route' | 'loop'): ScoreTerm[] {
  const terms: ScoreTerm[] = kind === 'route' ? ['extra_distance'] : []
  if (inputs.profile === 'shortest') return terms
  terms.push('reported_places')
  if (inputs.time.dark) terms.push('unlit_paths', 'parks_after_dark')
  if (inputs.closed.size > 0) terms.push('closed_parks')
  if (inputs.patrolled?.some((on) => on === 1)) terms.push('patrols')
  return terms
}

/** `closed`: the names of the closed parks it crosses, null for one without a name. */
type Measured = { length: number; lit: number; openSpace: number; patrol: number; concerns: number[]; closed: Set<string | null>; cost: number }

/** Lengths by kind, the concerns that apply near it, and its cost under the request's weights. */
function measure(graph: RoutingGraph, trail: Trail, inputs: CostInputs, weights: Float64Array): Measured {
  const m: Measured = { length: 0, lit: 0, openSpace: 0, patrol: 0, concerns: [], closed: new Set(), cost: 0 }
  for (const p of trail) {
    const share = Math.abs(p.t1 - p.t0)
    const length = graph.length[p.edge]! * share
    m.length += length
    m.cost += weights[p.edge]! * share
    if (graph.lit[p.edge] === LIT.yes) m.lit += length
    const space = graph.openSpace[p.edge]!
    if (space >= 0) {
      m.openSpace += length
      if (inputs.closed.has(space)) m.closed.add(graph.openSpaces[space]!.name)
    }
    if (inputs.patrolled?.[p.edge]) m.patrol += length
  }
  m.concerns = inputs.concerns.near(trail.map((p) => p.edge), inputs.time.timeBand, inputs.time.weekend)
  return m
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000)
const named = (name: string | null) => (name === null ? {} : { name })

/**
 * The facts and the reasons (coded, and in English sentences) of each trail, against `reference`: the route
 * (or loop) planned on distance alone for the same request (explained last, against itself).
 */
export function explain(graph: RoutingGraph, trails: Trail[], reference: Trail, inputs: CostInputs, weights: Float64Array, kind: 'route' | 'loop'): RouteFacts[] {
  // `weights` are the request's own: the score is what its profile optimises, so the order it sets is the search's.
  const ref = measure(graph, reference, inputs, weights)
  const counts = scoreCounts(inputs, kind)
  return [...trails, reference].map((trail) => facts(graph, trail, measure(graph, trail, inputs, weights), ref, inputs, kind, counts))
}

/**
 * The choices in the one order they are listed in: best first under the profile (highest score),
 * the shorter first between equal scores.
 */
export function bestFirst<T extends { properties: Pick<RouteFacts, 'score' | 'lengthMeters'> }>(routes: T[]): T[] {
  return [...routes].sort((a, b) => b.properties.score - a.properties.score || a.properties.lengthMeters - b.properties.lengthMeters)
}

function facts(graph: RoutingGraph, trail: Trail, m: Measured, ref: Measured, inputs: CostInputs, kind: 'route' | 'loop', scoreCounts: ScoreTerm[]): RouteFacts {
  const { time } = inputs
  const lengthMeters = Math.round(m.length)
  const extra = m.length - ref.length
  const extraShare = ref.length === 0 ? 0 : Math.round((extra / ref.length) * 1000) / 1000
  const retrace = Math.round(retraceShare(graph, trail) * 1000) / 1000
  const reasons: RouteReason[] = []

  if (kind === 'loop') reasons.push({ code: 'loop_length', params: { lengthMeters } })
  else if (extra <= 1) reasons.push({ code: 'as_short_as_shortest', params: { lengthMeters } })
  else reasons.push({ code: 'longer_than_shortest', params: { lengthMeters, extraMeters: Math.round(extra), extraShare } })

  const avoided = ref.concerns.filter((id) => !m.concerns.includes(id)).length
  if (avoided > 0) reasons.push({ code: 'avoids_reported', params: { count: avoided, kind } })
  reasons.push(
    m.concerns.length === 0
      ? { code: 'no_reported_along', params: { timeBand: time.timeBand } }
      : { code: 'passes_reported', params: { count: m.concerns.length, timeBand: time.timeBand } },
  )

  const litShare = share(m.lit, m.length)
  const { sunset, sunrise } = time
  if (time.dark && sunset && time.departAt >= sunset) reasons.push({ code: 'lit_after_sunset', params: { litShare, sunset: sunset.toISOString() } })
  else if (time.dark && sunrise && time.departAt < sunrise) reasons.push({ code: 'lit_before_sunrise', params: { litShare, sunrise: sunrise.toISOString() } })
  else if (time.dark && sunset) reasons.push({ code: 'sunset_on_the_way', params: { litShare, sunset: sunset.toISOString() } })
  else if (sunset) reasons.push({ code: 'daylight', params: { sunset: sunset.toISOString() } })

  const openSpaceShare = share(m.openSpace, m.length)
  if (time.dark && openSpaceShare < 0.05 && ref.openSpace > m.openSpace) reasons.push({ code: 'keeps_out_of_parks', params: {} })
  else if (openSpaceShare >= 0.05) reasons.push({ code: time.dark ? 'through_open_spaces_after_dark' : 'through_open_spaces', params: { openSpaceShare } })
  for (const name of m.closed) reasons.push({ code: 'through_closed_park', params: named(name) })
  for (const name of ref.closed) if (!m.closed.has(name)) reasons.push({ code: 'avoids_closed_park', params: named(name) })

  const patrolShare = share(m.patrol, m.length)
  if (patrolShare > 0) reasons.push({ code: 'patrolled', params: { patrolShare } })
  if (kind === 'loop' && retrace >= 0.02) reasons.push({ code: 'retraced', params: { retraceShare: retrace } })

  return {
    lengthMeters,
    litShare,
    openSpaceShare,
    patrolShare,
    concernsNearby: m.concerns.length,
    extraVsShortest: extraShare,
    retraceShare: retrace,
    ...tripMinutes(m.length),
    // A route A→B is scored against the shortest way's length, so its detour counts as the search
    // weighs it; a loop, whose distance was asked for, on its own length.
    score: m.cost === 0 ? 100 : Math.round(Math.min(1, (kind === 'route' ? ref.length : m.length) / m.cost) * 100),
    scoreCounts,
    reasons,
    explanation: reasons.map(englishReason),
  }
}
