import { describe, expect, it } from 'vitest'
import { turnCosts } from '../../server/routing/cost.ts'
import { RoutingGraph, type EdgeInput } from '../../server/routing/graph.ts'
import { Searcher, TurnSearcher } from '../../server/routing/search.ts'
import { isoperimetricQuotient, sharpTurns, sharpTurnsPerKm } from '../../server/routing/shape.ts'
import { seededRandom } from '../../server/seeded-random.ts'

// Streets 100 m apart near Southgate, as in routing-engine.test.ts.
const ORIGIN = [-0.13, 51.63]
const STEP = [0.00144, 0.0009]
const at = (i: number, j: number) => [ORIGIN[0]! + i * STEP[0]!, ORIGIN[1]! + j * STEP[1]!]
const id = (i: number, j: number) => 1000 + i * 100 + j

function grid(n: number): EdgeInput[] {
  const edges: EdgeInput[] = []
  const add = (a: [number, number], b: [number, number], way: string) =>
    edges.push({ id: edges.length + 1, source: id(...a), target: id(...b), lengthM: 100, lit: 'yes', openSpace: -1, coordinates: [at(...a), at(...b)], way })
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i + 1 < n) add([i, j], [i + 1, j], `row ${j}`)
      if (j + 1 < n) add([i, j], [i, j + 1], `column ${i}`)
    }
  }
  return edges
}

/** A closed ring of `n` points, `metres` in radius, round ORIGIN. */
function ring(n: number, metres: number): number[][] {
  const points = Array.from({ length: n }, (_, k) => {
    const a = (2 * Math.PI * k) / n
    return [ORIGIN[0]! + (metres * Math.cos(a)) / 69_200, ORIGIN[1]! + (metres * Math.sin(a)) / 111_200]
  })
  return [...points, points[0]!]
}

describe('loop shape', () => {
  it('gives a circle a quotient of 1, a square π/4 and an out-and-back 0', () => {
    expect(isoperimetricQuotient(ring(360, 500))).toBeCloseTo(1, 2)
    const square = [at(0, 0), at(5, 0), at(5, 5), at(0, 5), at(0, 0)]
    expect(isoperimetricQuotient(square)).toBeCloseTo(Math.PI / 4, 2)
    expect(isoperimetricQuotient([at(0, 0), at(5, 0), at(0, 0)])).toBeCloseTo(0, 6)
  })

  it('counts a square’s four corners as sharp turns, a round loop’s bends as none', () => {
    const square = [at(0, 0), at(5, 0), at(5, 5), at(0, 5), at(0, 0)]
    expect(sharpTurns(square, true).at).toHaveLength(4)
    // 2 km round: four turns are 2 a km.
    expect(sharpTurnsPerKm(square)).toBeCloseTo(4 / 2, 1)
    expect(sharpTurns(ring(90, 300), true).at).toHaveLength(0)
    // An open line with one corner and a kink too short to count (5 m off the line over 10 m).
    const corner = [at(0, 0), at(3, 0), at(3, 3)]
    expect(sharpTurns(corner).at).toHaveLength(1)
    const kink = [at(0, 0), at(1.5, 0), [at(1.55, 0)[0]!, at(0, 0.05)[1]!], at(1.6, 0), at(3, 0)]
    expect(sharpTurns(kink).at).toHaveLength(0)
  })
})

describe('the loop search’s graph and search', () => {
  it('finds the bridges: a spur and the edge to a dead end, not the streets of a grid', () => {
    const edges = grid(3)
    // A spur of two edges off the corner (2, 2).
    edges.push({ id: 100, source: id(2, 2), target: id(3, 3), lengthM: 141, lit: 'yes', openSpace: -1, coordinates: [at(2, 2), at(3, 3)] })
    edges.push({ id: 101, source: id(3, 3), target: id(4, 3), lengthM: 100, lit: 'yes', openSpace: -1, coordinates: [at(3, 3), at(4, 3)] })
    const g = new RoutingGraph(edges)
    const bridges = [...g.edgeId].filter((_, e) => g.bridge[e])
    expect(bridges.sort()).toEqual([100, 101])
  })

  it('costs the same as node Dijkstra when turns are free, and turns as little as it can when they are not', () => {
    const g = new RoutingGraph(grid(8))
    const searcher = new Searcher(g)
    const turnSearcher = new TurnSearcher(g)
    const random = seededRandom(7)
    for (let k = 0; k < 50; k++) {
      const a = Math.floor(random() * g.edgeCount)
      const b = Math.floor(random() * g.edgeCount)
      const to = { edge: b, t: 0.5 }
      const starts = [
        { state: 2 * a, cost: 50 },
        { state: 2 * a + 1, cost: 50 },
      ]
      const turned = turnSearcher.path(g.length, () => 0, starts, { kind: 'point', at: to }, () => 0)!
      // Node Dijkstra between the same two points, from both ends of both edges.
      const ends = (e: number) => [
        { node: g.edgeSource[e]!, cost: 50 },
        { node: g.edgeTarget[e]!, cost: 50 },
      ]
      const plain = a === b ? { cost: 0 } : searcher.path(g.length, ends(a), ends(b))!
      if (a !== b) expect(turned.cost).toBeCloseTo(plain.cost, 6)
    }
    // Corner to corner of the grid: 14 edges either way, but with turn costs one turn, not a staircase.
    const corner = g.osmNode.indexOf(id(0, 0))
    const first = g.adjacentEdge[g.adjacencyStart[corner]!]!
    const far = g.osmNode.indexOf(id(7, 7))
    const last = g.adjacentEdge[g.adjacencyStart[far]!]!
    const state = 2 * first + (g.edgeSource[first] === corner ? 0 : 1)
    const path = turnSearcher.path(g.length, turnCosts(g), [{ state, cost: 100 }], { kind: 'point', at: { edge: last, t: g.edgeSource[last] === far ? 0 : 1 } }, () => 0)!
    const turn = turnCosts(g)
    let turns = 0
    for (let k = 1; k < path.states.length; k++) if (turn(path.states[k - 1]!, path.states[k]!) > 0) turns++
    expect(path.states.length).toBe(13)
    expect(turns).toBeLessThanOrEqual(1)
  })
})
