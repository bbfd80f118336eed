import { beforeAll, describe, expect, it } from 'vitest'
import { importFiles, type ImportSummary } from '../../server/importers/import.ts'
import { mapDataChecksums, openSpaceMarks } from '../support/checksums.ts'
import { resetMapData, SHARED_DATA, useTestSql } from '../support/db.ts'

const PARKS = SHARED_DATA + 'greenspace/london-public-parks.geojson'
const SOUTHGATE = SHARED_DATA + 'osm/north-london-southgate.osm'
const sql = useTestSql()

describe('importing OS Open Greenspace parks', () => {
  let summary: ImportSummary
  beforeAll(async () => {
    await resetMapData(sql)
    await importFiles(sql, 'osm', [SOUTHGATE])
    summary = await importFiles(sql, 'openspaces', [PARKS])
  })

  it('stores all 989 parks as valid multipolygons', async () => {
    const [row] = await sql<{ n: number; valid: number; multi: number }[]>`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE ST_IsValid(geom))::int AS valid,
             count(*) FILTER (WHERE GeometryType(geom) = 'MULTIPOLYGON')::int AS multi
      FROM open_spaces`
    expect(row).toEqual({ n: 989, valid: 989, multi: 989 })
    expect(summary.counts['open spaces']).toBe(989)
  })

  it('keys them on the file name and the dataset id, with kind park', async () => {
    const [park] = await sql<{ source: string; source_id: string; name: string; kind: string }[]>`
      SELECT source, source_id, name, kind FROM open_spaces WHERE source_id = '48F45847-CBE2-534C-E053-2462A00A4944'`
    expect(park).toEqual({
      source: 'london-public-parks',
      source_id: '48F45847-CBE2-534C-E053-2462A00A4944',
      name: 'Havering Country Park',
      kind: 'park',
    })
  })

  it('takes names from distName1 and leaves unnamed sites unnamed rather than calling them "London"', async () => {
    const [row] = await sql<{ london: number; unnamed: number }[]>`
      SELECT count(*) FILTER (WHERE name = 'London')::int AS london, count(*) FILTER (WHERE name IS NULL)::int AS unnamed
      FROM open_spaces`
    expect(row).toEqual({ london: 0, unnamed: 63 })
    const names = await sql<{ name: string }[]>`SELECT name FROM open_spaces WHERE name IN ('Wimbledon Common', 'Grovelands Park')`
    expect(names.map((r) => r.name).sort()).toEqual(['Grovelands Park', 'Wimbledon Common'])
  })

  it('refreshes which Southgate paths run through a park', async () => {
    const row = await openSpaceMarks(sql)
    expect(row.marked).toBeGreaterThan(200)
    expect(row.wrong).toBe(0)
    expect(summary.counts['edges in open spaces']).toBe(row.marked)
  })

  it('uses the name field it is given', async () => {
    await importFiles(sql, 'openspaces', [PARKS], { nameField: 'function' })
    const [row] = await sql<{ names: string[] }[]>`SELECT array_agg(DISTINCT name) AS names FROM open_spaces`
    expect(row!.names).toEqual(['Public Park Or Garden'])
  })

  it('gives the same database when the same file is imported again', async () => {
    await importFiles(sql, 'openspaces', [PARKS])
    const before = await mapDataChecksums(sql)
    const again = await importFiles(sql, 'openspaces', [PARKS])
    expect(again.counts).toEqual(summary.counts)
    expect(await mapDataChecksums(sql)).toEqual(before)
  })
})
