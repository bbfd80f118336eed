import KDBush from 'kdbush'
import { METRES_PER_DEGREE } from '../../common/geo.ts'
import { TIME_BANDS } from '../concerns/vocabulary.ts'

const RAD = Math.PI / 180

/**
 * A time slot is a time band on a kind of day: bit `band + 4 × dayType` (dayType 0 weekdays,
 * 1 weekends; bands in TIME_BANDS order). A concern's slots are its bands on its days; a
 * session's are the bands it overlaps on the days it runs. They meet when the masks share a bit.
 */
export const slotBit = (band: number, weekend: boolean) => 1 << (band + (weekend ? 4 : 0))
/** Band mask of a slot mask: a band counts on either kind of day. */
export const bandsOf = (slots: number) => (slots | (slots >> 4)) & 0xf
export const bandIndex = (band: (typeof TIME_BANDS)[number]) => TIME_BANDS.indexOf(band)

/**
 * The visible concerns of an area as flat arrays plus a KD-tree over their points in a local
 * flat projection (metres). Distances that decide coverage are measured again at each concern's
 * own latitude, so "within 100 m" holds to the millimetre across a whole force.
 */
export class ConcernPoints {
  readonly count: number
  readonly x: Float64Array
  readonly y: Float64Array
  private readonly index: KDBush
  readonly kx: number
  readonly ky = METRES_PER_DEGREE
  /** Metres per degree of longitude at each concern's own latitude. */
  private readonly ownKx: Float64Array

  constructor(
    readonly id: Int32Array,
    readonly lng: Float64Array,
    readonly lat: Float64Array,
    readonly weight: Float64Array,
    readonly slots: Uint8Array,
    centreLat: number,
  ) {
    this.count = id.length
    this.kx = METRES_PER_DEGREE * Math.cos(centreLat * RAD)
    this.x = new Float64Array(this.count)
    this.y = new Float64Array(this.count)
    this.ownKx = new Float64Array(this.count)
    this.index = new KDBush(Math.max(this.count, 1))
    for (let i = 0; i < this.count; i++) {
      this.ownKx[i] = ConcernPoints.kxAt(lat[i]!)
      this.x[i] = lng[i]! * this.kx
      this.y[i] = lat[i]! * this.ky
      this.index.add(this.x[i]!, this.y[i]!)
    }
    if (this.count === 0) this.index.add(Infinity, Infinity)
    this.index.finish()
  }

  /** Metres from concern i to the segment a–b (lng/lat), flat at the concern's latitude. */
  segmentDistance(i: number, aLng: number, aLat: number, bLng: number, bLat: number): number {
    return flatSegmentDistance(this.ownKx[i]!, this.ky, this.lng[i]!, this.lat[i]!, aLng, aLat, bLng, bLat)
  }

  /**
   * Whether `segmentDistance(i, …) <= metres`, the same answer, faster: squares decide unless
   * they are within rounding of the limit, where Math.hypot (what the distance is) decides.
   */
  withinSegment(i: number, aLng: number, aLat: number, bLng: number, bLat: number, metres: number): boolean {
    const kx = this.ownKx[i]!
    const ky = this.ky
    const ax = (aLng - this.lng[i]!) * kx
    const ay = (aLat - this.lat[i]!) * ky
    const dx = (bLng - aLng) * kx
    const dy = (bLat - aLat) * ky
    const len2 = dx * dx + dy * dy
    const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2))
    const px = ax + u * dx
    const py = ay + u * dy
    const d2 = px * px + py * py
    const limit2 = metres * metres
    if (d2 < limit2 * (1 - 1e-9)) return true
    if (d2 > limit2 * (1 + 1e-9)) return false
    return Math.hypot(px, py) <= metres
  }

  /** Concerns within `metres` of the segment a–b. The KD-tree is searched with 1% to spare. */
  nearSegment(aLng: number, aLat: number, bLng: number, bLat: number, metres: number, visit: (i: number) => void) {
    if (this.count === 0) return
    const margin = metres * 1.01 + 1
    const ax = aLng * this.kx
    const bx = bLng * this.kx
    const ay = aLat * this.ky
    const by = bLat * this.ky
    // The projection's x scale differs from a concern's own by under 1% within a force's area.
    const slack = Math.abs(ax - bx) * 0.01
    for (const i of this.index.range(Math.min(ax, bx) - margin - slack, Math.min(ay, by) - margin, Math.max(ax, bx) + margin + slack, Math.max(ay, by) + margin)) {
      if (this.withinSegment(i, aLng, aLat, bLng, bLat, metres)) visit(i)
    }
  }

  /** The grid for reaches of `metres` (built at the first ask, kept with the points). */
  reachGrid(metres: number): ReachGrid {
    let grid = this.grids.get(metres)
    if (!grid) this.grids.set(metres, (grid = new ReachGrid(this, metres)))
    return grid
  }
  private readonly grids = new Map<number, ReachGrid>()

  /** Metres per degree of longitude at a latitude (what `segmentDistance` uses at a concern's). */
  static kxAt(lat: number): number {
    return METRES_PER_DEGREE * Math.cos(lat * RAD)
  }

  /**
   * DBSCAN (as PostGIS's ST_ClusterDBSCAN): a concern with at least `minPoints` concerns within
   * `eps` metres (itself included) is a core; clusters are the cores joined through each other
   * and the concerns within reach of a core. Returns each concern's cluster, or -1, and which are cores.
   *
   * On a grid of cells eps/√2 wide (any two points of a cell are within eps), so dense places
   * cost little: a cell with minPoints concerns makes them all cores without a search, and
   * cells, not points, are joined (union–find), each pair of cells once.
   */
  clusters(eps: number, minPoints: number): { of: Int32Array; count: number; core: Uint8Array } {
    const n = this.count
    const size = eps / Math.SQRT2
    const eps2 = eps * eps
    const { x, y } = this
    // Cells in CSR form: cellPoints[cellStart[c] .. cellStart[c + 1]] are the points of cell c.
    const cellIndex = new Map<number, number>()
    const cellOf = new Int32Array(n)
    const cellKeys: [number, number][] = []
    for (let i = 0; i < n; i++) {
      const gx = Math.floor(x[i]! / size)
      const gy = Math.floor(y[i]! / size)
      const key = gx * 4_194_304 + gy
      let c = cellIndex.get(key)
      if (c === undefined) cellIndex.set(key, (c = cellKeys.push([gx, gy]) - 1))
      cellOf[i] = c
    }
    const cells = cellKeys.length
    const cellStart = new Uint32Array(cells + 1)
    for (let i = 0; i < n; i++) cellStart[cellOf[i]! + 1]!++
    for (let c = 0; c < cells; c++) cellStart[c + 1]! += cellStart[c]!
    const cellPoints = new Uint32Array(n)
    const fill = cellStart.slice(0, cells)
    for (let i = 0; i < n; i++) cellPoints[fill[cellOf[i]!]!++] = i
    // Cells that may hold points within eps: up to two cells away.
    const around = (c: number, visit: (d: number) => boolean | void) => {
      const [gx, gy] = cellKeys[c]!
      for (let dx = -2; dx <= 2; dx++) {
        for (let dy = -2; dy <= 2; dy++) {
          const d = cellIndex.get((gx + dx) * 4_194_304 + gy + dy)
          if (d !== undefined && visit(d) === true) return
        }
      }
    }
    const close = (i: number, j: number) => (x[i]! - x[j]!) ** 2 + (y[i]! - y[j]!) ** 2 <= eps2

    const core = new Uint8Array(n)
    for (let c = 0; c < cells; c++) {
      const [from, to] = [cellStart[c]!, cellStart[c + 1]!]
      if (to - from >= minPoints) {
        for (let k = from; k < to; k++) core[cellPoints[k]!] = 1
        continue
      }
      for (let k = from; k < to; k++) {
        const i = cellPoints[k]!
        let found = 0
        around(c, (d) => {
          for (let m = cellStart[d]!; m < cellStart[d + 1]!; m++) if (close(i, cellPoints[m]!) && ++found >= minPoints) return true
        })
        if (found >= minPoints) core[i] = 1
      }
    }

    // Union–find over cells with cores: two join when a core of one is within eps of a core of the other.
    const parent = Int32Array.from({ length: cells }, (_, c) => c)
    const find = (c: number): number => {
      while (parent[c] !== c) c = parent[c] = parent[parent[c]!]!
      return c
    }
    const coresOf = (c: number) => {
      const list: number[] = []
      for (let m = cellStart[c]!; m < cellStart[c + 1]!; m++) if (core[cellPoints[m]!]) list.push(cellPoints[m]!)
      return list
    }
    const cores = Array.from({ length: cells }, (_, c) => coresOf(c))
    for (let c = 0; c < cells; c++) {
      if (!cores[c]!.length) continue
      around(c, (d) => {
        if (d <= c || !cores[d]!.length || find(c) === find(d)) return
        if (cores[c]!.some((i) => cores[d]!.some((j) => close(i, j)))) parent[find(d)] = find(c)
      })
    }

    const of = new Int32Array(n).fill(-1)
    const clusterOfRoot = new Map<number, number>()
    for (let i = 0; i < n; i++) {
      if (!core[i]) continue
      const root = find(cellOf[i]!)
      let cluster = clusterOfRoot.get(root)
      if (cluster === undefined) clusterOfRoot.set(root, (cluster = clusterOfRoot.size))
      of[i] = cluster
    }
    // A concern that is no core joins the cluster of a core within eps, if any.
    for (let i = 0; i < n; i++) {
      if (core[i]) continue
      around(cellOf[i]!, (d) => {
        for (const j of cores[d]!) {
          if (close(i, j)) {
            of[i] = of[j]!
            return true
          }
        }
      })
    }
    return { of, count: clusterOfRoot.size, core }
  }
}

/** Flat metres from point p to segment a–b (lng/lat) with kx metres per degree of longitude. */
function flatSegmentDistance(kx: number, ky: number, pLng: number, pLat: number, aLng: number, aLat: number, bLng: number, bLat: number): number {
  const ax = (aLng - pLng) * kx
  const ay = (aLat - pLat) * ky
  const dx = (bLng - aLng) * kx
  const dy = (bLat - aLat) * ky
  const len2 = dx * dx + dy * dy
  const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2))
  return Math.hypot(ax + u * dx, ay + u * dy)
}

/** The same distance by Math.sqrt: for bounds, which keep BOUND_SLACK_METRES from the limit. */
function roughSegmentDistance(kx: number, ky: number, pLng: number, pLat: number, aLng: number, aLat: number, bLng: number, bLat: number): number {
  const ax = (aLng - pLng) * kx
  const ay = (aLat - pLat) * ky
  const dx = (bLng - aLng) * kx
  const dy = (bLat - aLat) * ky
  const len2 = dx * dx + dy * dy
  const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2))
  const px = ax + u * dx
  const py = ay + u * dy
  return Math.sqrt(px * px + py * py)
}

/** Cells of a reach grid at most: past it, cells grow (the answers never depend on their size). */
const MAX_GRID_CELLS = 1 << 20
/** Bounds closer than this to the distance are left to the exact test of each concern. */
const BOUND_SLACK_METRES = 1e-6

/**
 * The concerns bucketed in square cells (a quarter of the reach wide) for "which concerns are
 * within `metres` of this segment". A cell's bounds decide for all its concerns at once: when
 * every corner is within reach (the distance to a segment is convex, so its largest value on a
 * square is at a corner), all are, and when the centre is beyond reach by more than the
 * half-diagonal, none is. Each bound is taken with the largest (or smallest) metres per degree
 * of longitude over the cell's latitudes, so it holds for each concern's own measure
 * (`segmentDistance`); only concerns of cells in between are measured one by one.
 */
export class ReachGrid {
  readonly size: number
  private readonly x0: number
  private readonly y0: number
  private readonly nx: number
  private readonly ny: number
  /** CSR: points[start[c] .. start[c + 1]] are the concerns of cell c (row-major, y then x). */
  readonly start: Uint32Array
  readonly points: Uint32Array
  private readonly rowKxMin: Float64Array
  private readonly rowKxMax: Float64Array

  constructor(
    private readonly concerns: ConcernPoints,
    readonly metres: number,
  ) {
    const { x, y, count } = concerns
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
    for (let i = 0; i < count; i++) {
      minX = Math.min(minX, x[i]!)
      maxX = Math.max(maxX, x[i]!)
      minY = Math.min(minY, y[i]!)
      maxY = Math.max(maxY, y[i]!)
    }
    if (count === 0) [minX, minY, maxX, maxY] = [0, 0, 0, 0]
    const span = Math.max(maxX - minX, 1) * Math.max(maxY - minY, 1)
    this.size = Math.max(metres / 4, Math.sqrt(span / MAX_GRID_CELLS), 1)
    this.x0 = minX
    this.y0 = minY
    this.nx = Math.floor((maxX - minX) / this.size) + 1
    this.ny = Math.floor((maxY - minY) / this.size) + 1
    const cellOf = new Uint32Array(count)
    this.start = new Uint32Array(this.nx * this.ny + 1)
    for (let i = 0; i < count; i++) {
      const c = Math.floor((y[i]! - minY) / this.size) * this.nx + Math.floor((x[i]! - minX) / this.size)
      cellOf[i] = c
      this.start[c + 1]!++
    }
    for (let c = 0; c < this.nx * this.ny; c++) this.start[c + 1]! += this.start[c]!
    const fill = this.start.slice(0, -1)
    this.points = new Uint32Array(count)
    for (let i = 0; i < count; i++) this.points[fill[cellOf[i]!]!++] = i
    // The smallest and largest metres per degree of longitude over each row's latitudes.
    this.rowKxMin = new Float64Array(this.ny)
    this.rowKxMax = new Float64Array(this.ny)
    for (let cy = 0; cy < this.ny; cy++) {
      const [south, north] = [(minY + cy * this.size) / concerns.ky, (minY + (cy + 1) * this.size) / concerns.ky]
      const [kxSouth, kxNorth] = [ConcernPoints.kxAt(south), ConcernPoints.kxAt(north)]
      this.rowKxMin[cy] = Math.min(kxSouth, kxNorth)
      this.rowKxMax[cy] = south < 0 && north > 0 ? METRES_PER_DEGREE : Math.max(kxSouth, kxNorth)
    }
  }

  get cells(): number {
    return this.nx * this.ny
  }

  /**
   * The non-empty cells that may hold concerns within `metres` of segment a–b (lng/lat):
   * `all(c)` when every concern of cell c is, `some(c)` when each must be measured.
   */
  near(aLng: number, aLat: number, bLng: number, bLat: number, all: (c: number) => void, some: (c: number) => void): void {
    const { concerns, size, metres, nx, ny, start } = this
    const { kx, ky } = concerns
    // The same margins as ConcernPoints.nearSegment's search.
    const ax = aLng * kx
    const bx = bLng * kx
    const margin = metres * 1.01 + 1 + Math.abs(ax - bx) * 0.01
    const fromX = Math.max(0, Math.floor((Math.min(ax, bx) - margin - this.x0) / size))
    const toX = Math.min(nx - 1, Math.floor((Math.max(ax, bx) + margin - this.x0) / size))
    const fromY = Math.max(0, Math.floor((Math.min(aLat, bLat) * ky - margin - this.y0) / size))
    const toY = Math.min(ny - 1, Math.floor((Math.max(aLat, bLat) * ky + margin - this.y0) / size))
    const inside = metres - BOUND_SLACK_METRES
    const outside = metres + BOUND_SLACK_METRES
    const half = size / 2
    for (let cy = fromY; cy <= toY; cy++) {
      const [kxMin, kxMax] = [this.rowKxMin[cy]!, this.rowKxMax[cy]!]
      const midLat = (this.y0 + (cy + 0.5) * size) / ky
      // Half the cell's diagonal, in metres, at the smallest and largest scales of its latitudes.
      const [nearSlack, farSlack] = [Math.hypot((half / kx) * kxMin, half), Math.hypot((half / kx) * kxMax, half)]
      for (let cx = fromX; cx <= toX; cx++) {
        const c = cy * nx + cx
        if (start[c] === start[c + 1]) continue
        const midLng = (this.x0 + (cx + 0.5) * size) / kx
        if (roughSegmentDistance(kxMin, ky, midLng, midLat, aLng, aLat, bLng, bLat) - nearSlack > outside) continue
        if (roughSegmentDistance(kxMax, ky, midLng, midLat, aLng, aLat, bLng, bLat) + farSlack <= inside) all(c)
        else some(c)
      }
    }
  }
}
