import KDBush from 'kdbush'
import { TIME_BANDS } from '../concerns/vocabulary.ts'

/** Earth radius of `haversine` (server/routing/geo.ts), so "100 m" means the same everywhere. */
const METRES_PER_RADIAN = 6_371_008.8
const RAD = Math.PI / 180

/**
 * A time slot is a time band on a kind of day: bit `band + 4 × dayType` (dayType 0 weekdays,
 * 1 weekends; bands in TIME_BANDS order). A concern's slots are its bands on its days; a
 * session's are the bands it overlaps on the days it runs. They meet when the masks share a bit.
 */
export const slotBit = (band: number, weekend: boolean) => 1 << (band + (weekend ? 4 : 0))
/** The slots of a band mask (4 bits) on a days mask (bit 0 weekdays, bit 1 weekends). */
export const slotsOf = (bands: number, days: number) => ((days & 1 ? bands : 0) | (days & 2 ? bands << 4 : 0)) & 0xff
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
  readonly ky = METRES_PER_RADIAN * RAD

  constructor(
    readonly id: Int32Array,
    readonly lng: Float64Array,
    readonly lat: Float64Array,
    readonly weight: Float64Array,
    readonly slots: Uint8Array,
    centreLat: number,
  ) {
    this.count = id.length
    this.kx = METRES_PER_RADIAN * RAD * Math.cos(centreLat * RAD)
    this.x = new Float64Array(this.count)
    this.y = new Float64Array(this.count)
    this.index = new KDBush(Math.max(this.count, 1))
    for (let i = 0; i < this.count; i++) {
      this.x[i] = lng[i]! * this.kx
      this.y[i] = lat[i]! * this.ky
      this.index.add(this.x[i]!, this.y[i]!)
    }
    if (this.count === 0) this.index.add(Infinity, Infinity)
    this.index.finish()
  }

  /** Metres from concern i to the segment a–b (lng/lat), flat at the concern's latitude. */
  segmentDistance(i: number, aLng: number, aLat: number, bLng: number, bLat: number): number {
    const kx = METRES_PER_RADIAN * RAD * Math.cos(this.lat[i]! * RAD)
    const ky = this.ky
    const ax = (aLng - this.lng[i]!) * kx
    const ay = (aLat - this.lat[i]!) * ky
    const dx = (bLng - aLng) * kx
    const dy = (bLat - aLat) * ky
    const len2 = dx * dx + dy * dy
    const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2))
    return Math.hypot(ax + u * dx, ay + u * dy)
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
      if (this.segmentDistance(i, aLng, aLat, bLng, bLat) <= metres) visit(i)
    }
  }

  /**
   * DBSCAN (as PostGIS's ST_ClusterDBSCAN): a concern with at least `minPoints` concerns within
   * `eps` metres (itself included) is a core; clusters are the cores joined through each other
   * and the concerns within reach of a core. Returns each concern's cluster, or -1.
   */
  clusters(eps: number, minPoints: number): { of: Int32Array; count: number } {
    const of = new Int32Array(this.count).fill(-1)
    const visited = new Uint8Array(this.count)
    let count = 0
    const neighbours = (i: number) => this.index.within(this.x[i]!, this.y[i]!, eps)
    for (let i = 0; i < this.count; i++) {
      if (visited[i]) continue
      visited[i] = 1
      const around = neighbours(i)
      if (around.length < minPoints) continue
      const cluster = count++
      of[i] = cluster
      const queue = around.slice()
      while (queue.length) {
        const j = queue.pop()!
        if (of[j] === -1) of[j] = cluster
        if (visited[j]) continue
        visited[j] = 1
        const next = neighbours(j)
        if (next.length >= minPoints) for (const k of next) if (!visited[k] || of[k] === -1) queue.push(k)
      }
    }
    return { of, count }
  }
}
