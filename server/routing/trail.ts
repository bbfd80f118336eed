import type { LineString } from 'geojson'
import type { RoutingGraph, Snap } from './graph.ts'
import type { Path } from './search.ts'

/** A stretch of one edge, from fraction t0 to t1 (t0 > t1: walked backwards). */
export type Piece = { edge: number; t0: number; t1: number }

/** A route as pieces of edges in walking order. */
export type Trail = Piece[]

export function trailLength(graph: RoutingGraph, trail: Trail): number {
  let sum = 0
  for (const p of trail) sum += graph.length[p.edge]! * Math.abs(p.t1 - p.t0)
  return sum
}

/** The pieces of a search path between two snapped points (the partial edges at both ends included). */
export function pathTrail(graph: RoutingGraph, from: Snap, to: Snap, path: Path): Trail {
  const trail: Trail = [{ edge: from.edge, t0: from.t, t1: graph.edgeSource[from.edge] === path.start ? 0 : 1 }]
  path.edges.forEach((e, k) => {
    const forward = graph.edgeSource[e] === path.fromNodes[k]
    trail.push({ edge: e, t0: forward ? 0 : 1, t1: forward ? 1 : 0 })
  })
  trail.push({ edge: to.edge, t0: graph.edgeSource[to.edge] === path.end ? 0 : 1, t1: to.t })
  return trail.filter((p) => p.t0 !== p.t1)
}

/** The trail's line, consecutive duplicate points dropped. */
export function trailCoordinates(graph: RoutingGraph, trail: Trail): number[][] {
  const out: number[][] = []
  for (const p of trail) {
    for (const point of graph.slice(p.edge, p.t0, p.t1)) {
      const last = out.at(-1)
      if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point)
    }
  }
  return out
}

/** Coordinates to 7 decimals (about 1 cm), as lines are stored and served. */
export const round7 = (n: number) => Math.round(n * 1e7) / 1e7

/** The trail as a GeoJSON line, rounded to 7 decimals. */
export function trailLine(graph: RoutingGraph, trail: Trail): LineString {
  return { type: 'LineString', coordinates: trailCoordinates(graph, trail).map(([x, y]) => [round7(x!), round7(y!)]) }
}

/** The same trail walked the other way (walking is undirected). */
export const reverseTrail = (trail: Trail): Trail => trail.map((p) => ({ edge: p.edge, t0: p.t1, t1: p.t0 })).reverse()

/**
 * The share of a trail's length on edges it walks more than once (all passes counted): an
 * out-and-back of 200 m in a 5 km loop is 8%.
 */
export function retraceShare(graph: RoutingGraph, trail: Trail): number {
  const byEdge = new Map<number, [number, number][]>()
  for (const p of trail) {
    const list = byEdge.get(p.edge) ?? []
    list.push([Math.min(p.t0, p.t1), Math.max(p.t0, p.t1)])
    byEdge.set(p.edge, list)
  }
  let retraced = 0
  for (const [e, spans] of byEdge) {
    if (spans.length < 2) continue
    spans.sort((a, b) => a[0] - b[0])
    let union = 0
    let [lo, hi] = spans[0]!
    let sum = hi - lo
    for (const [a, b] of spans.slice(1)) {
      sum += b - a
      if (a > hi) {
        union += hi - lo
        ;[lo, hi] = [a, b]
      } else hi = Math.max(hi, b)
    }
    union += hi - lo
    if (sum - union > 1e-9) retraced += sum * graph.length[e]!
  }
  const total = trailLength(graph, trail)
  return total === 0 ? 0 : retraced / total
}

/** Length two trails share, over the shorter one's length. */
export function overlapShare(graph: RoutingGraph, a: Trail, b: Trail): number {
  const inA = new Map<number, number>()
  for (const p of a) inA.set(p.edge, (inA.get(p.edge) ?? 0) + Math.abs(p.t1 - p.t0))
  let shared = 0
  const seen = new Map<number, number>()
  for (const p of b) {
    const had = inA.get(p.edge)
    if (had === undefined) continue
    const used = seen.get(p.edge) ?? 0
    const part = Math.min(Math.abs(p.t1 - p.t0), Math.max(0, had - used))
    seen.set(p.edge, used + part)
    shared += part * graph.length[p.edge]!
  }
  const shorter = Math.min(trailLength(graph, a), trailLength(graph, b))
  return shorter === 0 ? 1 : shared / shorter
}
