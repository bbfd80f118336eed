import type { RoutingGraph } from './graph.ts'

/** A start or an end of a search: a node and the cost already spent (or still to spend) to it. */
export type Terminal = { node: number; cost: number }

/** A path found by `search`: its cost and its edges in order with the node each is left from. */
export type Path = { cost: number; edges: number[]; fromNodes: number[]; start: number; end: number }

/** A binary min-heap of (key, node) in typed arrays; stale entries are skipped by the caller. */
class Heap {
  keys = new Float64Array(1024)
  values = new Int32Array(1024)
  size = 0
  push(key: number, value: number) {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2)
      keys.set(this.keys)
      this.keys = keys
      const values = new Int32Array(this.size * 2)
      values.set(this.values)
      this.values = values
    }
    let i = this.size++
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.keys[parent]! <= key) break
      this.keys[i] = this.keys[parent]!
      this.values[i] = this.values[parent]!
      i = parent
    }
    this.keys[i] = key
    this.values[i] = value
  }
  /** Removes the smallest; read `topKey`/`topValue` before calling. */
  pop() {
    const key = this.keys[--this.size]!
    const value = this.values[this.size]!
    let i = 0
    for (;;) {
      let child = 2 * i + 1
      if (child >= this.size) break
      if (child + 1 < this.size && this.keys[child + 1]! < this.keys[child]!) child++
      if (this.keys[child]! >= key) break
      this.keys[i] = this.keys[child]!
      this.values[i] = this.values[child]!
      i = child
    }
    this.keys[i] = key
    this.values[i] = value
  }
  get topKey() {
    return this.keys[0]!
  }
  get topValue() {
    return this.values[0]!
  }
}

/**
 * Dijkstra's algorithm (A* when a heuristic is given) over a RoutingGraph with per-edge weights.
 * The arrays are kept between searches and reset by a generation stamp, so a search costs only
 * what it visits — searches run one at a time on the event loop, so one workspace per graph is
 * enough.
 */
export class Searcher {
  readonly cost: Float64Array
  readonly via: Int32Array // the edge a node was reached by, -1 at a start
  private readonly stamp: Uint32Array
  private readonly done: Uint32Array
  private generation = 0
  private readonly heap = new Heap()

  constructor(readonly graph: RoutingGraph) {
    this.cost = new Float64Array(graph.nodeCount)
    this.via = new Int32Array(graph.nodeCount)
    this.stamp = new Uint32Array(graph.nodeCount)
    this.done = new Uint32Array(graph.nodeCount)
  }

  /** Bytes of the workspace (four numbers a node). */
  bytes(): number {
    return this.cost.byteLength + this.via.byteLength + this.stamp.byteLength + this.done.byteLength
  }

  /** Has the last search reached node n (with a final cost)? */
  settled(n: number): boolean {
    return this.done[n] === this.generation
  }

  /**
   * Cheapest path from any start to any end (an end's cost is added on arrival), or null when
   * none is reachable. `heuristic(node)` must never overestimate the remaining cost.
   */
  path(weights: Float64Array, starts: readonly Terminal[], ends: readonly Terminal[], heuristic?: (n: number) => number): Path | null {
    const endCost = new Map<number, number>()
    for (const e of ends) endCost.set(e.node, Math.min(e.cost, endCost.get(e.node) ?? Infinity))
    let best = Infinity
    let bestEnd = -1
    this.run(weights, starts, Infinity, heuristic, (n, cost) => {
      const extra = endCost.get(n)
      if (extra !== undefined && cost + extra < best) {
        best = cost + extra
        bestEnd = n
      }
      return best
    })
    return bestEnd === -1 ? null : { ...this.trace(bestEnd), cost: best }
  }

  /** Costs from the starts to every node up to `limit` (read with `settled` and `cost`). */
  all(weights: Float64Array, starts: readonly Terminal[], limit = Infinity): void {
    this.run(weights, starts, limit, undefined, () => Infinity)
  }

  /** The edges from a start to node n, as reached by the last search. */
  trace(n: number): Omit<Path, 'cost'> {
    const edges: number[] = []
    const fromNodes: number[] = []
    let u = n
    while (this.via[u] !== -1) {
      const e = this.via[u]!
      u = this.graph.other(e, u)
      edges.push(e)
      fromNodes.push(u)
    }
    return { edges: edges.reverse(), fromNodes: fromNodes.reverse(), start: u, end: n }
  }

  /**
   * The search loop. `onSettle(node, cost)` returns the best complete cost known so far; the
   * search stops once nothing left can beat it.
   */
  private run(
    weights: Float64Array,
    starts: readonly Terminal[],
    limit: number,
    heuristic: ((n: number) => number) | undefined,
    onSettle: (n: number, cost: number) => number,
  ) {
    const g = this.graph
    const gen = ++this.generation
    const heap = this.heap
    heap.size = 0
    for (const s of starts) {
      if (this.stamp[s.node] === gen && this.cost[s.node]! <= s.cost) continue
      this.stamp[s.node] = gen
      this.cost[s.node] = s.cost
      this.via[s.node] = -1
      heap.push(s.cost + (heuristic ? heuristic(s.node) : 0), s.node)
    }
    let bound = Infinity
    while (heap.size > 0) {
      const key = heap.topKey
      const u = heap.topValue
      heap.pop()
      if (this.done[u] === gen) continue
      if (key >= bound || key > limit) break
      this.done[u] = gen
      const cu = this.cost[u]!
      bound = onSettle(u, cu)
      for (let k = g.adjacencyStart[u]!; k < g.adjacencyStart[u + 1]!; k++) {
        const e = g.adjacentEdge[k]!
        const w = weights[e]!
        if (w === Infinity) continue
        const v = g.other(e, u)
        const cv = cu + w
        if (this.done[v] === gen) continue
        if (this.stamp[v] === gen && this.cost[v]! <= cv) continue
        this.stamp[v] = gen
        this.cost[v] = cv
        this.via[v] = e
        heap.push(cv + (heuristic ? heuristic(v) : 0), v)
      }
    }
  }
}

/** A point on an edge (graph.ts Snap's edge and t). */
export type EdgePoint = { edge: number; t: number }

/** Where a turn-aware search may end: exactly at a point on an edge, or anywhere near a waypoint. */
export type TurnGoal =
  | { kind: 'point'; at: EdgePoint }
  /** Any junction within `metres` of lng/lat, or the far end of `edge` (so that a waypoint on a long edge is always reachable). */
  | { kind: 'near'; lng: number; lat: number; metres: number; edge: number }

/**
 * A path found by `TurnSearcher`: its cost and the directed edges walked (state 2e for
 * source→target, 2e + 1 for target→source) from its start state; with a point goal, the
 * direction the goal's edge is walked in to reach it (0 source→target, 1 the other way).
 */
export type TurnPath = { cost: number; states: number[]; endDirection: 0 | 1 | null }

/** The cost of turning at a junction from directed edge `from` onto directed edge `to`. */
export type TurnCost = (from: number, to: number) => number

/**
 * Dijkstra/A* over directed edges instead of nodes, so that the cost of a step can depend on
 * the edge it came from: a turn cost at each junction (the loop search's, cost.ts). State
 * s = 2e + d is "walked edge e in direction d, now at its far end". A search starts from given
 * states (a loop's next leg from the state the previous one ended in, so it carries on the way it
 * arrived instead of turning back at the waypoint). Same workspace scheme as `Searcher`.
 */
export class TurnSearcher {
  private readonly cost: Float64Array
  private readonly via: Int32Array // the state a state was reached from, -1 at a start
  private readonly stamp: Uint32Array
  private readonly done: Uint32Array
  private generation = 0
  private readonly heap = new Heap()

  constructor(readonly graph: RoutingGraph) {
    const states = 2 * graph.edgeCount
    this.cost = new Float64Array(states)
    this.via = new Int32Array(states)
    this.stamp = new Uint32Array(states)
    this.done = new Uint32Array(states)
  }

  /** Bytes of the workspace (four numbers a directed edge). */
  bytes(): number {
    return this.cost.byteLength + this.via.byteLength + this.stamp.byteLength + this.done.byteLength
  }

  /** The node at the far end of state s. */
  head(s: number): number {
    return (s & 1) === 0 ? this.graph.edgeTarget[s >> 1]! : this.graph.edgeSource[s >> 1]!
  }

  /**
   * Cheapest path from any start state (at its cost) to the goal, or null. `heuristic(node)`
   * must never overestimate the remaining cost for the result to be the cheapest.
   */
  path(weights: Float64Array, turn: TurnCost, starts: readonly { state: number; cost: number }[], goal: TurnGoal, heuristic: (n: number) => number): TurnPath | null {
    const g = this.graph
    const gen = ++this.generation
    const heap = this.heap
    heap.size = 0
    const { kx, ky } = g.projection
    const nearGoal = (s: number) => {
      if (goal.kind !== 'near') return false
      const n = this.head(s)
      const dx = (g.nodeLng[n]! - goal.lng) * kx
      const dy = (g.nodeLat[n]! - goal.lat) * ky
      return s >> 1 === goal.edge || dx * dx + dy * dy <= goal.metres * goal.metres
    }
    let best = Infinity
    let bestState = -1
    let bestDirection: 0 | 1 | null = null
    for (const { state, cost } of starts) {
      if (this.stamp[state] === gen && this.cost[state]! <= cost) continue
      this.stamp[state] = gen
      this.cost[state] = cost
      this.via[state] = -1
      heap.push(cost + heuristic(this.head(state)), state)
    }
    while (heap.size > 0) {
      const key = heap.topKey
      const s = heap.topValue
      heap.pop()
      if (this.done[s] === gen) continue
      if (key >= best) break
      this.done[s] = gen
      const cs = this.cost[s]!
      if (nearGoal(s)) {
        // Settled in order of cost (plus an estimate that is 0 here): nothing later is cheaper.
        best = cs
        bestState = s
        break
      }
      const u = this.head(s)
      for (let k = g.adjacencyStart[u]!; k < g.adjacencyStart[u + 1]!; k++) {
        const f = g.adjacentEdge[k]!
        const w = weights[f]!
        if (w === Infinity) continue
        const d = g.edgeSource[f] === u ? 0 : 1
        const next = 2 * f + d
        const base = cs + turn(s, next)
        if (goal.kind === 'point' && f === goal.at.edge) {
          const finish = base + w * (d === 0 ? goal.at.t : 1 - goal.at.t)
          if (finish < best) [best, bestState, bestDirection] = [finish, s, d]
        }
        const cv = base + w
        if (this.done[next] === gen) continue
        if (this.stamp[next] === gen && this.cost[next]! <= cv) continue
        this.stamp[next] = gen
        this.cost[next] = cv
        this.via[next] = s
        heap.push(cv + heuristic(g.other(f, u)), next)
      }
    }
    if (bestState === -1) return null
    const states: number[] = []
    for (let s = bestState; s !== -1; s = this.via[s]!) states.push(s)
    return { cost: best, states: states.reverse(), endDirection: bestDirection }
  }
}
