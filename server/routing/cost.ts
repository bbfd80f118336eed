import type { ConcernLoad } from './concern-load.ts'
import { HIGHWAY_CLASSES, LIT, type HighwayClass, type RoutingGraph } from './graph.ts'
import type { TurnCost } from './search.ts'
import { openThroughout, type RouteTime } from './time.ts'
import { PROFILES, type Profile } from './vocabulary.ts'

export { PROFILES, type Profile }

/**
 * The cost model, in one place (README "How routes are chosen" says the same in words).
 *
 * cost(edge) = length × max(floor, 1 + unlit + openSpace + closedPark − patrol) + concernMetres × load
 *
 * - unlit: after dark only; an edge tagged lit=no costs `unlit` more per metre, one with no
 *   lighting recorded `unknownLit` more.
 * - openSpace: after dark only, paths through parks and commons (isolated, no passers-by).
 * - closedPark: a park whose opening_hours say it is closed at any time of the trip; as good as
 *   impassable, but kept finite so a start inside one can still get out.
 * - patrol: a bonus on edges a scheduled public patrol covers at that time (an input, `patrolled`).
 * - load: the concerns near the edge that apply at that time band and day (ConcernLoad), each
 *   weighted by category, support, status and recency; one unit of load costs as much as
 *   `concernMetres` of extra distance, however long the edge.
 *
 * `shortest` is distance alone; `balanced` trades less distance for safety than `safest`.
 */

export type ProfileWeights = {
  unlit: number
  unknownLit: number
  openSpace: number
  closedPark: number
  patrol: number
  concernMetres: number
}

export const PROFILE_WEIGHTS: Record<Profile, ProfileWeights> = {
  safest: { unlit: 2, unknownLit: 0.6, openSpace: 0.8, closedPark: 50, patrol: 0.3, concernMetres: 250 },
  balanced: { unlit: 0.6, unknownLit: 0.2, openSpace: 0.25, closedPark: 50, patrol: 0.1, concernMetres: 80 },
  shortest: { unlit: 0, unknownLit: 0, openSpace: 0, closedPark: 0, patrol: 0, concernMetres: 0 },
}

/** No edge costs less than this per metre, so A*'s straight-line estimate stays a lower bound. */
export const FLOOR = 0.6

/** Which open spaces are closed at some time of the trip (indexes into graph.openSpaces). */
export function closedParks(graph: RoutingGraph, time: RouteTime): Set<number> {
  const closed = new Set<number>()
  const lng = graph.nodeLng[0] ?? 0
  const lat = graph.nodeLat[0] ?? 0
  graph.openSpaces.forEach((space, k) => {
    if (!openThroughout(space.openingHours, time.departAt, time.arriveBy, lng, lat)) closed.add(k)
  })
  return closed
}

export type CostInputs = {
  profile: Profile
  time: RouteTime
  concerns: ConcernLoad
  closed: Set<number>
  patrolled?: Uint8Array // 1 where a public patrol passes at that time
}

/** The weight of every edge for one request. */
export function edgeWeights(graph: RoutingGraph, { profile, time, concerns, closed, patrolled }: CostInputs): Float64Array {
  const p = PROFILE_WEIGHTS[profile]
  const weights = new Float64Array(graph.edgeCount)
  if (profile === 'shortest') {
    weights.set(graph.length)
    return weights
  }
  const load = concerns.load(time.timeBand, time.weekend)
  for (let e = 0; e < graph.edgeCount; e++) {
    let factor = 1
    if (time.dark) {
      if (graph.lit[e] === LIT.no) factor += p.unlit
      else if (graph.lit[e] === LIT.unknown) factor += p.unknownLit
      if (graph.openSpace[e]! >= 0) factor += p.openSpace
    }
    if (graph.openSpace[e]! >= 0 && closed.has(graph.openSpace[e]!)) factor += p.closedPark
    if (patrolled?.[e]) factor -= p.patrol
    weights[e] = graph.length[e]! * Math.max(FLOOR, factor) + p.concernMetres * load[e]!
  }
  return weights
}

/** The least cost per metre of any edge under these weights (the concerns' extra left out): A*'s scale. */
export function leastFactor(graph: RoutingGraph, weights: Float64Array): number {
  let least = Infinity
  for (let e = 0; e < graph.edgeCount; e++) {
    const length = graph.length[e]!
    if (length > 1) least = Math.min(least, weights[e]! / length)
  }
  return Number.isFinite(least) ? Math.max(FLOOR, Math.min(1, least)) : 1
}

/**
 * What makes a loop runnable, on top of the profile's weights (README "How loops are shaped"):
 * - a turn cost at each junction, in metres of extra distance by the change of heading: nothing
 *   up to `bendDegrees`, `bend` up to `sharpDegrees`, `sharp` beyond, `uTurn` for turning back;
 *   half as much when the turn keeps to the same street or path (it bends, the runner doesn't
 *   choose);
 * - a factor per highway class: main roads and park paths are the continuous lines runners
 *   follow; service roads (car parks, yards), steps and tracks are not;
 * - `bridge` on an edge whose removal splits the network (a spur, a cul-de-sac): a loop that
 *   enters one has to come back out the same way.
 */
export const LOOP_SHAPE = {
  bendDegrees: 30,
  sharpDegrees: 75,
  uTurnDegrees: 150,
  bend: 25,
  sharp: 150,
  uTurn: 400,
  sameWay: 0.5,
  bridge: 4,
}

export const CLASS_FACTOR: Record<HighwayClass, number> = {
  other: 1, footway: 1, path: 0.95, pedestrian: 1, cycleway: 1, residential: 1, main: 0.9, service: 1.4, steps: 1.8, track: 1.1,
}

/** The loop search's weight of every edge, into `out`: the request's weights with the class and bridge factors. */
export function loopWeights(graph: RoutingGraph, weights: Float64Array, out: Float64Array): Float64Array {
  const factor = HIGHWAY_CLASSES.map((c) => CLASS_FACTOR[c])
  for (let e = 0; e < graph.edgeCount; e++) out[e] = weights[e]! * factor[graph.highway[e]!]! * (graph.bridge[e] ? LOOP_SHAPE.bridge : 1)
  return out
}

/** The least cost per metre of any edge under loop weights: the loop search's A* scale (no clamp: class factors go below 1). */
export function leastLoopFactor(graph: RoutingGraph, weights: Float64Array): number {
  let least = Infinity
  for (let e = 0; e < graph.edgeCount; e++) if (graph.length[e]! > 1) least = Math.min(least, weights[e]! / graph.length[e]!)
  return Number.isFinite(least) ? least : 1
}

const RADIANS = Math.PI / 180
/** The turn cost between directed edges (search.ts states) of this graph, as LOOP_SHAPE says. */
export function turnCosts(graph: RoutingGraph): TurnCost {
  const { heading, way } = graph
  const bend = LOOP_SHAPE.bendDegrees * RADIANS
  const sharp = LOOP_SHAPE.sharpDegrees * RADIANS
  const uTurn = LOOP_SHAPE.uTurnDegrees * RADIANS
  return (from, to) => {
    const e = from >> 1
    const f = to >> 1
    // Heading arriving along `from` and leaving along `to`, each in its walking direction.
    const arrive = (from & 1) === 0 ? heading[2 * e + 1]! : heading[2 * e]! + Math.PI
    const leave = (to & 1) === 0 ? heading[2 * f]! : heading[2 * f + 1]! + Math.PI
    let angle = Math.abs(leave - arrive) % (2 * Math.PI)
    if (angle > Math.PI) angle = 2 * Math.PI - angle
    if (angle <= bend) return 0
    const cost = angle <= sharp ? LOOP_SHAPE.bend : angle <= uTurn ? LOOP_SHAPE.sharp : LOOP_SHAPE.uTurn
    return way[e] !== -1 && way[e] === way[f] && angle <= uTurn ? cost * LOOP_SHAPE.sameWay : cost
  }
}
