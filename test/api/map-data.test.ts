import { beforeEach, describe, expect, it } from 'vitest'
import { MAX_PATHS } from '../../server/routes/paths.ts'
import { createTestApp } from '../support/app.ts'
import { resetMapData, useTestSql } from '../support/db.ts'
import { createBoundary, createCrime, createOpenSpace, createPathEdge } from '../support/fixtures.ts'

const sql = useTestSql()
const AREA = '-0.13,51.61,-0.12,51.62'

beforeEach(() => resetMapData(sql))

describe('GET /api/paths', () => {
  it('returns the path edges in the bbox as GeoJSON with their lighting and class', async () => {
    await createPathEdge(sql, { coords: [[-0.125, 51.615], [-0.124, 51.616]], lit: 'no', highway: 'footway', name: 'Fox Path' })
    await createPathEdge(sql, { coords: [[-0.2, 51.5], [-0.199, 51.501]] })
    const app = await createTestApp(sql)
    const res = await app.request(`/api/paths?bbox=${AREA}`)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.type).toBe('FeatureCollection')
    expect(body.truncated).toBe(false)
    expect(body.features).toHaveLength(1)
    const [feature] = body.features
    expect(feature.geometry).toEqual({ type: 'LineString', coordinates: [[-0.125, 51.615], [-0.124, 51.616]] })
    expect(feature.properties).toMatchObject({ highway: 'footway', lit: 'no', name: 'Fox Path', inOpenSpace: false })
    expect(feature.properties.lengthMeters).toBeGreaterThan(120)
    expect(feature.properties.lengthMeters).toBeLessThan(135)
  })

  it('returns an empty collection for an empty area', async () => {
    const app = await createTestApp(sql)
    const res = await app.request(`/api/paths?bbox=${AREA}`)
    expect(await res.json()).toEqual({ type: 'FeatureCollection', features: [], truncated: false })
  })

  it('caps the features and says the collection is truncated', async () => {
    await sql`
      INSERT INTO path_edges (osm_way_id, segment, source, target, highway, lit, length_m, geom)
      SELECT i, 0, i * 2, i * 2 + 1, 'footway', 'unknown', 10,
             ST_MakeLine(ST_Point(-0.125 + i * 1e-7, 51.615, 4326), ST_Point(-0.1249 + i * 1e-7, 51.615, 4326))
      FROM generate_series(1, ${MAX_PATHS + 5}) i`
    const app = await createTestApp(sql)
    const body = await (await app.request(`/api/paths?bbox=${AREA}`)).json()
    expect(body.features).toHaveLength(MAX_PATHS)
    expect(body.truncated).toBe(true)
  })
})

describe.each(['paths', 'open-spaces', 'crimes'])('GET /api/%s', (endpoint) => {
  it.each([
    ['missing', ''],
    ['not numbers', '?bbox=a,b,c,d'],
    ['three numbers', '?bbox=-0.13,51.61,-0.12'],
    ['inverted', '?bbox=-0.12,51.61,-0.13,51.62'],
    ['out of range', '?bbox=-190,51.61,-0.12,51.62'],
    ['too large', '?bbox=-1,51,0,52'],
    ['empty values', '?bbox=,,,'],
    ['NaN', '?bbox=NaN,51.61,-0.12,51.62'],
  ])('rejects a %s bbox with 400 and the one error shape', async (_, query) => {
    const app = await createTestApp(sql)
    const res = await app.request(`/api/${endpoint}${query}`)
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.code).toBe('invalid_query')
    expect(body.error.message).toMatch(/bbox/)
  })
})

describe('GET /api/open-spaces', () => {
  it('returns the open spaces that touch the bbox with name, kind and opening hours', async () => {
    await createOpenSpace(sql, { corner: [-0.126, 51.612], size: 0.002, name: 'Grovelands Park', openingHours: 'Mo-Su 07:30-dusk' })
    await createOpenSpace(sql, { corner: [-0.3, 51.4], size: 0.002, name: 'Far Park' })
    const app = await createTestApp(sql)
    const body = await (await app.request(`/api/open-spaces?bbox=${AREA}`)).json()
    expect(body.features).toHaveLength(1)
    expect(body.features[0].geometry.type).toBe('MultiPolygon')
    expect(body.features[0].properties).toMatchObject({ name: 'Grovelands Park', kind: 'park', openingHours: 'Mo-Su 07:30-dusk' })
  })
})

describe('GET /api/crimes', () => {
  it('filters recorded crime by bbox, month range and category', async () => {
    await createCrime(sql, { at: [-0.125, 51.615], month: '2017-01', category: 'burglary' })
    await createCrime(sql, { at: [-0.125, 51.615], month: '2017-06', category: 'burglary', street: 'On or near Fox Lane' })
    await createCrime(sql, { at: [-0.125, 51.615], month: '2017-06', category: 'violent-crime' })
    await createCrime(sql, { at: [-0.3, 51.4], month: '2017-06', category: 'burglary' })
    const app = await createTestApp(sql)
    const body = await (await app.request(`/api/crimes?bbox=${AREA}&from=2017-03&to=2017-12&category=burglary`)).json()
    expect(body.features).toHaveLength(1)
    expect(body.features[0].properties).toMatchObject({ month: '2017-06', category: 'burglary', street: 'On or near Fox Lane' })
    expect(body.features[0].geometry).toEqual({ type: 'Point', coordinates: [-0.125, 51.615] })
  })

  it.each([
    ['a month that is not YYYY-MM', 'from=2017-13'],
    ['from after to', 'from=2018-01&to=2017-01'],
    ['a category that is not a slug', 'category=DROP%20TABLE'],
  ])('rejects %s with 400', async (_, query) => {
    const app = await createTestApp(sql)
    const res = await app.request(`/api/crimes?bbox=${AREA}&${query}`)
    expect(res.status).toBe(400)
    expect((await res.json()).error.code).toBe('invalid_query')
  })
})

describe('GET /api/map', () => {
  it('opens on the extent of the path network and counts what is loaded', async () => {
    await createPathEdge(sql, { coords: [[-0.125, 51.615], [-0.124, 51.616]] })
    await createBoundary(sql, { corner: [-0.2, 51.5], size: 0.1, name: 'Enfield' })
    const app = await createTestApp(sql, { mapStyleUrl: 'https://example.org/style.json' })
    const body = await (await app.request('/api/map')).json()
    expect(body.bounds).toEqual([-0.125, 51.615, -0.124, 51.616])
    expect(body.styleUrl).toBe('https://example.org/style.json')
    expect(body.counts).toEqual({ paths: 1, openSpaces: 0, crimes: 0, boundaries: 1 })
  })

  it("gives the server's settings the front end must not restate, COVERAGE_METRES included", async () => {
    const app = await createTestApp(sql, { coverageMetres: 200 })
    expect((await (await app.request('/api/map')).json()).settings).toEqual({
      coverageMetres: 200,
      loopMetres: { min: 1000, max: 42_195 },
      nearPatrol: { metres: 500, days: 14 },
      maxBboxDegrees: { list: 0.1, patrols: 0.5 },
    })
  })

  it('has no bounds when nothing is imported', async () => {
    const app = await createTestApp(sql)
    expect((await (await app.request('/api/map')).json()).bounds).toBeNull()
  })
})
