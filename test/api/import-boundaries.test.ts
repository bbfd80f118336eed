import { beforeAll, describe, expect, it } from 'vitest'
import { importFiles } from '../../server/importers/import.ts'
import { mapDataChecksums } from '../support/checksums.ts'
import { resetMapData, SHARED_DATA, useTestSql } from '../support/db.ts'

const BOROUGHS = SHARED_DATA + 'boundaries/london-boroughs.geojson'
const sql = useTestSql()

describe('importing the London boroughs', () => {
  beforeAll(async () => {
    await resetMapData(sql)
    await importFiles(sql, 'boundary', [BOROUGHS])
  })

  it('stores the 33 boroughs as valid multipolygons', async () => {
    const [row] = await sql<{ n: number; valid: number }[]>`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE ST_IsValid(geom) AND GeometryType(geom) = 'MULTIPOLYGON')::int AS valid
      FROM boundaries`
    expect(row).toEqual({ n: 33, valid: 33 })
  })

  it('keys Merton on its GSS code E09000024 and puts Wimbledon inside it', async () => {
    const [merton] = await sql<{ name: string; has_wimbledon: boolean; km2: number }[]>`
      SELECT name, ST_Intersects(geom, ST_SetSRID(ST_MakePoint(-0.2064, 51.4214), 4326)) AS has_wimbledon,
             ST_Area(geom::geography) / 1e6 AS km2
      FROM boundaries WHERE code = 'E09000024'`
    expect(merton!.name).toBe('Merton')
    expect(merton!.has_wimbledon).toBe(true)
    expect(merton!.km2).toBeCloseTo(37.6, 0)
  })

  it('gives the same database when the same file is imported again', async () => {
    const before = await mapDataChecksums(sql)
    await importFiles(sql, 'boundary', [BOROUGHS])
    expect(await mapDataChecksums(sql)).toEqual(before)
  })
})
