import { edgeWeights, type CostInputs } from './cost.ts'
import { LIT, type RoutingGraph } from './graph.ts'
import { londonTime } from '../../common/london-time.ts'
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
  score: number
  explanation: string[]
}

type Measured = { length: number; lit: number; openSpace: number; patrol: number; concerns: number[]; closed: Set<string>; cost: number }

/** Lengths by kind, the concerns that apply near it, and its cost under the safest weights. */
function measure(graph: RoutingGraph, trail: Trail, inputs: CostInputs, safest: Float64Array): Measured {
  const m: Measured = { length: 0, lit: 0, openSpace: 0, patrol: 0, concerns: [], closed: new Set(), cost: 0 }
  for (const p of trail) {
    const share = Math.abs(p.t1 - p.t0)
    const length = graph.length[p.edge]! * share
    m.length += length
    m.cost += safest[p.edge]! * share
    if (graph.lit[p.edge] === LIT.yes) m.lit += length
    const space = graph.openSpace[p.edge]!
    if (space >= 0) {
      m.openSpace += length
      if (inputs.closed.has(space)) m.closed.add(graph.openSpaces[space]!.name ?? 'a park')
    }
    if (inputs.patrolled?.[p.edge]) m.patrol += length
  }
  m.concerns = inputs.concerns.near(trail.map((p) => p.edge), inputs.time.timeBand, inputs.time.weekend)
  return m
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000)
const percent = (x: number) => `${Math.round(x * 100)}%`
const km = (metres: number) => (metres >= 1000 ? `${(metres / 1000).toFixed(1)} km` : `${Math.round(metres / 10) * 10} m`)
const BANDS = { early_morning: 'early morning', daytime: 'daytime', evening: 'evening', night: 'night' } as const
const places = (n: number) => (n === 1 ? '1 reported place' : `${n} reported places`)

/**
 * The facts and the plain-language explanation of each trail, against `reference`: the route
 * (or loop) planned on distance alone for the same request (explained last, against itself).
 */
export function explain(graph: RoutingGraph, trails: Trail[], reference: Trail, inputs: CostInputs, weights: Float64Array, kind: 'route' | 'loop'): RouteFacts[] {
  // `weights` are the request's own: the score needs the safest ones, computed only when they differ.
  const safest = inputs.profile === 'safest' ? weights : edgeWeights(graph, { ...inputs, profile: 'safest' })
  const ref = measure(graph, reference, inputs, safest)
  return [...trails, reference].map((trail) => facts(graph, trail, measure(graph, trail, inputs, safest), ref, inputs, kind))
}

function facts(graph: RoutingGraph, trail: Trail, m: Measured, ref: Measured, inputs: CostInputs, kind: 'route' | 'loop'): RouteFacts {
  const { time } = inputs
  const extra = m.length - ref.length
  const retrace = retraceShare(graph, trail)
  const lines: string[] = []

  if (kind === 'loop') lines.push(`${km(m.length)} loop back to the start`)
  else if (extra <= 1) lines.push(`${km(m.length)}: as short as the shortest route`)
  else lines.push(`${km(m.length)}: ${km(extra)} (${percent(extra / ref.length)}) longer than the shortest route`)

  const avoided = ref.concerns.filter((id) => !m.concerns.includes(id)).length
  if (avoided > 0) lines.push(`Avoids ${places(avoided)} that the ${kind === 'loop' ? 'plain-distance loop' : 'shortest route'} passes`)
  lines.push(
    m.concerns.length === 0
      ? `No reported places along it for the ${BANDS[time.timeBand]}`
      : `Passes ${places(m.concerns.length)} reported for the ${BANDS[time.timeBand]}`,
  )

  const litShare = share(m.lit, m.length)
  if (time.dark && time.sunset && time.departAt >= time.sunset) lines.push(`${percent(litShare)} lit after ${londonTime(time.sunset)} sunset`)
  else if (time.dark && time.sunrise && time.departAt < time.sunrise) lines.push(`${percent(litShare)} lit before ${londonTime(time.sunrise)} sunrise`)
  else if (time.dark && time.sunset) lines.push(`Sunset at ${londonTime(time.sunset)} on the way: ${percent(litShare)} lit`)
  else if (time.sunset) lines.push(`In daylight (sunset ${londonTime(time.sunset)})`)

  const openShare = share(m.openSpace, m.length)
  if (time.dark && openShare < 0.05 && ref.openSpace > m.openSpace) lines.push('Keeps out of parks and commons after dark')
  else if (openShare >= 0.05) lines.push(`${percent(openShare)} through parks and open spaces${time.dark ? ' (after dark)' : ''}`)
  for (const name of m.closed) lines.push(`Goes through ${name}, which may be closed at that time`)
  for (const name of ref.closed) if (!m.closed.has(name)) lines.push(`Avoids ${name}, closed at that time`)

  const patrolShare = share(m.patrol, m.length)
  if (patrolShare > 0) lines.push(`${percent(patrolShare)} on paths a reassurance patrol covers then`)
  if (kind === 'loop' && retrace >= 0.02) lines.push(`${percent(retrace)} of it on paths run twice`)

  return {
    lengthMeters: Math.round(m.length),
    litShare,
    openSpaceShare: openShare,
    patrolShare,
    concernsNearby: m.concerns.length,
    extraVsShortest: ref.length === 0 ? 0 : Math.round((extra / ref.length) * 1000) / 1000,
    retraceShare: Math.round(retrace * 1000) / 1000,
    // 100 when nothing on the way costs more than its length under the safest weights.
    score: m.cost === 0 ? 100 : Math.round(Math.min(1, m.length / m.cost) * 100),
    explanation: lines,
  }
}
