import { describe, expect, it } from 'vitest'
import { ConcernLoad } from '../../server/routing/concern-load.ts'
import { closedParks, edgeWeights, leastFactor, type CostInputs, type Profile } from '../../server/routing/cost.ts'
import { explain } from '../../server/routing/explain.ts'
import { RoutingGraph, type EdgeInput } from '../../server/routing/graph.ts'
import { Planner } from '../../server/routing/plan.ts'
import { Searcher } from '../../server/routing/search.ts'
import { timeBandAt } from '../../common/time-bands.ts'
import { routeTime } from '../../server/routing/time.ts'
import { overlapShare, retraceShare, trailLength, type Trail } from '../../server/routing/trail.ts'
import { seededRandom } from '../../server/seeded-random.ts'

// A small grid of streets, about 100 m apart, near Southgate (lng -0.13, lat 51.63).
const ORIGIN = [-0.13, 51.63]
const STEP = [0.00144, 0.0009] // ≈ 100 m east, 100 m north
const at = (i: number, j: number) => [ORIGIN[0]! + i * STEP[0]!, ORIGIN[1]! + j * STEP[1]!]
const node = (i: number, j: number) => 1000 + i * 100 + j

function edge(id: number, a: [number, number], b: [number, number], options: Partial<EdgeInput> = {}): EdgeInput {
  const coordinates = [at(...a), at(...b)]
  return { id, source: node(...a), target: node(...b), lengthM: 100 * Math.hypot(a[0] - b[0], a[1] - b[1]), lit: 'yes', openSpace: -1, coordinates, ...options }
}

/** An n×n grid, every street lit unless `lit` says otherwise. */
function grid(n: number, lit: (e: [number, number, number, number]) => EdgeInput['lit'] = () => 'yes'): EdgeInput[] {
  const edges: EdgeInput[] = []
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i + 1 < n) edges.push(edge(edges.length + 1, [i, j], [i + 1, j], { lit: lit([i, j, i + 1, j]) }))
      if (j + 1 < n) edges.push(edge(edges.length + 1, [i, j], [i, j + 1], { lit: lit([i, j, i, j + 1]) }))
    }
  }
  return edges
}

const EVENING = new Date('2026-11-17T19:00:00Z') // dark in London in November
const NOON = new Date('2026-11-17T12:00:00Z')

function weightsFor(graph: RoutingGraph, profile: Profile, departAt: Date, concerns = new ConcernLoad(graph)) {
  const time = routeTime(departAt, 30, ORIGIN[0]!, ORIGIN[1]!)
  return edgeWeights(graph, { profile, time, concerns, closed: closedParks(graph, time) })
}

describe('the routing graph', () => {
  it('keeps edges in typed arrays with both directions in the adjacency and finds the main component', () => {
    const edges = [...grid(3), edge(100, [10, 10], [11, 10])] // a detached pair far away
    const g = new RoutingGraph(edges)
    expect(g.edgeCount).toBe(13)
    expect(g.nodeCount).toBe(11)
    let degrees = 0
    for (let n = 0; n < g.nodeCount; n++) degrees += g.degree(n)
    expect(degrees).toBe(2 * g.edgeCount)
    const centre = g.osmNode.indexOf(node(1, 1))
    expect(g.degree(centre)).toBe(4)
    expect(g.component[g.osmNode.indexOf(node(10, 10))]).not.toBe(g.mainComponent)
    expect(g.bytes()).toBeGreaterThan(0)
  })

  it('snaps to the nearest edge of the main component within the distance, or to nothing', () => {
    const g = new RoutingGraph([...grid(3), edge(100, [10, 10], [11, 10])])
    const [lng, lat] = at(0.5, 0.2) // 20 m north of the street (0,0)–(1,0), halfway along
    const snap = g.snap(lng!, lat!, 200)!
    expect(g.edgeId[snap.edge]).toBe(1)
    expect(snap.t).toBeCloseTo(0.5, 2)
    expect(snap.distance).toBeCloseTo(20, 0)
    // Next to the detached pair only: that is not the main network.
    const [fx, fy] = at(10.5, 10.1)
    expect(g.snap(fx!, fy!, 50)).toBeNull()
    expect(g.snap(ORIGIN[0]! + 1, ORIGIN[1]!, 200)).toBeNull()
  })

  it('cuts an edge at fractions, either way round', () => {
    const g = new RoutingGraph([edge(1, [0, 0], [2, 0])])
    const forward = g.slice(0, 0.25, 0.75)
    expect(forward[0]![0]).toBeCloseTo(at(0.5, 0)[0]!, 7)
    expect(forward.at(-1)![0]).toBeCloseTo(at(1.5, 0)[0]!, 7)
    expect(g.slice(0, 0.75, 0.25)).toEqual([...forward].reverse())
  })
})

describe('the search', () => {
  it('finds the same shortest distances as Floyd–Warshall on seeded random graphs', () => {
    const random = seededRandom(42)
    for (let round = 0; round < 20; round++) {
      const n = 12
      const edges: EdgeInput[] = []
      for (let k = 0; k < 20; k++) {
        const a = Math.floor(random() * n)
        const b = Math.floor(random() * n)
        if (a === b) continue
        edges.push({ ...edge(k + 1, [a, 0], [b, 1]), target: node(b, 0), lengthM: 1 + Math.floor(random() * 100) })
      }
      const g = new RoutingGraph(edges)
      const d = Array.from({ length: g.nodeCount }, (_, i) => Array.from({ length: g.nodeCount }, (_, j) => (i === j ? 0 : Infinity)))
      for (let e = 0; e < g.edgeCount; e++) {
        const [s, t] = [g.edgeSource[e]!, g.edgeTarget[e]!]
        d[s]![t] = d[t]![s] = Math.min(d[s]![t]!, g.length[e]!)
      }
      for (let k = 0; k < g.nodeCount; k++)
        for (let i = 0; i < g.nodeCount; i++) for (let j = 0; j < g.nodeCount; j++) d[i]![j] = Math.min(d[i]![j]!, d[i]![k]! + d[k]![j]!)
      const searcher = new Searcher(g)
      for (let i = 0; i < g.nodeCount; i++) {
        for (let j = 0; j < g.nodeCount; j++) {
          const path = searcher.path(g.length, [{ node: i, cost: 0 }], [{ node: j, cost: 0 }])
          if (d[i]![j] === Infinity) expect(path).toBeNull()
          else {
            expect(path!.cost).toBeCloseTo(d[i]![j]!, 9)
            // The edges it lists add up to its cost and lead from i to j.
            expect(path!.edges.reduce((s, e) => s + g.length[e]!, 0)).toBeCloseTo(d[i]![j]!, 9)
            expect(path!.start).toBe(i)
          }
        }
      }
    }
  })
})

describe('the cost model', () => {
  // Two ways from (0,0) to (4,0): straight along row 0, unlit (400 m), or up and over row 1, lit (600 m).
  const twoWays = () => new RoutingGraph(grid(5, ([, j1, , j2]) => (j1 === 0 && j2 === 0 ? 'no' : 'yes')))

  it('avoids an unlit path after sunset when a lit one exists, and takes it in daylight', () => {
    const g = twoWays()
    const planner = new Planner(g)
    const from = g.snap(...(at(0, 0) as [number, number]), 10)!
    const to = g.snap(...(at(4, 0) as [number, number]), 10)!
    const evening = weightsFor(g, 'safest', EVENING)
    const dark = planner.connect(from, to, evening, leastFactor(g, evening))!
    expect(trailLength(g, dark)).toBeCloseTo(600, 0)
    expect(dark.every((p) => g.lit[p.edge] === 1)).toBe(true)
    const noon = weightsFor(g, 'safest', NOON)
    expect(trailLength(g, planner.connect(from, to, noon, leastFactor(g, noon))!)).toBeCloseTo(400, 0)
    // Distance alone never minds the dark.
    expect(trailLength(g, planner.connect(from, to, weightsFor(g, 'shortest', EVENING), 1)!)).toBeCloseTo(400, 0)
  })

  it('goes round a concern on the shortest way only at the time band it was reported for', () => {
    const g = new RoutingGraph(grid(5))
    const concerns = new ConcernLoad(g)
    const [lng, lat] = at(2, 0)
    concerns.set({ id: 1, lng: lng!, lat: lat!, category: 'harassment_group', timeBands: ['evening'], days: 'any', supportCount: 3, status: 'new', ageMonths: 1 })
    const planner = new Planner(g)
    const from = g.snap(...(at(0, 0) as [number, number]), 10)!
    const to = g.snap(...(at(4, 0) as [number, number]), 10)!
    const evening = weightsFor(g, 'safest', EVENING, concerns)
    const route = planner.connect(from, to, evening, leastFactor(g, evening))!
    expect(trailLength(g, route)).toBeGreaterThan(400)
    expect(concerns.near(new Uint8Array(g.edgeCount).map((_, e) => Number(route.some((p) => p.edge === e))), 'evening', false)).toEqual([])
    const noon = weightsFor(g, 'safest', NOON, concerns)
    expect(trailLength(g, planner.connect(from, to, noon, leastFactor(g, noon))!)).toBeCloseTo(400, 0)
    // Removing it takes its weight away again.
    concerns.remove(1)
    expect(concerns.load('evening', false).every((w) => w === 0)).toBe(true)
  })

  it('weighs a closed park as all but impassable', () => {
    const edges = grid(5).map((e) => (e.coordinates[0]![1] === ORIGIN[1] && e.coordinates[1]![1] === ORIGIN[1] ? { ...e, openSpace: 0 } : e))
    const g = new RoutingGraph(edges, [{ id: 1, name: 'Grovelands Park', openingHours: 'Mo-Su 07:30-16:00' }])
    const time = routeTime(EVENING, 30, ORIGIN[0]!, ORIGIN[1]!)
    expect([...closedParks(g, time)]).toEqual([0])
    const w = weightsFor(g, 'balanced', EVENING)
    const row0 = g.openSpace.indexOf(0)
    expect(w[row0]! / g.length[row0]!).toBeGreaterThan(50)
    expect([...closedParks(g, routeTime(new Date('2026-11-17T11:00:00Z'), 30, ORIGIN[0]!, ORIGIN[1]!))]).toEqual([])
  })
})

describe('the reasons', () => {
  // Row 0 of the grid runs through a park that closes at 16:00; the evening's safest way goes round it.
  const parkGraph = (name: string | null) => {
    const edges = grid(5).map((e) => (e.coordinates[0]![1] === ORIGIN[1] && e.coordinates[1]![1] === ORIGIN[1] ? { ...e, openSpace: 0 } : e))
    return new RoutingGraph(edges, [{ id: 1, name, openingHours: 'Mo-Su 07:30-16:00' }])
  }
  const explainEvening = (g: RoutingGraph) => {
    const time = routeTime(EVENING, 30, ORIGIN[0]!, ORIGIN[1]!)
    const inputs: CostInputs = { profile: 'safest', time, concerns: new ConcernLoad(g), closed: closedParks(g, time) }
    const weights = edgeWeights(g, inputs)
    const planner = new Planner(g)
    const from = g.snap(...(at(0, 0) as [number, number]), 10)!
    const to = g.snap(...(at(4, 0) as [number, number]), 10)!
    const safest = planner.connect(from, to, weights, leastFactor(g, weights))!
    return explain(g, [safest], planner.connect(from, to, g.length, 1)!, inputs, weights, 'route')
  }

  it('codes each line with its numbers, and words the English explanation from them in the same order', () => {
    const [safest, shortest] = explainEvening(parkGraph('Grovelands Park'))
    expect(safest!.reasons[0]).toEqual({ code: 'longer_than_shortest', params: { lengthMeters: 600, extraMeters: 200, extraShare: 0.5 } })
    expect(safest!.explanation[0]).toBe('600 m: 200 m (50%) longer than the shortest route')
    expect(safest!.reasons).toContainEqual({ code: 'lit_after_sunset', params: { litShare: 1, sunset: expect.stringMatching(/^2026-11-17T16:0\d/) } })
    expect(safest!.reasons).toContainEqual({ code: 'avoids_closed_park', params: { name: 'Grovelands Park' } })
    expect(safest!.explanation).toContain('Avoids Grovelands Park, closed at that time')
    expect(shortest!.reasons).toContainEqual({ code: 'through_closed_park', params: { name: 'Grovelands Park' } })
    for (const facts of [safest!, shortest!]) expect(facts.explanation).toHaveLength(facts.reasons.length)
  })

  it('gives a park without a name no name', () => {
    const [safest] = explainEvening(parkGraph(null))
    expect(safest!.reasons).toContainEqual({ code: 'avoids_closed_park', params: {} })
    expect(safest!.explanation).toContain('Avoids a park that is closed at that time')
  })
})

describe('time of a route', () => {
  it('reads time bands in London time across the clock change', () => {
    // 07:30 UTC is 08:30 in summer (daytime) and 07:30 in winter (early morning).
    expect(timeBandAt(new Date('2026-07-01T07:30:00Z'))).toBe('daytime')
    expect(timeBandAt(new Date('2026-12-01T07:30:00Z'))).toBe('early_morning')
    expect(timeBandAt(new Date('2026-03-29T00:30:00Z'))).toBe('night') // the night the clocks go forward
    expect(timeBandAt(new Date('2026-11-17T17:30:00Z'))).toBe('evening')
  })

  it('is dark after sunset and before sunrise, and a run that crosses sunset counts as dark', () => {
    expect(routeTime(EVENING, 30, -0.13, 51.63).dark).toBe(true)
    expect(routeTime(NOON, 30, -0.13, 51.63).dark).toBe(false)
    const sunset = routeTime(NOON, 0, -0.13, 51.63).sunset!
    expect(routeTime(new Date(sunset.getTime() - 20 * 60_000), 40, -0.13, 51.63).dark).toBe(true)
  })
})

describe('trails', () => {
  const g = new RoutingGraph(grid(3))
  const e = (a: [number, number], b: [number, number]) => {
    for (let k = 0; k < g.edgeCount; k++) {
      const s = g.osmNode[g.edgeSource[k]!]
      const t = g.osmNode[g.edgeTarget[k]!]
      if ((s === node(...a) && t === node(...b)) || (s === node(...b) && t === node(...a))) return k
    }
    throw new Error('no such edge')
  }

  it('counts both passes of a stretch walked twice as retraced', () => {
    const out: Trail = [{ edge: e([0, 0], [1, 0]), t0: 0, t1: 1 }, { edge: e([1, 0], [1, 1]), t0: 0, t1: 1 }]
    const back: Trail = [{ edge: e([1, 0], [1, 1]), t0: 1, t1: 0 }, { edge: e([0, 0], [1, 0]), t0: 1, t1: 0 }]
    expect(retraceShare(g, [...out, ...back])).toBeCloseTo(1, 6)
    const square: Trail = [
      { edge: e([0, 0], [1, 0]), t0: 0, t1: 1 }, { edge: e([1, 0], [1, 1]), t0: 0, t1: 1 },
      { edge: e([0, 1], [1, 1]), t0: 1, t1: 0 }, { edge: e([0, 0], [0, 1]), t0: 1, t1: 0 },
    ]
    expect(retraceShare(g, square)).toBe(0)
    // Two halves of one edge that don't overlap are not a retrace.
    expect(retraceShare(g, [{ edge: 0, t0: 0, t1: 0.4 }, { edge: 0, t0: 0.6, t1: 1 }])).toBe(0)
    expect(overlapShare(g, out, back)).toBeCloseTo(1, 6)
    expect(overlapShare(g, square, out)).toBeCloseTo(1, 6)
    expect(overlapShare(g, square.slice(2), out)).toBe(0)
  })
})
