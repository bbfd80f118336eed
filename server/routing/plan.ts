import { offsetBy } from '../../common/geo.ts'
import { flatDistance } from './geo.ts'
import type { RoutingGraph, Snap } from './graph.ts'
import { Searcher, type Terminal } from './search.ts'
import { overlapShare, pathTrail, retraceShare, trailLength, type Trail } from './trail.ts'

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

/** How far a loop waypoint may be moved to reach the network. */
const WAYPOINT_SNAP_METRES = 1500
/** Each alternative route costs this much more on the edges of the ones found before it. */
const ALTERNATIVE_PENALTY = 1.8
/** A loop's later legs pay this much more on edges an earlier leg used. */
const REUSE_PENALTY = 6
/** Roads are longer than the circle a loop's waypoints sit on, by about this much. */
const DETOUR = 1.25

/**
 * Routes and loops over one graph with per-request edge weights. `minFactor` is the least cost
 * per metre of any edge under those weights, which keeps the A* estimate a lower bound.
 */
export class Planner {
  readonly searcher: Searcher

  constructor(readonly graph: RoutingGraph) {
    this.searcher = new Searcher(graph)
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
   * start, heading one way per alternative (north, then east-south-east, then west-south-west),
   * joined by the cheapest paths with edges already used made dearer so a loop seldom walks back
   * the way it came; the circle is scaled until the length is within LOOP_TOLERANCE. Returns the
   * loops that fit (length band and retrace limit), up to `count`, and the longest that fitted at all.
   */
  loops(start: Snap, distance: number, weights: Float64Array, minFactor: number, count = 3): { loops: Trail[]; longest: number } {
    const headings = [0, 120, 240, 60, 180, 300, 30, 150, 270, 90, 210, 330]
    const started = performance.now()
    const found: { trail: Trail; retrace: number; heading: number }[] = []
    let longest = 0
    // Learnt from each try: how much longer the loop came out than the circle it was drawn on.
    let detour = DETOUR
    for (const heading of headings) {
      if (found.filter((f) => f.retrace <= MAX_RETRACE).length >= count) break
      // Once one loop is found, more are looked for only within the budget; none is ever looked for past twice that.
      const elapsed = performance.now() - started
      if ((found.length > 0 && elapsed > LOOP_BUDGET_MS) || elapsed > 2 * LOOP_BUDGET_MS) break
      const best = this.loopHeading(start, distance, weights, minFactor, heading, detour)
      longest = Math.max(longest, best.longest)
      detour = best.detour
      if (!best.trail) continue
      const candidate = { ...best.trail, heading: this.headingOf(start, best.trail.trail) }
      const apart = (f: { heading: number }) => Math.abs(((f.heading - candidate.heading + 540) % 360) - 180) >= MIN_HEADING_APART
      if (found.every((f) => apart(f) && overlapShare(this.graph, f.trail, candidate.trail) < MAX_OVERLAP)) found.push(candidate)
    }
    // Loops within the retrace limit; when the start allows none (a long dead end leads to it),
    // the one that retraces least, which its explanation says.
    const within = found.filter((f) => f.retrace <= MAX_RETRACE)
    const loops = within.length ? within : found.sort((a, b) => a.retrace - b.retrace).slice(0, 1)
    return { loops: loops.slice(0, count).map((f) => f.trail), longest }
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

  /** The loop heading one way that comes closest to the distance, trying a few circle sizes. */
  private loopHeading(start: Snap, distance: number, weights: Float64Array, minFactor: number, heading: number, detour: number) {
    let best: { trail: Trail; retrace: number; error: number } | null = null
    let longest = 0
    for (const waypoints of [5, 8]) {
      let radius = distance / (2 * Math.PI * detour)
      for (let iteration = 0; iteration < 4; iteration++) {
        const trail = this.loopThrough(start, radius, heading, waypoints, weights, minFactor)
        if (!trail) {
          // Waypoints off the network's edge: a smaller circle may still fit.
          radius /= 2
          continue
        }
        const length = trailLength(this.graph, trail)
        if (length === 0) break
        detour = length / (2 * Math.PI * radius)
        longest = Math.max(longest, length)
        const error = Math.abs(length - distance) / distance
        if (error <= LOOP_TOLERANCE) {
          const retrace = retraceShare(this.graph, trail)
          if (!best || Number(retrace > MAX_RETRACE) * 10 + error < Number(best.retrace > MAX_RETRACE) * 10 + best.error) best = { trail, retrace, error }
          if (retrace <= MAX_RETRACE) return { trail: best, longest, detour }
        }
        radius *= Math.min(2, Math.max(0.5, distance / length))
      }
      if (best) break
    }
    return { trail: best, longest, detour }
  }

  /** One loop through `count` waypoints on a circle of `radius` through the start, or null. */
  private loopThrough(start: Snap, radius: number, heading: number, count: number, weights: Float64Array, minFactor: number): Trail | null {
    const g = this.graph
    const centre = offsetBy(start.lng, start.lat, heading, radius)
    const stops: Snap[] = [start]
    for (let k = 1; k < count; k++) {
      const [lng, lat] = offsetBy(centre[0], centre[1], heading + 180 + (360 * k) / count, radius)
      const stop = g.snap(lng, lat, WAYPOINT_SNAP_METRES, true)
      const previous = stops.at(-1)!
      if (stop && flatDistance(g.projection, stop.lng, stop.lat, previous.lng, previous.lat) > radius / 4) stops.push(stop)
    }
    if (stops.length < 3) return null
    stops.push(start)
    const legWeights = weights.slice()
    const trail: Trail = []
    for (let k = 0; k + 1 < stops.length; k++) {
      const leg = this.connect(stops[k]!, stops[k + 1]!, legWeights, minFactor)
      if (!leg) return null
      for (const p of leg) legWeights[p.edge]! *= REUSE_PENALTY
      trail.push(...leg)
    }
    return trail
  }
}
