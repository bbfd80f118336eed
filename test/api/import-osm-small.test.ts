import { beforeAll, describe, expect, it } from 'vitest'
import { importFiles, type ImportSummary } from '../../server/importers/import.ts'
import { resetMapData, useTestSql } from '../support/db.ts'
import { fixturePath } from '../support/fixture-files.ts'

// osm/small-area.osm (test/support/fixture-files.ts): a hand-made grid where every way proves one rule.
const SMALL_AREA = fixturePath('osm/small-area.osm')
const sql = useTestSql()

describe('importing a small hand-written OSM file', () => {
  let summary: ImportSummary
  beforeAll(async () => {
    await resetMapData(sql)
    summary = await importFiles(sql, 'osm', [SMALL_AREA])
  })

  const edgesOf = (way: number) =>
    sql<{ segment: number; source: number; target: number; lit: string; access: string | null; in_open_space: boolean }[]>`
      SELECT segment, source::float8 AS source, target::float8 AS target, lit, access, in_open_space
      FROM path_edges WHERE osm_way_id = ${way} ORDER BY segment`

  it('splits crossing footways at the node they share', async () => {
    expect((await edgesOf(100)).map((e) => [e.source, e.target])).toEqual([[1, 2], [2, 3]])
    expect((await edgesOf(101)).map((e) => [e.source, e.target])).toEqual([[4, 2], [2, 5]])
  })

  it('cuts a closed footway at its middle so that no edge ends where it starts', async () => {
    expect((await edgesOf(104)).map((e) => [e.source, e.target])).toEqual([[10, 12], [12, 10]])
  })

  it('keeps both parts of a way whose middle node is missing from the extract', async () => {
    expect((await edgesOf(105)).map((e) => [e.segment, e.source, e.target])).toEqual([[0, 20, 21], [1, 22, 23]])
    expect(summary.counts['ways cut by the extract edge']).toBe(1)
  })

  it('leaves out motorways, foot=no and private roads, but keeps private roads open to walkers', async () => {
    for (const way of [102, 106, 107]) expect(await edgesOf(way)).toEqual([])
    expect((await edgesOf(103)).map((e) => e.access)).toEqual(['yes'])
  })

  it('normalises lit to yes, no or unknown', async () => {
    expect((await edgesOf(100)).map((e) => e.lit)).toEqual(['yes', 'yes']) // lit=24/7
    expect((await edgesOf(101)).map((e) => e.lit)).toEqual(['no', 'no']) // lit=disused
    expect((await edgesOf(103)).map((e) => e.lit)).toEqual(['unknown']) // lit=sometimes
  })

  it('stores each edge as a line from its source node to its target node, with its length in metres', async () => {
    const [edge] = await sql<{ wkt: string; length_m: number }[]>`
      SELECT ST_AsText(geom) AS wkt, length_m FROM path_edges WHERE osm_way_id = 100 AND segment = 0`
    expect(edge!.wkt).toBe('LINESTRING(-0.1 51.5,-0.099 51.5)')
    // 0.001° of longitude at 51.5° N is 69.4 m.
    expect(edge!.length_m).toBeCloseTo(69.4, 0)
  })

  it('makes a self-intersecting park valid instead of dropping it', async () => {
    const [park] = await sql<{ valid: boolean; parts: number; kind: string }[]>`
      SELECT ST_IsValid(geom) AS valid, ST_NumGeometries(geom) AS parts, kind FROM open_spaces WHERE source_id = 'way/200'`
    expect(park).toEqual({ valid: true, parts: 2, kind: 'park' })
  })

  it('assembles a multipolygon from split outer ways and cuts out its inner ring', async () => {
    const [garden] = await sql<{ name: string; opening_hours: string; holes: number; kind: string }[]>`
      SELECT name, opening_hours, ST_NumInteriorRings(ST_GeometryN(geom, 1)) AS holes, kind
      FROM open_spaces WHERE source = 'osm' AND source_id = 'relation/300'`
    expect(garden).toEqual({ name: 'Ring Garden', opening_hours: '08:00-dusk', holes: 1, kind: 'garden' })
  })

  it('does not take private gardens or the untagged member ways as open spaces', async () => {
    const rows = await sql<{ source_id: string }[]>`SELECT source_id FROM open_spaces ORDER BY source_id`
    expect(rows.map((r) => r.source_id)).toEqual(['relation/300', 'way/200'])
  })

  it('marks an edge in the garden as in an open space, and one in its hole as not', async () => {
    expect((await edgesOf(108)).map((e) => e.in_open_space)).toEqual([true])
    expect((await edgesOf(109)).map((e) => e.in_open_space)).toEqual([false])
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM path_edges WHERE in_open_space`
    expect(row!.n).toBe(1)
  })

  it('imports street lamps with their node id', async () => {
    const lamps = await sql`SELECT osm_node_id::float8 AS id, ST_AsText(geom) AS wkt FROM street_lamps`
    expect(lamps).toEqual([{ id: 70, wkt: 'POINT(-0.099 51.502)' }])
  })

  it('reports what it read and wrote', () => {
    expect(summary.counts).toMatchObject({ ways: 15, relations: 1, edges: 11, 'open spaces': 2, 'street lamps': 1 })
  })
})
