import KDBush from 'kdbush'
import Supercluster from 'supercluster'
import { describe, expect, it } from 'vitest'
import { CLUSTER_OPTIONS, COUNTS_WIDTH } from '../../server/concerns/clusters/built-index.ts'
import { CATEGORY_MASK, SAMPLE } from '../../server/concerns/clusters/flags.mjs'
import { clusterLevels, type ClusterLevels } from '../../server/concerns/clusters/levels.mjs'
import { latY, lngX, xLng, yLat } from '../../server/concerns/clusters/mercator.ts'
import { CATEGORIES } from '../../server/concerns/vocabulary.ts'
import { seededRandom } from '../../server/seeded-random.ts'

// The cluster index's levels (levels.mjs) are made from supercluster's public API: these tests
// hold them against a real supercluster index of the same points, zoom by zoom, so an upgrade
// that changes what supercluster answers fails here first.

type Points = { lng: Float64Array; lat: Float64Array; flags: Uint16Array }
type Item = Supercluster.ClusterFeature<Supercluster.AnyProps> | Supercluster.PointFeature<{ flags: number }>

/** Concerns around a few clumped centres over Southgate, at 6 decimals, some on the very same cell. */
function createPoints(seed: number, n: number): Points {
  const random = seededRandom(seed)
  const centres = Array.from({ length: 6 }, () => [-0.16 + random() * 0.05, 51.6 + random() * 0.03] as const)
  const round6 = (v: number) => Math.round(v * 1e6) / 1e6
  const points: Points = { lng: new Float64Array(n), lat: new Float64Array(n), flags: new Uint16Array(n) }
  for (let i = 0; i < n; i++) {
    const [cx, cy] = centres[i % centres.length]!
    const spread = i % 7 === 0 ? 0 : i % 3 === 0 ? 0.02 : 0.002
    points.lng[i] = round6(cx + (random() - 0.5) * spread)
    points.lat[i] = round6(cy + (random() - 0.5) * spread)
    points.flags[i] = Math.floor(random() * CATEGORIES.length) | (random() < 0.2 ? SAMPLE : 0)
  }
  return points
}

/** The same points in a supercluster index of our settings. */
function reference({ lng, lat, flags }: Points) {
  const features = Array.from(lng, (_, i) => ({
    type: 'Feature' as const,
    id: i,
    properties: { flags: flags[i]! },
    geometry: { type: 'Point' as const, coordinates: [lng[i]!, lat[i]!] },
  }))
  return new Supercluster<{ flags: number }>(CLUSTER_OPTIONS).load(features)
}

const levelsOf = ({ lng, lat, flags }: Points) =>
  clusterLevels(lng.slice(), lat.slice(), flags.slice(), CLUSTER_OPTIONS, CATEGORIES.length)

const isCluster = (f: Item): f is Supercluster.ClusterFeature<Supercluster.AnyProps> => (f.properties as { cluster?: boolean }).cluster === true
/** A point or cluster as both sides name it. */
const keyOf = (f: Item) => (isCluster(f) ? `cluster ${f.properties.cluster_id} of ${f.properties.point_count}` : `point ${f.id}`)
const ourKey = (levels: ClusterLevels, z: number, k: number) => {
  const level = levels.levels[z]!
  return level.num[k]! > 1 ? `cluster ${level.ref[k]} of ${level.num[k]}` : `point ${level.ref[k]}`
}
const ZOOMS = Array.from({ length: CLUSTER_OPTIONS.maxZoom + 2 - CLUSTER_OPTIONS.minZoom }, (_, k) => CLUSTER_OPTIONS.minZoom + k)
const WORLD: [number, number, number, number] = [-180, -90, 180, 90]

describe('cluster index levels', () => {
  const points = createPoints(20261201, 4000)
  const index = reference(points)
  const ours = levelsOf(points)

  it('hold at each zoom exactly the clusters and points supercluster gives, where it gives them', () => {
    for (const z of ZOOMS) {
      const theirs = index.getClusters(WORLD, z)
      const level = ours.levels[z]!
      const byKey = new Map(theirs.map((f) => [keyOf(f), f]))
      expect(level.num.length, `zoom ${z}`).toBe(theirs.length)
      for (let k = 0; k < level.num.length; k++) {
        const f = byKey.get(ourKey(ours, z, k))
        expect(f, `zoom ${z}: ${ourKey(ours, z, k)}`).toBeDefined()
        // A cluster where supercluster puts it; a point as supercluster indexes it (in 32 bits).
        const digits = level.num[k]! > 1 ? 9 : 4
        const [lng, lat] = f!.geometry.coordinates as [number, number]
        expect(xLng(level.xy[2 * k]!)).toBeCloseTo(lng, digits)
        expect(yLat(level.xy[2 * k + 1]!)).toBeCloseTo(lat, digits)
      }
    }
  })

  it('put every point alone, in input order, one zoom past the last that clusters', () => {
    const top = ours.levels[CLUSTER_OPTIONS.maxZoom + 1]!
    expect(Array.from(top.ref)).toEqual(Array.from(points.lng, (_, i) => i))
    expect(top.num.every((n) => n === 1)).toBe(true)
  })

  it('count each cluster by category and samples as its leaves are', () => {
    let clusters = 0
    for (const z of ZOOMS) {
      const level = ours.levels[z]!
      for (let k = 0; k < level.num.length; k++) {
        if (level.num[k] === 1) continue
        clusters++
        const expected = new Array<number>(COUNTS_WIDTH).fill(0)
        for (const leaf of index.getLeaves(level.ref[k]!, Infinity)) {
          const flags = (leaf.properties as { flags: number }).flags
          expected[flags & CATEGORY_MASK]!++
          if (flags & SAMPLE) expected[COUNTS_WIDTH - 1]!++
        }
        const slot = level.slot[k]!
        expect(Array.from(ours.counts.subarray(slot * COUNTS_WIDTH, (slot + 1) * COUNTS_WIDTH))).toEqual(expected)
      }
    }
    expect(clusters).toBeGreaterThan(100)
  })

  it('give each cluster the expansion zoom and children supercluster gives', () => {
    for (const z of ZOOMS) {
      const level = ours.levels[z]!
      for (let k = 0; k < level.num.length; k++) {
        if (level.num[k] === 1) continue
        const id = level.ref[k]!
        const slot = level.slot[k]!
        const expansion = ours.expansion[slot]!
        expect(expansion).toBe(index.getClusterExpansionZoom(id))
        const children: string[] = []
        for (let c = ours.childStart[slot]!; c < ours.childStart[slot + 1]!; c++) children.push(ourKey(ours, expansion, ours.children[c]!))
        expect(children.sort()).toEqual(index.getChildren(id).map(keyOf).sort())
      }
    }
  })

  it('link each item to itself or to the cluster that holds it one zoom out', () => {
    for (const z of ZOOMS.slice(1)) {
      const level = ours.levels[z]!
      for (let k = 0; k < level.num.length; k++) {
        const key = ourKey(ours, z, k)
        const next = level.next[k]!
        const out = ours.levels[z - 1]!
        if (ourKey(ours, z - 1, next) === key) continue
        expect(out.num[next]!, key).toBeGreaterThan(level.num[k]!)
        expect(index.getChildren(out.ref[next]!).map(keyOf), key).toContain(key)
      }
    }
  })

  it('send KD-trees that find what getClusters finds in a bbox', () => {
    const random = seededRandom(7)
    for (const z of [8, 12, 14, 15, 16, 17]) {
      const kd = KDBush.from(ours.levels[z]!.kd)
      for (let i = 0; i < 20; i++) {
        const [w, s] = [-0.17 + random() * 0.06, 51.59 + random() * 0.04]
        const bbox: [number, number, number, number] = [w, s, w + random() * 0.02, s + random() * 0.015]
        const found = kd.range(lngX(bbox[0]), latY(bbox[3]), lngX(bbox[2]), latY(bbox[1])).map((k) => ourKey(ours, z, k))
        expect(found.sort()).toEqual(index.getClusters(bbox, z).map(keyOf).sort())
      }
    }
  })

  it('are empty, level by level, for no points', () => {
    const empty = levelsOf({ lng: new Float64Array(0), lat: new Float64Array(0), flags: new Uint16Array(0) })
    for (const z of ZOOMS) expect(empty.levels[z]!.num.length).toBe(0)
    expect(empty.counts.length).toBe(0)
  })

  it('make one cluster of concerns on the same cell until they split past the last zoom that clusters', () => {
    const same: Points = { lng: new Float64Array(5).fill(-0.12), lat: new Float64Array(5).fill(51.62), flags: new Uint16Array([0, 0, 1, SAMPLE | 2, 0]) }
    const levels = levelsOf(same)
    for (const z of ZOOMS.slice(0, -1)) expect(Array.from(levels.levels[z]!.num)).toEqual([5])
    expect(Array.from(levels.expansion)).toEqual([CLUSTER_OPTIONS.maxZoom + 1])
    expect(Array.from(levels.counts.subarray(0, 3))).toEqual([3, 1, 1])
    expect(levels.counts[COUNTS_WIDTH - 1]).toBe(1)
  })
})
