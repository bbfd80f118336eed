import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { beforeEach, describe, expect, it } from 'vitest'
import { importFiles } from '../../server/importers/import.ts'
import { mapDataChecksums } from '../support/checksums.ts'
import { resetMapData, SHARED_DATA, useTestSql } from '../support/db.ts'

const CITY_CSV = SHARED_DATA + 'police-uk/csv/2018-07-city-of-london-street.csv'
const MET_CSV = SHARED_DATA + 'police-uk/csv/2025-01-metropolitan-street-burglary.csv'
const MERTON_JSON = SHARED_DATA + 'police-uk/api/merton/crimes-street-2016-01.json'
const LONDON_GZ = SHARED_DATA + 'police-uk/api/london-2017/crimes-street-2017-01.json.gz'
const sql = useTestSql()

async function csvRows(file: string) {
  return parse(await readFile(file), { columns: true }) as Record<string, string>[]
}

const countCrimes = async (where = sql`TRUE`) => {
  const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM crimes WHERE ${where}`
  return row!.n
}

describe('importing police.uk bulk CSV files', () => {
  beforeEach(() => resetMapData(sql))

  it('skips and counts the rows that have no coordinates', async () => {
    const rows = await csvRows(CITY_CSV)
    const located = rows.filter((r) => r.Longitude !== '')
    const summary = await importFiles(sql, 'crimes', [CITY_CSV])
    expect(summary.counts).toMatchObject({ crimes: located.length, 'rows without coordinates': rows.length - located.length })
    expect(rows.length - located.length).toBe(81)
  })

  it('keeps rows without a Crime ID, identical ones included, under a content hash', async () => {
    const rows = await csvRows(CITY_CSV)
    const anonymous = rows.filter((r) => r['Crime ID'] === '' && r.Longitude !== '')
    await importFiles(sql, 'crimes', [CITY_CSV])
    expect(await countCrimes(sql`id LIKE 'row:%'`)).toBe(anonymous.length)
    // Two anti-social behaviour reports at the same point in the same month stay two.
    expect(await countCrimes(sql`street = 'On or near Goodman''S Yard' AND category = 'anti-social-behaviour'`)).toBeGreaterThan(1)
  })

  it('stores one crime per Crime ID (police.uk lists one id twice in the City file)', async () => {
    const rows = (await csvRows(CITY_CSV)).filter((r) => r.Longitude !== '')
    const summary = await importFiles(sql, 'crimes', [CITY_CSV])
    const ids = new Set(rows.filter((r) => r['Crime ID'] !== '').map((r) => r['Crime ID']))
    const anonymous = rows.filter((r) => r['Crime ID'] === '').length
    expect(await countCrimes()).toBe(ids.size + anonymous)
    expect(summary.counts['new crimes']).toBe(ids.size + anonymous)
  })

  it('maps crime types to the API category slugs', async () => {
    await importFiles(sql, 'crimes', [CITY_CSV])
    const rows = await sql<{ category: string }[]>`SELECT DISTINCT category FROM crimes ORDER BY category`
    expect(rows.map((r) => r.category)).toEqual([
      'anti-social-behaviour', 'bicycle-theft', 'burglary', 'criminal-damage-arson', 'drugs', 'other-crime', 'other-theft',
      'possession-of-weapons', 'public-order', 'robbery', 'shoplifting', 'theft-from-the-person', 'vehicle-crime', 'violent-crime',
    ])
  })

  it('imports both CSV files in one call with months, outcomes and points', async () => {
    await importFiles(sql, 'crimes', [CITY_CSV, MET_CSV])
    expect(await countCrimes(sql`month = '2025-01-01' AND category = 'burglary'`)).toBe(4445)
    // The first row with a Crime ID, as the file in ../shared/data has it.
    const row = (await csvRows(MET_CSV)).find((r) => r['Crime ID'] && r.Longitude && r['Last outcome category'])!
    const [crime] = await sql<{ month: string; street: string; outcome: string; wkt: string }[]>`
      SELECT month::text AS month, street, outcome, ST_AsText(geom) AS wkt FROM crimes WHERE id = ${row['Crime ID']!}`
    expect(crime).toEqual({
      month: `${row.Month}-01`,
      street: row.Location,
      outcome: row['Last outcome category'],
      wkt: `POINT(${Number(row.Longitude)} ${Number(row.Latitude)})`,
    })
  })

  it('gives the same database when the same files are imported again', async () => {
    await importFiles(sql, 'crimes', [CITY_CSV, MET_CSV])
    const before = await mapDataChecksums(sql)
    const again = await importFiles(sql, 'crimes', [CITY_CSV, MET_CSV])
    expect(again.counts['new crimes']).toBe(0)
    expect(await mapDataChecksums(sql)).toEqual(before)
  })
})

describe('importing police.uk API JSON', () => {
  beforeEach(() => resetMapData(sql))

  it('keys crimes without a persistent id on the API id, and keeps street and month', async () => {
    type ApiCrime = {
      id: number
      persistent_id: string
      month: string
      category: string
      location: { latitude: string; longitude: string; street: { name: string } }
      outcome_status: { category: string } | null
    }
    const crimes = JSON.parse(await readFile(MERTON_JSON, 'utf8')) as ApiCrime[]
    await importFiles(sql, 'crimes', [MERTON_JSON])
    // The first crime without a persistent id, as the file in ../shared/data has it.
    const record = crimes.find((c) => !c.persistent_id && !c.outcome_status)!
    const [crime] = await sql<{ month: string; category: string; street: string; outcome: string | null; wkt: string }[]>`
      SELECT month::text AS month, category, street, outcome, ST_AsText(geom) AS wkt FROM crimes WHERE id = ${`api:${record.id}`}`
    expect(crime).toEqual({
      month: `${record.month}-01`,
      category: record.category,
      street: record.location.street.name,
      outcome: null,
      wkt: `POINT(${Number(record.location.longitude)} ${Number(record.location.latitude)})`,
    })
    const ids = new Set(crimes.map((c) => c.persistent_id || `api:${c.id}`))
    expect(await countCrimes()).toBe(ids.size)
  })

  it('reads a gzipped month of all London and stores each persistent id once', async () => {
    const summary = await importFiles(sql, 'crimes', [LONDON_GZ])
    // 57,702 records; police.uk repeats 2,024 persistent ids (a crime listed once per outcome).
    expect(summary.counts).toMatchObject({ crimes: 57702, 'new crimes': 55678 })
    expect(await countCrimes(sql`month = '2017-01-01'`)).toBe(55678)
    expect(summary.seconds).toBeLessThan(30)
  })

  it('gives the same database when the same file is imported again', async () => {
    await importFiles(sql, 'crimes', [MERTON_JSON])
    const before = await mapDataChecksums(sql)
    const again = await importFiles(sql, 'crimes', [MERTON_JSON])
    expect(again.counts['new crimes']).toBe(0)
    expect(await mapDataChecksums(sql)).toEqual(before)
  })
})
