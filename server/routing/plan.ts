import { offsetBy } from '../../common/geo.ts'
import { leastLoopFactor, loopWeights, turnCosts } from './cost.ts'
import { flatDistance } from './geo.ts'
import type { RoutingGraph, Snap } from './graph.ts'
import { Searcher, TurnSearcher, type Terminal, type TurnCost, type TurnGoal } from './search.ts'
import { isoperimetricQuotient, sharpTurnsPerKm } from './shape.ts'
import { overlapShare, pathTrail, retraceShare, trailCoordinates, trailLength, type Trail } from './trail.ts'

/** Alternatives must share less than this share of their length with each other. */
export const MAX_OVERLAP = 0.7
/** A loop may be this far from the asked distance. */
export const LOOP_TOLERANCE = 0.05
/** At most this share of a loop's length may lie on edges it walks twice. */
export const MAX_RETRACE = 0.1

/** Time for finding loops: alternatives stop being looked for after this long (see `loops`). */
const LOOP_BUDGET_MS = 200

/** Loops must head at least this many degrees apart (bearing from the start to their centre). */
const MIN_HEADING_APART = 45
/** The directions loops are tried in: the first three spread round the compass, then between them. */
const HEADINGS = [0, 120, 240, 60, 180, 300, 30, 150, 270, 90, 210, 330]

/** Waypoints on the circle, start included: the second count is tried when the first fits no loop. */
const LOOP_WAYPOINTS = [4, 6]
/** Circle sizes tried per heading and waypoint count. */
const FIT_TRIES = 4

/**
 * How a candidate loop is judged (lower is better), beyond its cost per metre under the profile:
 * per sharp turn per km, per unit the isoperimetric quotient falls short of `ROUND`, per unit of
 * retraced share and of distance error. bench/loops.ts measures what these buy.
 */
const SCORE = { turnPerKm: 0.3, ROUND: 0.45, unround: 4, retrace: 4, error: 2 }

/** How far a loop waypoint may be moved to reach the network. */
const WAYPOINT_SNAP_METRES = 1500
/**
 * The loop search's A* estimate is this many times the least cost per metre: weighted A*, which
 * settles far fewer junctions; a leg may cost a little more than the cheapest, which a loop can
 * afford (routes from A to B stay exact: they use `connect`).
 */
const LOOP_HEURISTIC = 2
/** A loop's leg ends at the first junction this close to its waypoint, or a third of the circle's radius if less. */
const WAYPOINT_REACH_METRES = 400
/** Each alternative route costs this much more on the edges of the ones found before it. */
const ALTERNATIVE_PENALTY = 1.8
/** A loop's later legs pay this much more on edges an earlier leg used, … */
const REUSE_PENALTY = 6
/** … and this much more on edges running close beside them (the other pavement of the same street). */
const BESIDE_PENALTY = 3
const BESIDE_METRES = 25
/** Roads are longer than the circle a loop's waypoints sit on, by about this much. */
const DETOUR = 1.25

/**
 * Routes and loops over one graph with per-request edge weights. `minFactor` is the least cost
 * per metre of any edge under those weights, which keeps the A* estimate a lower bound.
 */
export class Planner {
  readonly searcher: Searcher
  private readonly turnSearcher: TurnSearcher
  private readonly turn: TurnCost
  // A loop request's weights: kept between requests like the searches' workspaces (requests
  // run one at a time), so a force-size graph doesn't allocate them for each.
  private readonly loopBase: Float64Array
  private readonly loopScratch: Float64Array

  constructor(readonly graph: RoutingGraph) {
    this.searcher = new Searcher(graph)
    this.turnSearcher = new TurnSearcher(graph)
    this.turn = turnCosts(graph)
    this.loopBase = new Float64Array(graph.edgeCount)
    this.loopScratch = new Float64Array(graph.edgeCount)
  }

  /** Bytes of the searches' workspaces (kept between requests, one set per graph). */
  workspaceBytes(): number {
    return this.searcher.bytes() + this.turnSearcher.bytes() + this.loopBase.byteLength + this.loopScratch.byteLength
  }

  /** Cheapest trail between two snapped points, or null when they are not connected. */
  connect(from: Snap, to: Snap, weights: Float64Array, minFactor: number): Trail | null {
    const g = this.graph
    const terminals = (s: Snap): Terminal[] => [
      { node: g.edgeSource[s.edge]!, cost: weights[s.edge]! * s.t },
      { node: g.edgeTarget[s.edge]!, cost: weights[s.edge]! * (1 - s.t) },
    ]
    const { kx, ky } = g.projection
    const scale = 0.99 * minFactor // the projection is within 1% of the stored geodesic lengths
    const heuristic = (n: number) => scale * Math.hypot((g.nodeLng[n]! - to.lng) * kx, (g.nodeLat[n]! - to.lat) * ky)
    const path = this.searcher.path(weights, terminals(from), terminals(to), heuristic)
    const direct = from.edge === to.edge ? weights[from.edge]! * Math.abs(from.t - to.t) : Infinity
    if (direct <= (path?.cost ?? Infinity)) return direct === Infinity ? null : [{ edge: from.edge, t0: from.t, t1: to.t }]
    return path && pathTrail(g, from, to, path)
  }

  /**
   * Up to `count` trails from → to that really differ: each next one is searched with the edges
   * of those found so far made dearer, and kept only if it shares less than MAX_OVERLAP with each.
   */
  alternatives(from: Snap, to: Snap, weights: Float64Array, minFactor: number, count = 3): Trail[] {
    const first = this.connect(from, to, weights, minFactor)
    if (!first) return []
    const found = [first]
    const penalised = weights.slice()
    for (let attempt = 0; attempt < count * 3 && found.length < count; attempt++) {
      for (const p of found.at(-1)!) penalised[p.edge]! *= ALTERNATIVE_PENALTY
      const next = this.connect(from, to, penalised, minFactor)
      if (!next) break
      if (found.every((t) => overlapShare(this.graph, t, next) < MAX_OVERLAP)) found.push(next)
      else for (const p of next) penalised[p.edge]! *= ALTERNATIVE_PENALTY
    }
    return found
  }

  /**
   * Loops of about `distance` metres from and back to `start`: waypoints on a circle through the
   * start, one circle per heading, joined by a turn-aware search (cost.ts LOOP_SHAPE: turn costs,
   * highway classes, spurs) that carries on through each waypoint the way it arrived, with edges
   * already used, and those beside them, made dearer so a loop seldom comes back the way it went.
   * Each circle is scaled until the length is within LOOP_TOLERANCE. Candidates are tried within
   * the time budget and judged by cost and shape (SCORE); returned are the best that head
   * different ways and overlap little, up to `count`, and the longest that fitted at all.
   * `spare`: how many more candidates than `count` to look for to choose from.
   */
  loops(start: Snap, distance: number, weights: Float64Array, count = 3, spare = count): { loops: Trail[]; longest: number } {
    const g = this.graph
    const base = loopWeights(g, weights, this.loopBase)
    this.loopScratch.set(base)
    const search: LoopSearch = { weights, base, scratch: this.loopScratch, scale: LOOP_HEURISTIC * leastLoopFactor(g, base) }
    const started = performance.now()
    const candidates: Candidate[] = []
    let longest = 0
    // Learnt from each try: how much longer the loop came out than the circle it was drawn on.
    let detour = DETOUR
    for (const heading of HEADINGS) {
      // `spare` candidates beyond those asked for leave a choice; they are looked for only within
      // the budget, and none past twice the budget.
      const elapsed = performance.now() - started
      if (candidates.length >= count + spare || (candidates.length >= count && elapsed > LOOP_BUDGET_MS) || elapsed > 2 * LOOP_BUDGET_MS) break
      const best = this.loopHeading(start, distance, search, heading, detour)
      longest = Math.max(longest, best.longest)
      detour = best.detour
      if (best.candidate) candidates.push(best.candidate)
    }
    const apart = (a: Candidate, b: Candidate) =>
      Math.abs(((a.heading - b.heading + 540) % 360) - 180) >= MIN_HEADING_APART && overlapShare(g, a.trail, b.trail) < MAX_OVERLAP
    const picked: Candidate[] = []
    for (const c of candidates.filter((c) => c.retrace <= MAX_RETRACE).sort((a, b) => a.score - b.score)) {
      if (picked.length < count && picked.every((p) => apart(p, c))) picked.push(c)
    }
    // When the start allows none within the retrace limit (a long dead end leads to it), the one
    // that retraces least, which its explanation says.
    if (picked.length === 0 && candidates.length) picked.push(candidates.sort((a, b) => a.retrace - b.retrace)[0]!)
    return { loops: picked.map((c) => c.trail), longest }
  }

  /** Compass bearing from the start to the middle of a loop's vertices. */
  private headingOf(start: Snap, trail: Trail): number {
    const g = this.graph
    let x = 0
    let y = 0
    let n = 0
    for (const p of trail) {
      const k = g.coordinateStart[p.edge]!
      x += g.coordinates[2 * k]!
      y += g.coordinates[2 * k + 1]!
      n++
    }
    const { kx, ky } = g.projection
    return (Math.atan2((x / n - start.lng) * kx, (y / n - start.lat) * ky) * 180) / Math.PI
  }

  /** A loop that fits the distance, judged as SCORE says. */
  private candidate(start: Snap, trail: Trail, weights: Float64Array, distance: number): Candidate {
    const g = this.graph
    const length = trailLength(g, trail)
    let cost = 0
    for (const p of trail) cost += weights[p.edge]! * Math.abs(p.t1 - p.t0)
    const line = trailCoordinates(g, trail)
    const retrace = retraceShare(g, trail)
    const error = Math.abs(length - distance) / distance
    const score =
      cost / length +
      SCORE.turnPerKm * sharpTurnsPerKm(line) +
      SCORE.unround * Math.max(0, SCORE.ROUND - isoperimetricQuotient(line)) +
      SCORE.retrace * retrace +
      SCORE.error * error
    return { trail, retrace, score, heading: this.headingOf(start, trail) }
  }

  /**
   * A loop heading one way within the distance band, or null: the circle's radius is corrected
   * from each try, by proportion until the asked distance is bracketed, then by interpolating
   * between the tries either side of it (the network makes length a jumpy function of radius).
   */
  private loopHeading(start: Snap, distance: number, search: LoopSearch, heading: number, detour: number) {
    let longest = 0
    for (const waypoints of LOOP_WAYPOINTS) {
      let radius = distance / (2 * Math.PI * detour)
      let short = null as { radius: number; length: number } | null
      let long = null as { radius: number; length: number } | null
      for (let iteration = 0; iteration < FIT_TRIES; iteration++) {
        const trail = this.loopThrough(start, radius, heading, waypoints, search)
        // No loop: the circle reaches off the network's edge, so a smaller one may fit.
        const length = trail ? trailLength(this.graph, trail) : Infinity
        // The same loop again: the circle has outgrown the network that way.
        if (length === 0 || length === short?.length || (length === long?.length && length !== Infinity)) break
        if (trail) {
          detour = length / (2 * Math.PI * radius)
          longest = Math.max(longest, length)
          if (Math.abs(length - distance) / distance <= LOOP_TOLERANCE) {
            return { candidate: this.candidate(start, trail, search.weights, distance), longest, detour }
          }
        }
        if (length < distance && (!short || radius > short.radius)) short = { radius, length }
        if (length > distance && (!long || radius < long.radius)) long = { radius, length }
        if (short && long) {
          // Between the tries either side, in proportion (halfway when the longer one found no loop).
          const share = long.length === Infinity ? 0.5 : (distance - short.length) / (long.length - short.length)
          radius = short.radius + share * (long.radius - short.radius)
        } else radius = trail ? radius * Math.min(2, Math.max(0.5, distance / length)) : radius / 2
      }
    }
    return { candidate: null, longest, detour }
  }

  /**
   * One loop round a circle of `radius` through the start, passing near `count - 1` waypoints
   * on it, or null. Each leg ends at the first junction within reach of its waypoint (not at the
   * waypoint itself, which in a street grid would cost a detour round the block) and the next
   * leg carries on from there the way it arrived.
   */
  private loopThrough(start: Snap, radius: number, heading: number, count: number, search: LoopSearch): Trail | null {
    const g = this.graph
    const { kx, ky } = g.projection
    const centre = offsetBy(start.lng, start.lat, heading, radius)
    const stops: Snap[] = []
    for (let k = 1; k < count; k++) {
      const [lng, lat] = offsetBy(centre[0], centre[1], heading + 180 + (360 * k) / count, radius)
      const stop = g.snap(lng, lat, WAYPOINT_SNAP_METRES, true)
      const previous = stops.at(-1) ?? start
      if (stop && flatDistance(g.projection, stop.lng, stop.lat, previous.lng, previous.lat) > radius / 4) stops.push(stop)
    }
    if (stops.length < 2) return null
    const reach = Math.min(WAYPOINT_REACH_METRES, radius / 3)
    const { scratch, base } = search
    const touched: number[] = []
    const penalise = (e: number, factor: number) => {
      scratch[e]! *= factor
      touched.push(e)
    }
    const w = scratch[start.edge]!
    let starts = [
      { state: 2 * start.edge, cost: w * (1 - start.t) },
      { state: 2 * start.edge + 1, cost: w * start.t },
    ]
    const trail: Trail = []
    try {
      for (let k = 0; k <= stops.length; k++) {
        const home = k === stops.length
        const to = home ? start : stops[k]!
        const slack = home ? 0 : reach
        const heuristic = (n: number) => {
          const dx = (g.nodeLng[n]! - to.lng) * kx
          const dy = (g.nodeLat[n]! - to.lat) * ky
          return search.scale * Math.max(0, Math.sqrt(dx * dx + dy * dy) - slack)
        }
        const goal: TurnGoal = home ? { kind: 'point', at: start } : { kind: 'near', lng: to.lng, lat: to.lat, metres: reach, edge: to.edge }
        const path = this.turnSearcher.path(scratch, this.turn, starts, goal, heuristic)
        if (!path) return null
        // The first leg's first state is the start's own edge, from the start on; a later leg's is
        // the state the previous leg ended in, walked already.
        const leg: Trail = path.states.slice(1).map((s) => ({ edge: s >> 1, t0: s & 1, t1: 1 - (s & 1) }))
        if (k === 0) {
          const first = path.states[0]!
          leg.unshift({ edge: first >> 1, t0: start.t, t1: (first & 1) === 0 ? 1 : 0 })
        }
        if (home) leg.push({ edge: start.edge, t0: path.endDirection === 0 ? 0 : 1, t1: start.t })
        starts = [{ state: path.states.at(-1)!, cost: 0 }]
        for (const p of leg) {
          penalise(p.edge, REUSE_PENALTY)
          const [lng, lat] = g.slice(p.edge, 0.5, 0.5)[0]!
          for (const near of new Set(g.edgeIdsNear(lng!, lat!, BESIDE_METRES))) if (near !== p.edge) penalise(near, BESIDE_PENALTY)
        }
        trail.push(...leg.filter((p) => p.t0 !== p.t1))
      }
      return trail
    } finally {
      for (const e of touched) scratch[e] = base[e]!
    }
  }
}

/** One request's loop search: its weights, the loop weights (and a copy the legs make dearer), A*'s scale. */
type LoopSearch = { weights: Float64Array; base: Float64Array; scratch: Float64Array; scale: number }

type Candidate = { trail: Trail; retrace: number; score: number; heading: number }
