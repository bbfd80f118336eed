import { describe, expect, it } from 'vitest'
import { NodeLocations } from '../../server/importers/node-locations.ts'
import type { OsmWay } from '../../server/importers/osm-elements.ts'
import { isWalkable, normaliseLit, splitIntoEdges } from '../../server/importers/path-network.ts'

const tags = (t: Record<string, string>) => new Map(Object.entries(t))
const createWay = (id: number, refs: number[], t: Record<string, string> = { highway: 'footway' }): OsmWay => ({
  type: 'way',
  id,
  refs,
  tags: tags(t),
})
/** Nodes 1…n on a line eastwards from (0, 51), 0.001° apart, except those left out. */
function createNodes(n: number, missing: number[] = []) {
  const nodes = new NodeLocations()
  for (let id = 1; id <= n; id++) if (!missing.includes(id)) nodes.add(id, id / 1000, 51)
  return nodes
}
const ends = (edges: { source: number; target: number }[]) => edges.map((e) => [e.source, e.target])

describe('which ways are walkable', () => {
  it('takes footways, residential streets and primary roads', () => {
    for (const highway of ['footway', 'residential', 'primary', 'steps', 'corridor']) expect(isWalkable(tags({ highway }))).toBe(true)
  })

  it('leaves out motorways, construction, platforms and ways without a highway tag', () => {
    for (const highway of ['motorway', 'motorway_link', 'construction', 'proposed', 'platform', 'raceway', 'bus_guideway']) {
      expect(isWalkable(tags({ highway }))).toBe(false)
    }
    expect(isWalkable(tags({ building: 'yes' }))).toBe(false)
  })

  it('leaves out foot=no and private access unless walkers are allowed', () => {
    expect(isWalkable(tags({ highway: 'path', foot: 'no' }))).toBe(false)
    expect(isWalkable(tags({ highway: 'service', access: 'private' }))).toBe(false)
    expect(isWalkable(tags({ highway: 'service', access: 'no' }))).toBe(false)
    expect(isWalkable(tags({ highway: 'service', access: 'private', foot: 'yes' }))).toBe(true)
    expect(isWalkable(tags({ highway: 'track', access: 'no', foot: 'designated' }))).toBe(true)
    expect(isWalkable(tags({ highway: 'track', access: 'no', foot: 'permissive' }))).toBe(true)
  })
})

describe('lit', () => {
  it('counts 24/7, automatic, limited and interval lighting as lit', () => {
    for (const value of ['yes', '24/7', 'automatic', 'limited', 'interval']) expect(normaliseLit(value)).toBe('yes')
  })

  it('counts no and disused as unlit and anything else as unknown', () => {
    expect(normaliseLit('no')).toBe('no')
    expect(normaliseLit('disused')).toBe('no')
    expect(normaliseLit('sunset-sunrise')).toBe('unknown')
    expect(normaliseLit(undefined)).toBe('unknown')
  })
})

describe('splitting ways into edges', () => {
  it('keeps a way that meets nothing as one edge from end to end', () => {
    const { edges } = splitIntoEdges([createWay(1, [1, 2, 3, 4])], createNodes(4))
    expect(ends(edges)).toEqual([[1, 4]])
    expect(edges[0]!.wkt).toBe('LINESTRING(0.001 51,0.002 51,0.003 51,0.004 51)')
  })

  it('splits a way where another way joins it in the middle', () => {
    const { edges } = splitIntoEdges([createWay(1, [1, 2, 3]), createWay(2, [2, 4])], createNodes(4))
    expect(edges.map((e) => [e.wayId, e.segment, e.source, e.target])).toEqual([
      [1, 0, 1, 2],
      [1, 1, 2, 3],
      [2, 0, 2, 4],
    ])
  })

  it('splits a way where it crosses itself, and cuts the loop it makes in two', () => {
    const { edges } = splitIntoEdges([createWay(1, [1, 2, 3, 4, 2, 5])], createNodes(5))
    expect(ends(edges)).toEqual([[1, 2], [2, 3], [3, 2], [2, 5]])
  })

  it('cuts a ring that meets nothing in two, so that no edge is a loop', () => {
    const { edges } = splitIntoEdges([createWay(1, [1, 2, 3, 4, 1])], createNodes(4))
    expect(ends(edges)).toEqual([[1, 3], [3, 1]])
  })

  it('ignores a node listed twice in a row', () => {
    const { edges } = splitIntoEdges([createWay(1, [1, 2, 2, 3])], createNodes(3))
    expect(edges[0]!.wkt).toBe('LINESTRING(0.001 51,0.002 51,0.003 51)')
  })

  it('drops only the missing stretch of a way cut by the extract, numbering the parts on', () => {
    const { edges, waysCut } = splitIntoEdges([createWay(1, [1, 2, 3, 4, 5, 6])], createNodes(6, [3]))
    expect(edges.map((e) => [e.segment, e.source, e.target])).toEqual([[0, 1, 2], [1, 4, 6]])
    expect(waysCut).toBe(1)
  })

  it('drops a way none of whose stretches has two nodes', () => {
    const { edges } = splitIntoEdges([createWay(1, [1, 2, 3])], createNodes(3, [2]))
    expect(edges).toEqual([])
  })

  it('takes access from foot when tagged, else from access', () => {
    const { edges } = splitIntoEdges(
      [createWay(1, [1, 2], { highway: 'service', access: 'private', foot: 'yes' }), createWay(2, [3, 4], { highway: 'track', access: 'permissive' })],
      createNodes(4),
    )
    expect(edges.map((e) => e.access)).toEqual(['yes', 'permissive'])
  })
})
