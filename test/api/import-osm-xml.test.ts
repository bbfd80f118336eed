import { beforeAll, describe, expect, it } from 'vitest'
import { importFiles, type ImportSummary } from '../../server/importers/import.ts'
import type { OsmWay } from '../../server/importers/osm-elements.ts'
import { readOsmXml } from '../../server/importers/osm-xml.ts'
import { mapDataChecksums, mapDataCounts, openSpaceMarks } from '../support/checksums.ts'
import { resetMapData, SHARED_DATA, useTestSql } from '../support/db.ts'
import { lineString } from '@turf/helpers'
import length from '@turf/length'

const SOUTHGATE = SHARED_DATA + 'osm/north-london-southgate.osm'
const CLERKENWELL = SHARED_DATA + 'osm/clerkenwell.osm'
const sql = useTestSql()

/** The ways of a file as the reader gives them, to check the database against the source tags. */
async function waysOf(file: string): Promise<OsmWay[]> {
  const ways: OsmWay[] = []
  for await (const batch of readOsmXml(file)) for (const e of batch) if (e.type === 'way') ways.push(e)
  return ways
}

/** Great-circle length in metres of a GeoJSON line, by turf (an oracle apart from PostGIS). */
const haversineLength = (coordinates: number[][]): number => length(lineString(coordinates), { units: 'meters' })

describe('importing the Southgate OSM XML extract', () => {
  let summary: ImportSummary
  let ways: OsmWay[]
  beforeAll(async () => {
    await resetMapData(sql)
    summary = await importFiles(sql, 'osm', [SOUTHGATE])
    ways = await waysOf(SOUTHGATE)
  })

  it('reads every node and way of the file', () => {
    expect(summary.counts).toMatchObject({ nodes: 13789, ways: 3864, relations: 0 })
  })

  it('builds a network of a plausible size: a few edges per walkable way', async () => {
    const [row] = await sql<{ edges: number; ways: number }[]>`
      SELECT count(*)::int AS edges, count(DISTINCT osm_way_id)::int AS ways FROM path_edges`
    expect(row!.edges).toBe(summary.counts.edges)
    expect(row!.ways).toBeGreaterThan(3400)
    expect(row!.ways).toBeLessThanOrEqual(3822) // the README's count of ways with a walkable highway class
    expect(row!.edges / row!.ways).toBeGreaterThan(1.2)
    expect(row!.edges / row!.ways).toBeLessThan(3)
  })

  it('gives every edge two different end nodes that are the ends of its line', async () => {
    const [row] = await sql<{ loops: number; short: number }[]>`
      SELECT count(*) FILTER (WHERE source = target)::int AS loops,
             count(*) FILTER (WHERE ST_NPoints(geom) < 2)::int AS short
      FROM path_edges`
    expect(row).toEqual({ loops: 0, short: 0 })
  })

  it('joins edges at shared nodes: nearly every edge end is the end of another edge too', async () => {
    const [row] = await sql<{ share: number }[]>`
      WITH ends AS (SELECT source AS node FROM path_edges UNION ALL SELECT target FROM path_edges),
           degree AS (SELECT node, count(*) AS n FROM ends GROUP BY node)
      SELECT avg((n > 1)::int)::float8 AS share FROM degree`
    expect(row!.share).toBeGreaterThan(0.6)
  })

  it('measures lengths in metres on the sphere, summing to a plausible network length', async () => {
    const rows = await sql<{ length_m: number; line: string }[]>`
      SELECT length_m, ST_AsGeoJSON(geom) AS line FROM path_edges ORDER BY osm_way_id, segment`
    let total = 0
    for (const row of rows) {
      const expected = haversineLength((JSON.parse(row.line) as { coordinates: number[][] }).coordinates)
      expect(Math.abs(row.length_m - expected)).toBeLessThanOrEqual(0.005 * expected + 0.01)
      total += row.length_m
    }
    // About 7 km by 4 km of suburb: a couple of hundred kilometres of streets and paths.
    expect(total / 1000).toBeGreaterThan(200)
    expect(total / 1000).toBeLessThan(300)
  })

  it('marks as lit exactly the walkable ways tagged lit=yes (or 24/7, automatic …)', async () => {
    const lit = new Set(ways.filter((w) => ['yes', '24/7', 'automatic', 'limited', 'interval'].includes(w.tags.get('lit') ?? '')).map((w) => w.id))
    const unlit = new Set(ways.filter((w) => ['no', 'disused'].includes(w.tags.get('lit') ?? '')).map((w) => w.id))
    const rows = await sql<{ way: number; lit: string }[]>`SELECT DISTINCT osm_way_id::float8 AS way, lit FROM path_edges`
    for (const row of rows) expect(row.lit).toBe(lit.has(row.way) ? 'yes' : unlit.has(row.way) ? 'no' : 'unknown')
    const tagged = rows.filter((r) => r.lit !== 'unknown').length
    // The file has 1,137 lit tags, a few of them on private or non-walkable ways.
    expect(tagged).toBeGreaterThan(1000)
    expect(tagged).toBeLessThanOrEqual(ways.filter((w) => w.tags.has('lit')).length)
  })

  it('includes most footways, steps and cycleways of the file (the README counts 1,631, 97 and 282 ways)', async () => {
    const rows = await sql<{ highway: string; n: number }[]>`
      SELECT highway, count(DISTINCT osm_way_id)::int AS n FROM path_edges GROUP BY highway`
    const count = Object.fromEntries(rows.map((r) => [r.highway, r.n]))
    expect(count.footway).toBeGreaterThan(1500)
    expect(count.steps).toBeGreaterThan(80)
    expect(count.cycleway).toBeGreaterThan(250)
  })

  it('leaves out ways with access=private unless walkers are allowed', async () => {
    const closed = ways.filter((w) => w.tags.get('access') === 'private' && !['yes', 'designated', 'permissive'].includes(w.tags.get('foot') ?? ''))
    expect(closed.length).toBeGreaterThan(100)
    const [row] = await sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM path_edges WHERE osm_way_id = ANY(${closed.map((w) => w.id)}::bigint[])`
    expect(row!.n).toBe(0)
  })

  it('uses OSM ids: every edge ends at nodes of its own way', async () => {
    const byId = new Map(ways.map((w) => [w.id, w.refs]))
    const rows = await sql<{ way: number; source: number; target: number }[]>`
      SELECT osm_way_id::float8 AS way, source::float8 AS source, target::float8 AS target FROM path_edges`
    for (const row of rows) {
      expect(byId.get(row.way)).toContain(row.source)
      expect(byId.get(row.way)).toContain(row.target)
    }
  })

  it('gives the same database when the same file is imported again', async () => {
    const before = { counts: await mapDataCounts(sql), checksums: await mapDataChecksums(sql) }
    const again = await importFiles(sql, 'osm', [SOUTHGATE])
    expect(again.counts).toEqual(summary.counts)
    expect({ counts: await mapDataCounts(sql), checksums: await mapDataChecksums(sql) }).toEqual(before)
  })
})

describe('importing the Clerkenwell OSM XML export', () => {
  beforeAll(async () => {
    await resetMapData(sql)
    await importFiles(sql, 'osm', [CLERKENWELL])
  })

  it('imports parks drawn as multipolygon relations, with their names', async () => {
    const rows = await sql<{ source_id: string; name: string; kind: string }[]>`
      SELECT source_id, name, kind FROM open_spaces WHERE source_id LIKE 'relation/%' ORDER BY name`
    expect(rows).toEqual([
      { source_id: 'relation/3290054', name: 'Brewery Square', kind: 'park' },
      { source_id: 'relation/2191175', name: 'Spa Fields', kind: 'park' },
    ])
  })

  it('stores every open space as a valid multipolygon with an area', async () => {
    const rows = await sql<{ valid: boolean; type: string; area: number }[]>`
      SELECT ST_IsValid(geom) AS valid, GeometryType(geom) AS type, ST_Area(geom::geography) AS area FROM open_spaces`
    expect(rows.length).toBeGreaterThanOrEqual(5)
    for (const row of rows) {
      expect(row).toMatchObject({ valid: true, type: 'MULTIPOLYGON' })
      expect(row.area).toBeGreaterThan(50)
    }
  })

  it('marks exactly the edges whose midpoint lies in an open space', async () => {
    const row = await openSpaceMarks(sql)
    expect(row.marked).toBeGreaterThan(0)
    expect(row.wrong).toBe(0)
  })
})
