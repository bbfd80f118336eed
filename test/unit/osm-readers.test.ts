import { describe, expect, it } from 'vitest'
import type { OsmElement } from '../../server/importers/osm-elements.ts'
import { readOsmPbf } from '../../server/importers/osm-pbf.ts'
import { readOsmXml } from '../../server/importers/osm-xml.ts'
import { NodeLocations } from '../../server/importers/node-locations.ts'
import { SHARED_DATA } from '../support/db.ts'
import { fixturePath } from '../support/fixture-files.ts'

const SMALL_AREA = fixturePath('osm/small-area.osm')

async function readAll(reader: AsyncGenerator<OsmElement[]>) {
  const elements: OsmElement[] = []
  for await (const batch of reader) for (const e of batch) elements.push(e)
  return elements
}

describe('the OSM XML reader', () => {
  it('reads nodes with coordinates and tags, ways with their node refs, relations with members', async () => {
    const elements = await readAll(readOsmXml(SMALL_AREA))
    const lamp = elements.find((e) => e.type === 'node' && e.id === 70)
    expect(lamp).toEqual({ type: 'node', id: 70, lat: 51.502, lon: -0.099, tags: new Map([['highway', 'street_lamp']]) })
    const way = elements.find((e) => e.type === 'way' && e.id === 105)
    expect(way).toMatchObject({ refs: [20, 21, 999, 22, 23], tags: new Map([['highway', 'path']]) })
    const relation = elements.find((e) => e.type === 'relation')
    expect(relation).toMatchObject({
      id: 300,
      members: [
        { type: 'way', ref: 201, role: 'outer' },
        { type: 'way', ref: 202, role: 'outer' },
        { type: 'way', ref: 203, role: 'inner' },
      ],
    })
  })
})

describe('the OSM PBF reader', () => {
  it('decodes every element of Monaco, as many as the README lists', async () => {
    const elements = await readAll(readOsmPbf(SHARED_DATA + 'osm/monaco.osm.pbf'))
    const count = (type: string) => elements.filter((e) => e.type === type).length
    expect([count('node'), count('way'), count('relation')]).toEqual([180118, 27377, 212])
  })

  it('decodes dense nodes to degrees with tags, and delta-coded way refs to node ids', async () => {
    const elements = await readAll(readOsmPbf(SHARED_DATA + 'osm/monaco.osm.pbf'))
    const nodes = new Map(elements.flatMap((e) => (e.type === 'node' ? [[e.id, e] as const] : [])))
    const outside = [...nodes.values()].filter((n) => Math.abs(n.lon - 7.42) > 0.2 || Math.abs(n.lat - 43.74) > 0.1)
    expect(outside).toEqual([])
    const tagged = elements.filter((e) => e.type === 'node' && e.tags.size > 0)
    expect(tagged.length).toBeGreaterThan(1000)
    const ways = elements.filter((e) => e.type === 'way')
    const resolved = ways.flatMap((w) => w.refs).filter((ref) => nodes.has(ref)).length
    expect(resolved / ways.flatMap((w) => w.refs).length).toBeGreaterThan(0.99)
  })
})

describe('node locations', () => {
  it('finds nodes added out of order, and says when a node is missing', () => {
    const nodes = new NodeLocations()
    for (const id of [5, 1, 9, 3]) nodes.add(id, id, -id)
    expect(nodes.lon(nodes.find(9))).toBe(9)
    expect(nodes.lat(nodes.find(3))).toBe(-3)
    expect(nodes.find(4)).toBe(-1)
  })

  it('grows past its first allocation', () => {
    const nodes = new NodeLocations()
    for (let id = 1; id <= 200_000; id++) nodes.add(id * 10, id, 0)
    expect(nodes.size).toBe(200_000)
    expect(nodes.lon(nodes.find(1_500_000))).toBe(150_000)
  })
})
