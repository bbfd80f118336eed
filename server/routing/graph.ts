import KDBush from 'kdbush'
import { closestOnSegment, projectionAt, type Projection } from './geo.ts'

/** One edge as read from `path_edges` (see network.ts). */
export type EdgeInput = {
  id: number
  source: number // OSM node ids
  target: number
  lengthM: number
  lit: 'yes' | 'no' | 'unknown'
  openSpace: number // index into the graph's openSpaces, or -1
  coordinates: number[][] // [lng, lat] from source to target
  /** The street or path it belongs to: its name when it has one, else its OSM way (continuity of a loop). */
  way?: string
  /** OSM highway class (footway, residential, …). */
  highway?: string
}

export const LIT = { no: 0, yes: 1, unknown: 2 } as const

/** OSM highway classes as the loop search tells them apart (cost.ts `CLASS_FACTOR`); anything else is `other`. */
export const HIGHWAY_CLASSES = ['other', 'footway', 'path', 'pedestrian', 'cycleway', 'residential', 'main', 'service', 'steps', 'track'] as const
export type HighwayClass = (typeof HIGHWAY_CLASSES)[number]
const MAIN_ROADS = new Set(['primary', 'secondary', 'tertiary', 'unclassified', 'living_street', 'trunk', 'primary_link', 'secondary_link', 'tertiary_link', 'trunk_link'])
function highwayClass(highway: string | undefined): number {
  if (highway === undefined) return 0
  if (MAIN_ROADS.has(highway)) return HIGHWAY_CLASSES.indexOf('main')
  return Math.max(0, HIGHWAY_CLASSES.indexOf(highway as HighwayClass))
}

/** The spatial index holds a point at least this often along every segment. */
const INDEX_STEP_METRES = 40
/** An edge's heading at either end is taken this far along it, so a kink at the junction doesn't count. */
const HEADING_METRES = 20

/** A point on the network: an edge and how far along it (0 at its source node, 1 at its target). */
export type Snap = { edge: number; t: number; distance: number; lng: number; lat: number }
/** The closest point of one edge: on its segment starting at `vertex`, at parameter u. */
type Closest = { edge: number; vertex: number; u: number; distance: number; lng: number; lat: number }

/**
 * The walkable network as compact typed arrays: nodes are dense integers, an edge's attributes
 * live at its index in each array, and each node's incident edges sit in one CSR block
 * (`adjacencyStart[n]` to `adjacencyStart[n + 1]` in `adjacentEdge`). Walking is undirected,
 * so every edge appears in the blocks of both its ends. No object per edge: about 100 bytes an
 * edge including geometry (see `bytes()`), so a force's network fits in tens of MB.
 */
export class RoutingGraph {
  readonly nodeCount: number
  readonly edgeCount: number
  readonly projection: Projection
  readonly edgeId: Float64Array
  readonly edgeSource: Int32Array
  readonly edgeTarget: Int32Array
  readonly length: Float64Array
  readonly lit: Uint8Array
  readonly openSpace: Int32Array
  readonly coordinateStart: Uint32Array // edge e's vertices are coordinates[2*start .. 2*end)
  readonly coordinates: Float64Array // lng, lat, lng, lat, …
  readonly adjacencyStart: Uint32Array
  readonly adjacentEdge: Int32Array
  readonly nodeLng: Float64Array
  readonly nodeLat: Float64Array
  readonly osmNode: Float64Array // the OSM node id of each dense node
  readonly component: Int32Array
  /** Dense id of the street or path an edge belongs to (EdgeInput.way); -1 when unknown. */
  readonly way: Int32Array
  readonly highway: Uint8Array // index into HIGHWAY_CLASSES
  /**
   * Compass headings in radians: `heading[2e]` leaving edge e's source along it, `heading[2e + 1]`
   * arriving at its target (both in the source→target direction), for turn costs.
   */
  readonly heading: Float32Array
  /** 1 on a bridge of the network (an edge whose removal cuts it in two): a loop crossing one must walk it back. */
  readonly bridge: Uint8Array
  /** The component with the most nodes: the one points are snapped to. */
  readonly mainComponent: number
  private readonly segments: KDBush // points along every segment of every edge, projected
  private readonly segmentEdge: Int32Array // per index point: its edge …
  private readonly segmentVertex: Uint32Array // … and its segment's first vertex in `coordinates` / 2
  private readonly segmentReach: number // half the longest piece between index points: the search margin

  constructor(
    edges: readonly EdgeInput[],
    readonly openSpaces: readonly { id: number; name: string | null; openingHours: string | null }[] = [],
  ) {
    const nodeIndex = new Map<number, number>()
    const node = (osmId: number) => {
      let n = nodeIndex.get(osmId)
      if (n === undefined) nodeIndex.set(osmId, (n = nodeIndex.size))
      return n
    }
    const m = edges.length
    this.edgeCount = m
    this.edgeId = new Float64Array(m)
    this.edgeSource = new Int32Array(m)
    this.edgeTarget = new Int32Array(m)
    this.length = new Float64Array(m)
    this.lit = new Uint8Array(m)
    this.openSpace = new Int32Array(m)
    this.way = new Int32Array(m)
    this.highway = new Uint8Array(m)
    this.coordinateStart = new Uint32Array(m + 1)
    const wayIndex = new Map<string, number>()
    let vertexCount = 0
    for (const e of edges) vertexCount += e.coordinates.length
    this.coordinates = new Float64Array(vertexCount * 2)
    let v = 0
    let latSum = 0
    for (let i = 0; i < m; i++) {
      const e = edges[i]!
      this.edgeId[i] = e.id
      this.edgeSource[i] = node(e.source)
      this.edgeTarget[i] = node(e.target)
      this.length[i] = e.lengthM
      this.lit[i] = LIT[e.lit]
      this.openSpace[i] = e.openSpace
      this.highway[i] = highwayClass(e.highway)
      if (e.way === undefined) this.way[i] = -1
      else {
        let w = wayIndex.get(e.way)
        if (w === undefined) wayIndex.set(e.way, (w = wayIndex.size))
        this.way[i] = w
      }
      this.coordinateStart[i] = v
      for (const [lng, lat] of e.coordinates) {
        this.coordinates[2 * v] = lng!
        this.coordinates[2 * v + 1] = lat!
        latSum += lat!
        v++
      }
    }
    this.coordinateStart[m] = v
    this.projection = projectionAt(v ? latSum / v : 0)
    this.heading = new Float32Array(2 * m)
    for (let i = 0; i < m; i++) {
      this.heading[2 * i] = this.endHeading(i, false)
      this.heading[2 * i + 1] = this.endHeading(i, true)
    }

    const n = nodeIndex.size
    this.nodeCount = n
    this.nodeLng = new Float64Array(n)
    this.nodeLat = new Float64Array(n)
    this.osmNode = new Float64Array(n)
    for (const [osmId, k] of nodeIndex) this.osmNode[k] = osmId
    for (let i = 0; i < m; i++) {
      const first = this.coordinateStart[i]!
      const last = this.coordinateStart[i + 1]! - 1
      this.nodeLng[this.edgeSource[i]!] = this.coordinates[2 * first]!
      this.nodeLat[this.edgeSource[i]!] = this.coordinates[2 * first + 1]!
      this.nodeLng[this.edgeTarget[i]!] = this.coordinates[2 * last]!
      this.nodeLat[this.edgeTarget[i]!] = this.coordinates[2 * last + 1]!
    }

    // CSR adjacency: count, prefix-sum, fill.
    this.adjacencyStart = new Uint32Array(n + 1)
    for (let i = 0; i < m; i++) {
      this.adjacencyStart[this.edgeSource[i]! + 1]!++
      this.adjacencyStart[this.edgeTarget[i]! + 1]!++
    }
    for (let k = 0; k < n; k++) this.adjacencyStart[k + 1]! += this.adjacencyStart[k]!
    this.adjacentEdge = new Int32Array(2 * m)
    const fill = this.adjacencyStart.slice(0, n)
    for (let i = 0; i < m; i++) {
      this.adjacentEdge[fill[this.edgeSource[i]!]!++] = i
      this.adjacentEdge[fill[this.edgeTarget[i]!]!++] = i
    }

    // Connected components by breadth-first search over the CSR arrays.
    this.component = new Int32Array(n).fill(-1)
    const queue = new Int32Array(n)
    const sizes: number[] = []
    for (let start = 0; start < n; start++) {
      if (this.component[start] !== -1) continue
      const c = sizes.length
      let head = 0
      let tail = 0
      queue[tail++] = start
      this.component[start] = c
      while (head < tail) {
        const u = queue[head++]!
        for (let k = this.adjacencyStart[u]!; k < this.adjacencyStart[u + 1]!; k++) {
          const w = this.other(this.adjacentEdge[k]!, u)
          if (this.component[w] === -1) {
            this.component[w] = c
            queue[tail++] = w
          }
        }
      }
      sizes.push(tail)
    }
    this.mainComponent = sizes.length ? sizes.indexOf(Math.max(...sizes)) : -1
    this.bridge = this.findBridges()

    // Spatial index over points along every segment, for snapping and for "edges near a concern":
    // a long segment gets a point every INDEX_STEP_METRES, so the search margin stays small
    // however long the network's longest straight stretch is.
    const { kx, ky } = this.projection
    const pieces: number[] = [] // per segment: how many index points
    let pointCount = 0
    for (let i = 0; i < m; i++) {
      for (let k = this.coordinateStart[i]!; k < this.coordinateStart[i + 1]! - 1; k++) {
        const d = Math.hypot((this.coordinates[2 * k + 2]! - this.coordinates[2 * k]!) * kx, (this.coordinates[2 * k + 3]! - this.coordinates[2 * k + 1]!) * ky)
        const n = Math.max(1, Math.ceil(d / INDEX_STEP_METRES))
        pieces.push(n)
        pointCount += n
      }
    }
    // Projected metres in single precision: millimetres within a force's extent, half the memory.
    this.segments = new KDBush(Math.max(pointCount, 1), 64, Float32Array)
    this.segmentEdge = new Int32Array(pointCount)
    this.segmentVertex = new Uint32Array(pointCount)
    let s = 0
    let p = 0
    let longest = 0
    for (let i = 0; i < m; i++) {
      for (let k = this.coordinateStart[i]!; k < this.coordinateStart[i + 1]! - 1; k++) {
        const x1 = this.coordinates[2 * k]! * kx
        const y1 = this.coordinates[2 * k + 1]! * ky
        const x2 = this.coordinates[2 * k + 2]! * kx
        const y2 = this.coordinates[2 * k + 3]! * ky
        const n = pieces[s++]!
        for (let j = 0; j < n; j++) {
          // The middle of each of the segment's n equal pieces.
          const f = (j + 0.5) / n
          this.segments.add(x1 + f * (x2 - x1), y1 + f * (y2 - y1))
          this.segmentEdge[p] = i
          this.segmentVertex[p++] = k
        }
        longest = Math.max(longest, Math.hypot(x2 - x1, y2 - y1) / n)
      }
    }
    if (pointCount === 0) this.segments.add(0, 0)
    this.segments.finish()
    this.segmentReach = longest / 2
  }

  /**
   * Bridges by Tarjan's low-link, iteratively (a force's network is too deep for recursion):
   * an edge is a bridge when nothing below it in the depth-first tree reaches above it.
   */
  private findBridges(): Uint8Array {
    const n = this.nodeCount
    const bridge = new Uint8Array(this.edgeCount)
    const order = new Int32Array(n).fill(-1)
    const low = new Int32Array(n)
    const stackNode = new Int32Array(n)
    const stackEdge = new Int32Array(n) // the tree edge a node was entered by
    const stackNext = new Uint32Array(n) // the next adjacency slot to look at
    let counter = 0
    for (let root = 0; root < n; root++) {
      if (order[root] !== -1) continue
      let top = 0
      stackNode[0] = root
      stackEdge[0] = -1
      stackNext[0] = this.adjacencyStart[root]!
      order[root] = low[root] = counter++
      while (top >= 0) {
        const u = stackNode[top]!
        if (stackNext[top]! < this.adjacencyStart[u + 1]!) {
          const e = this.adjacentEdge[stackNext[top]!++]!
          if (e === stackEdge[top]) continue
          const w = this.other(e, u)
          if (order[w] === -1) {
            order[w] = low[w] = counter++
            top++
            stackNode[top] = w
            stackEdge[top] = e
            stackNext[top] = this.adjacencyStart[w]!
          } else low[u] = Math.min(low[u]!, order[w]!)
        } else {
          top--
          if (top >= 0) {
            const parent = stackNode[top]!
            low[parent] = Math.min(low[parent]!, low[u]!)
            if (low[u]! > order[parent]!) bridge[stackEdge[top + 1]!] = 1
          }
        }
      }
    }
    return bridge
  }

  /** Heading of edge e at its source (or target), over its first (last) HEADING_METRES. */
  private endHeading(e: number, atTarget: boolean): number {
    const { kx, ky } = this.projection
    const first = this.coordinateStart[e]!
    const last = this.coordinateStart[e + 1]! - 1
    const step = atTarget ? -1 : 1
    const from = atTarget ? last : first
    const x0 = this.coordinates[2 * from]! * kx
    const y0 = this.coordinates[2 * from + 1]! * ky
    let x = x0
    let y = y0
    for (let k = from + step; k >= first && k <= last; k += step) {
      x = this.coordinates[2 * k]! * kx
      y = this.coordinates[2 * k + 1]! * ky
      if (Math.hypot(x - x0, y - y0) >= HEADING_METRES) break
    }
    // Looking along the edge from source to target at both ends.
    return atTarget ? Math.atan2(x0 - x, y0 - y) : Math.atan2(x - x0, y - y0)
  }

  degree(n: number): number {
    return this.adjacencyStart[n + 1]! - this.adjacencyStart[n]!
  }

  /** The node at the other end of edge e from node u. */
  other(e: number, u: number): number {
    return this.edgeSource[e] === u ? this.edgeTarget[e]! : this.edgeSource[e]!
  }

  /**
   * Every edge with a segment within `metres` of lng/lat, with the closest point on it.
   * `mainOnly` keeps edges of the main component.
   */
  edgesNear(lng: number, lat: number, metres: number, mainOnly = false): Snap[] {
    return [...this.closestPerEdge(lng, lat, metres, mainOnly).values()].map((c) => this.toSnap(c))
  }

  /**
   * The nearest point of the main component within `metres`, or null. `through` skips bridges
   * (spurs and dead ends among them): a loop's waypoint there would be walked in and out.
   */
  snap(lng: number, lat: number, metres: number, through = false): Snap | null {
    // Small radii first: a wide search over a dense network is what costs.
    for (let r = Math.min(metres, 50); ; r = Math.min(metres, r * 4)) {
      let nearest: Closest | null = null
      for (const c of this.closestPerEdge(lng, lat, r, true).values()) {
        if (through && this.bridge[c.edge]) continue
        if (!nearest || c.distance < nearest.distance) nearest = c
      }
      if (nearest) return this.toSnap(nearest)
      if (r >= metres) return null
    }
  }

  /** Edges with a segment midpoint within `metres` of lng/lat (cheap: no closest points; may repeat an edge). */
  edgeIdsNear(lng: number, lat: number, metres: number): number[] {
    const { kx, ky } = this.projection
    return this.segments.within(lng * kx, lat * ky, metres).filter((s) => s < this.segmentEdge.length).map((s) => this.segmentEdge[s]!)
  }

  private closestPerEdge(lng: number, lat: number, metres: number, mainOnly: boolean): Map<number, Closest> {
    const best = new Map<number, Closest>()
    if (this.edgeCount === 0) return best
    const { kx, ky } = this.projection
    const qx = lng * kx
    const qy = lat * ky
    for (const s of this.segments.within(qx, qy, metres + this.segmentReach)) {
      if (s >= this.segmentEdge.length) continue
      const e = this.segmentEdge[s]!
      if (mainOnly && this.component[this.edgeSource[e]!] !== this.mainComponent) continue
      const k = this.segmentVertex[s]!
      const ax = this.coordinates[2 * k]! * kx
      const ay = this.coordinates[2 * k + 1]! * ky
      const bx = this.coordinates[2 * k + 2]! * kx
      const by = this.coordinates[2 * k + 3]! * ky
      const { u, distance } = closestOnSegment(ax, ay, bx, by, qx, qy)
      if (distance > metres) continue
      const known = best.get(e)
      if (known && known.distance <= distance) continue
      best.set(e, { edge: e, vertex: k, u, distance, lng: (ax + u * (bx - ax)) / kx, lat: (ay + u * (by - ay)) / ky })
    }
    return best
  }

  private toSnap(c: Closest): Snap {
    return { edge: c.edge, t: this.fractionAlong(c.edge, c.vertex, c.u), distance: c.distance, lng: c.lng, lat: c.lat }
  }

  /** Fraction of edge e's length at parameter u of its segment starting at vertex k. */
  private fractionAlong(e: number, k: number, u: number): number {
    const { kx, ky } = this.projection
    let before = 0
    let total = 0
    for (let j = this.coordinateStart[e]!; j < this.coordinateStart[e + 1]! - 1; j++) {
      const d = Math.hypot(
        (this.coordinates[2 * j + 2]! - this.coordinates[2 * j]!) * kx,
        (this.coordinates[2 * j + 3]! - this.coordinates[2 * j + 1]!) * ky,
      )
      if (j < k) before += d
      if (j === k) before += u * d
      total += d
    }
    return total === 0 ? 0 : before / total
  }

  /**
   * The vertices of edge e from fraction t0 to t1 (t0 > t1 walks it backwards), as [lng, lat]
   * pairs with the cut points interpolated.
   */
  slice(e: number, t0: number, t1: number): number[][] {
    const { kx, ky } = this.projection
    const first = this.coordinateStart[e]!
    const last = this.coordinateStart[e + 1]! - 1
    const cumulative = [0]
    for (let j = first; j < last; j++) {
      cumulative.push(
        cumulative.at(-1)! +
          Math.hypot((this.coordinates[2 * j + 2]! - this.coordinates[2 * j]!) * kx, (this.coordinates[2 * j + 3]! - this.coordinates[2 * j + 1]!) * ky),
      )
    }
    const total = cumulative.at(-1)!
    const at = (t: number): number[] => {
      const d = t * total
      let j = 0
      while (j < last - first - 1 && cumulative[j + 1]! < d) j++
      const span = cumulative[j + 1]! - cumulative[j]!
      const u = span === 0 ? 0 : (d - cumulative[j]!) / span
      const a = first + j
      return [
        this.coordinates[2 * a]! + u * (this.coordinates[2 * a + 2]! - this.coordinates[2 * a]!),
        this.coordinates[2 * a + 1]! + u * (this.coordinates[2 * a + 3]! - this.coordinates[2 * a + 1]!),
      ]
    }
    const lo = Math.min(t0, t1)
    const hi = Math.max(t0, t1)
    const points = [at(lo)]
    for (let j = 1; j < cumulative.length - 1; j++) {
      const f = total === 0 ? 0 : cumulative[j]! / total
      if (f > lo && f < hi) points.push([this.coordinates[2 * (first + j)]!, this.coordinates[2 * (first + j) + 1]!])
    }
    points.push(at(hi))
    return t0 <= t1 ? points : points.reverse()
  }

  /** Memory held by the graph's arrays, in bytes (the spatial index included). */
  bytes(): number {
    const arrays = [
      this.edgeId, this.edgeSource, this.edgeTarget, this.length, this.lit, this.openSpace, this.way, this.highway, this.heading, this.bridge, this.coordinateStart,
      this.coordinates, this.adjacencyStart, this.adjacentEdge, this.nodeLng, this.nodeLat, this.osmNode, this.component,
      this.segmentEdge, this.segmentVertex,
    ]
    return arrays.reduce((sum, a) => sum + a.byteLength, 0) + this.segments.data.byteLength
  }
}
