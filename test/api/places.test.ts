import { beforeAll, describe, expect, it } from 'vitest'
import { importFiles } from '../../server/importers/import.ts'
import type { Place, PlaceWords } from '../../server/places/gazetteer.ts'
import { createTestApp } from '../support/app.ts'
import { resetConcerns, resetMapData, SHARED_DATA, useTestSql } from '../support/db.ts'
import { json, reportAt } from '../support/concerns.ts'

const sql = useTestSql()
type App = Awaited<ReturnType<typeof createTestApp>>
let app: App
/** Southgate station's forecourt: the map's centre a resident near Broomfield Park would have. */
const NEAR = '-0.1281,51.6323'

beforeAll(async () => {
  await resetMapData(sql)
  await resetConcerns(sql)
  await importFiles(sql, 'boundary', [SHARED_DATA + 'boundaries/london-boroughs.geojson'])
  await importFiles(sql, 'openspaces', [SHARED_DATA + 'greenspace/london-public-parks.geojson'])
  await importFiles(sql, 'osm', [SHARED_DATA + 'osm/north-london-southgate.osm'])
  app = await createTestApp(sql)
})

async function search(q: string, extra = `&near=${NEAR}`): Promise<Place[]> {
  const res = await app.request(`/api/places?q=${encodeURIComponent(q)}${extra}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { places: Place[] }).places
}

async function words(lng: number, lat: number): Promise<PlaceWords> {
  const res = await app.request(`/api/places/words?lng=${lng}&lat=${lat}`)
  expect(res.status).toBe(200)
  return (await res.json()) as PlaceWords
}

describe('GET /api/places', () => {
  it('finds a street with two typos and without its apostrophe, as one place in its borough', async () => {
    const [first, ...rest] = await search('aldermens hil')
    expect(first).toMatchObject({ kind: 'street', borough: 'Enfield' })
    expect(first!.name).toMatch(/^Alderman'?s Hill$/)
    // "Alderman's Hill" and "Aldermans Hill" are spellings of one street in the OSM data.
    expect(rest.filter((p) => /alderman'?s hill/i.test(p.name))).toEqual([])
  })

  it('puts the park before streets named after it, and near places before far ones', async () => {
    const found = await search('broomfield')
    expect(found[0]).toMatchObject({ kind: 'open_space', name: 'Broomfield Park', borough: 'Enfield' })
    expect(found.slice(1, 4).map((p) => p.name)).toEqual(expect.arrayContaining(['Broomfield Road', 'Broomfield Avenue']))
  })

  it('finds parks anywhere in London, with a typo, and boroughs by the start of their name', async () => {
    expect((await search('wimbledon comon'))[0]).toMatchObject({ kind: 'open_space', name: 'Wimbledon Common', borough: 'Merton' })
    expect((await search('Enfi'))[0]).toMatchObject({ kind: 'borough', name: 'Enfield', borough: null })
  })

  it('gives a centre on the street itself and bounds around it', async () => {
    const [street] = await search('Aldermans Hill')
    const { lng, lat } = street!.centre
    const [west, south, east, north] = street!.bounds
    expect(lng).toBeGreaterThanOrEqual(west)
    expect(lng).toBeLessThanOrEqual(east)
    expect(lat).toBeGreaterThanOrEqual(south)
    expect(lat).toBeLessThanOrEqual(north)
    const [row] = await sql<{ metres: number }[]>`
      SELECT min(ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography)) AS metres
      FROM path_edges WHERE name IN ('Aldermans Hill', 'Alderman''s Hill')`
    expect(row!.metres).toBeLessThan(1)
  })

  it('keeps two far-apart streets of one name in one borough as two places', async () => {
    const [row] = await sql<{ parts: number; names: number }[]>`
      SELECT count(*)::int AS parts, count(DISTINCT (key, borough))::int AS names FROM places WHERE kind IN ('street', 'path')`
    expect(row!.parts).toBeGreaterThan(row!.names)
  })

  it('is rebuilt by each import and the same after importing the same file again', async () => {
    const before = await sql`SELECT kind, name, borough, ST_AsText(centre) AS centre FROM places ORDER BY id`
    await importFiles(sql, 'osm', [SHARED_DATA + 'osm/north-london-southgate.osm'])
    const after = await sql`SELECT kind, name, borough, ST_AsText(centre) AS centre FROM places ORDER BY id`
    expect(after).toEqual(before)
    expect(before.length).toBeGreaterThan(1000)
  })

  it.each([
    ['', 'nothing asked'],
    ['a', 'one character, while typing'],
    ['   b  ', 'one character with spaces'],
    ['!!', 'only punctuation'],
  ])('answers an empty list to %j (%s)', async (q) => {
    expect(await search(q)).toEqual([])
  })

  it.each([
    ["'; DROP TABLE places; --", 'SQL'],
    ['Łódź Żoliborz', 'accents of another language'],
    ['حديقة', 'Arabic script'],
    ['%_%', 'LIKE wildcards'],
  ])('answers 200 to %j (%s) and changes nothing', async (q) => {
    const found = await search(q)
    expect(Array.isArray(found)).toBe(true)
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM places`
    expect(row!.n).toBeGreaterThan(1000)
  })

  it('does not treat LIKE wildcards as wildcards', async () => {
    expect(await search('%%%')).toEqual([])
  })

  it.each([
    ['q=' + 'x'.repeat(10_000), '10,000 characters'],
    ['q=' + 'x'.repeat(101), 'over 100 characters'],
    ['q=park%00', 'a NUL'],
    ['q=park%0Alane', 'a line feed'],
    ['q=park%1B%5B2J', 'an escape sequence'],
    ['q=park&near=1', 'near with one number'],
    ['q=park&near=a,b', 'near not numbers'],
    ['q=park&near=200,51', 'near out of range'],
    ['q=park&limit=0', 'limit 0'],
    ['q=park&limit=11', 'limit over 10'],
    ['q=park&limit=two', 'limit not a number'],
    ['q=a&q=b', 'q twice'],
  ])('refuses %s (%s) with a 400 in the error shape', async (query) => {
    const res = await app.request(`/api/places?${query}`)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_query', message: expect.any(String) } })
  })
})

describe('GET /api/places/words', () => {
  it('says a point on a street by a park: the street, the park beside it, the borough', async () => {
    const [street] = await search('Aldermans Hill')
    const said = await words(street!.centre.lng, street!.centre.lat)
    expect(said.street?.name).toMatch(/^Alderman'?s Hill$/)
    expect(said.street!.metres).toBeLessThan(5)
    expect(said.borough).toBe('Enfield')
  })

  it('says a point inside a park is in it', async () => {
    const [park] = await search('Broomfield Park')
    expect(await words(park!.centre.lng, park!.centre.lat)).toMatchObject({
      openSpace: { name: 'Broomfield Park', inside: true },
      borough: 'Enfield',
    })
  })

  it('says nothing but the borough far from any named place, and nothing at sea', async () => {
    expect(await words(-0.13334, 51.62584)).toMatchObject({ openSpace: null, borough: 'Enfield' })
    expect(await words(-30, 40)).toEqual({ street: null, openSpace: null, borough: null })
  })

  it.each(['lng=x&lat=51.6', 'lng=-0.1', 'lng=-0.1&lat=91', 'lng=NaN&lat=51.6'])('refuses %s with a 400', async (query) => {
    const res = await app.request(`/api/places/words?${query}`)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_query' } })
  })
})

describe('a receipt says its place in words', () => {
  it('names the street and the park of the report, never its point', async () => {
    const [park] = await search('Broomfield Park')
    const at: [number, number] = [park!.centre.lng, park!.centre.lat]
    const res = await app.request('/api/concerns', json('POST', reportAt(at)))
    expect(res.status).toBe(201)
    const { receipt } = (await res.json()) as { receipt: string }
    const answer = await app.request(`/api/concerns/receipt/${receipt}`)
    const text = await answer.text()
    expect(JSON.parse(text).place).toMatchObject({ openSpace: { name: 'Broomfield Park', inside: true }, borough: 'Enfield' })
    expect(text).not.toContain(String(at[0]).slice(0, 7))
    expect(text).not.toContain(String(at[1]).slice(0, 7))
  })
})
