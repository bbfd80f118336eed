import KDBush from 'kdbush'
import Supercluster from 'supercluster'
import { describe, expect, it } from 'vitest'
import { CLUSTER_OPTIONS } from '../../server/concerns/clusters/built-index.ts'
import { latY, lngX, xLng, yLat } from '../../server/concerns/clusters/mercator.ts'
import { zoomItems } from '../../server/concerns/clusters/supercluster-layout.mjs'
import { seededRandom } from '../../server/seeded-random.ts'

// supercluster-layout.mjs reads supercluster's private trees (the only code that does). These
// tests build a real index and hold what it reads against the public API at every zoom: if a
// new supercluster lays its trees out otherwise, they fail here, not in the map.

type Props = { input: number }

function createIndex(seed: number, n: number, options: Supercluster.Options<Props, Supercluster.AnyProps> = CLUSTER_OPTIONS) {
  const random = seededRandom(seed)
  const centres = Array.from({ length: 5 }, () => [-0.16 + random() * 0.05, 51.6 + random() * 0.03] as const)
  const features = Array.from({ length: n }, (_, i) => {
    const [cx, cy] = centres[i % centres.length]!
    const spread = i % 9 === 0 ? 0 : i % 2 ? 0.003 : 0.03
    const coordinates = [cx + (random() - 0.5) * spread, cy + (random() - 0.5) * spread]
    return { type: 'Feature' as const, properties: { input: i }, geometry: { type: 'Point' as const, coordinates } }
  })
  return new Supercluster<Props>(options).load(features)
}

type Item = ReturnType<Supercluster<Props>['getClusters']>[number]
const idOf = (f: Item) => ('cluster_id' in f.properties ? f.properties.cluster_id : (f.properties as Props).input)
const countOf = (f: Item) => ('point_count' in f.properties ? f.properties.point_count : 1)
const WORLD: [number, number, number, number] = [-180, -90, 180, 90]
const ZOOMS = Array.from({ length: CLUSTER_OPTIONS.maxZoom + 2 }, (_, z) => z)

describe("supercluster's private layout", () => {
  const index = createIndex(20261202, 3000)

  it("gives each zoom's items with supercluster's ids, point counts and places", () => {
    for (const z of ZOOMS) {
      const items = zoomItems(index, z)
      const theirs = new Map(index.getClusters(WORLD, z).map((f) => [idOf(f), f]))
      expect(items.id.length, `zoom ${z}`).toBe(theirs.size)
      for (let k = 0; k < items.id.length; k++) {
        const f = theirs.get(items.id[k]!)
        expect(f, `zoom ${z} item ${items.id[k]}`).toBeDefined()
        expect(items.num[k]).toBe(countOf(f!))
        const [lng, lat] = f!.geometry.coordinates as [number, number]
        if (items.num[k]! > 1) {
          expect(xLng(items.xy[2 * k]!)).toBeCloseTo(lng, 9)
          expect(yLat(items.xy[2 * k + 1]!)).toBeCloseTo(lat, 9)
        } else {
          // Points are kept as supercluster indexes them: their projection in 32 bits.
          expect(items.xy[2 * k]).toBe(Math.fround(lngX(lng)))
          expect(items.xy[2 * k + 1]).toBe(Math.fround(latY(lat)))
        }
      }
    }
  })

  it('names as parent the cluster that getChildren says holds the item one zoom out, or none', () => {
    for (const z of ZOOMS.slice(1)) {
      const items = zoomItems(index, z)
      const out = new Set(index.getClusters(WORLD, z - 1).map(idOf))
      for (let k = 0; k < items.id.length; k++) {
        const parent = items.parent[k]!
        if (parent === -1) expect(out.has(items.id[k]!), `zoom ${z} item ${items.id[k]}`).toBe(true)
        else expect(index.getChildren(parent).map(idOf)).toContain(items.id[k])
      }
    }
  })

  it("hands over each zoom's KD-tree, which finds what getClusters finds", () => {
    const random = seededRandom(11)
    for (const z of [5, 10, 13, 15, 16, 17]) {
      const items = zoomItems(index, z)
      const kd = KDBush.from(items.kd)
      expect(kd.numItems).toBe(items.id.length)
      for (let i = 0; i < 20; i++) {
        const [w, s] = [-0.17 + random() * 0.06, 51.59 + random() * 0.04]
        const bbox: [number, number, number, number] = [w, s, w + random() * 0.03, s + random() * 0.02]
        const found = kd.range(lngX(bbox[0]), latY(bbox[3]), lngX(bbox[2]), latY(bbox[1])).map((k) => items.id[k])
        expect(found.sort()).toEqual(index.getClusters(bbox, z).map(idOf).sort())
      }
    }
  })

  it('refuses an index laid out another way (with reduce) instead of reading it wrong', () => {
    const reduced = createIndex(3, 50, { ...CLUSTER_OPTIONS, map: (p) => ({ n: p.input }), reduce: (a, b) => void (a.n += b.n) })
    expect(() => zoomItems(reduced, 10)).toThrow(/not laid out as/)
    expect(() => zoomItems(new Supercluster(CLUSTER_OPTIONS), 10)).toThrow(/not laid out as/)
  })
})
