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
