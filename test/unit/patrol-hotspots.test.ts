import { describe, expect, it } from 'vitest'
import { ConcernPoints } from '../../server/patrols/concern-points.ts'
import { seededRandom } from '../../server/seeded-random.ts'

/** Seeded concerns around a few centres plus a scatter, near Southgate. */
function points(seed: number, n: number, spreadMetres: number) {
  const random = seededRandom(seed)
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random())
  const centres = Array.from({ length: 8 }, () => [-0.15 + random() * 0.03, 51.6 + random() * 0.02] as const)
  const lng = new Float64Array(n)
  const lat = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const [cx, cy] = i % 5 === 0 ? [-0.15 + random() * 0.03, 51.6 + random() * 0.02] : centres[i % centres.length]!
    lng[i] = cx + (gauss() * spreadMetres) / 69_000
    lat[i] = cy + (gauss() * spreadMetres) / 111_000
  }
  return new ConcernPoints(Int32Array.from({ length: n }, (_, i) => i + 1), lng, lat, new Float64Array(n).fill(1), new Uint8Array(n).fill(4), 51.61)
}

/** DBSCAN the slow, obvious way: every pair measured. */
function bruteForce(p: ConcernPoints, eps: number, minPoints: number) {
  const near = (i: number, j: number) => Math.hypot(p.x[i]! - p.x[j]!, p.y[i]! - p.y[j]!) <= eps
  const neighbours = Array.from({ length: p.count }, (_, i) => Array.from({ length: p.count }, (_, j) => j).filter((j) => near(i, j)))
  const core = neighbours.map((list) => list.length >= minPoints)
  const of = new Array<number>(p.count).fill(-1)
  let count = 0
  for (let i = 0; i < p.count; i++) {
    if (!core[i] || of[i] !== -1) continue
    const stack = [i]
    of[i] = count
    while (stack.length) for (const j of neighbours[stack.pop()!]!) if (core[j] && of[j] === -1) stack.push(j), (of[j] = count)
    count++
  }
  return { core, neighbours, of, count }
}

describe('hot spots (DBSCAN on a grid)', () => {
  for (const [seed, n, spread] of [[1, 600, 20], [2, 900, 60], [3, 400, 150], [4, 1500, 8]] as const) {
    it(`finds the same clusters as measuring every pair (seed ${seed}, ${n} concerns, ${spread} m spread)`, () => {
      const p = points(seed, n, spread)
      const fast = p.clusters(75, 3)
      const slow = bruteForce(p, 75, 3)
      expect(fast.count).toBe(slow.count)
      // The cores fall into the same groups (cluster numbers may differ).
      const map = new Map<number, number>()
      for (let i = 0; i < n; i++) {
        if (!slow.core[i]) continue
        if (!map.has(slow.of[i]!)) map.set(slow.of[i]!, fast.of[i]!)
        expect(fast.of[i], `core ${i}`).toBe(map.get(slow.of[i]!))
      }
      expect(new Set(map.values()).size).toBe(slow.count)
      // A concern that is no core joins a cluster with a core within 75 m of it, or none if there is none.
      for (let i = 0; i < n; i++) {
        if (slow.core[i]) continue
        const reachable = new Set(slow.neighbours[i]!.filter((j) => slow.core[j]).map((j) => map.get(slow.of[j]!)))
        if (reachable.size === 0) expect(fast.of[i]).toBe(-1)
        else expect(reachable.has(fast.of[i]!)).toBe(true)
      }
    })
  }
})

describe('the reach grid', () => {
  for (const [seed, metres] of [[5, 100], [6, 30], [7, 400]] as const) {
    it(`sorts cells into "all within", "measure each" and skipped as the exact distances say (seed ${seed}, ${metres} m)`, () => {
      const p = points(seed, 2000, 60)
      const grid = p.reachGrid(metres)
      const random = seededRandom(seed * 31)
      let [wholeCells, partCells] = [0, 0]
      for (let s = 0; s < 200; s++) {
        const [aLng, aLat] = [-0.155 + random() * 0.04, 51.595 + random() * 0.03]
        const [bLng, bLat] = s % 5 === 0 ? [aLng, aLat] : [aLng + (random() - 0.5) * 0.001, aLat + (random() - 0.5) * 0.0006]
        const within = new Set<number>()
        for (let i = 0; i < p.count; i++) if (p.segmentDistance(i, aLng, aLat, bLng, bLat) <= metres) within.add(i)
        const visited = new Set<number>()
        const members = (c: number) => Array.from(grid.points.subarray(grid.start[c]!, grid.start[c + 1]!))
        grid.near(aLng, aLat, bLng, bLat, (c) => {
          wholeCells++
          for (const i of members(c)) expect(within.has(i), `concern ${i} in a cell said to be within`).toBe(true), visited.add(i)
        }, (c) => {
          partCells++
          for (const i of members(c)) visited.add(i)
        })
        for (const i of within) expect(visited.has(i), `concern ${i} within ${metres} m, in no cell visited`).toBe(true)
        for (const i of within) expect(p.withinSegment(i, aLng, aLat, bLng, bLat, metres)).toBe(true)
      }
      expect(wholeCells).toBeGreaterThan(0)
      expect(partCells).toBeGreaterThan(0)
    })
  }
})
