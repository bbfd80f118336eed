import { beforeAll, describe, expect, it } from 'vitest'
import { addSampleConcerns, removeSampleConcerns } from '../../server/concerns/samples.ts'
import { createTestApp } from '../support/app.ts'
import { AREA, createArea, inArea, insertConcern } from '../support/concerns.ts'
import { createPathEdge } from '../support/fixtures.ts'
import { resetConcerns, resetMapData, useTestSql } from '../support/db.ts'
import { createUser, loginAs, resetAccounts } from '../support/users.ts'

const sql = useTestSql()

beforeAll(async () => {
  await resetConcerns(sql)
  await resetAccounts(sql)
  await resetMapData(sql)
  await createArea(sql)
  const [x, y] = AREA.corner
  // An unlit footpath, a lit residential street and a main road, all inside the area…
  await createPathEdge(sql, { coords: [[x + 0.01, y + 0.01], [x + 0.02, y + 0.01]], lit: 'no' })
  await createPathEdge(sql, { coords: [[x + 0.01, y + 0.02], [x + 0.02, y + 0.02]], highway: 'residential', lit: 'yes' })
  await createPathEdge(sql, { coords: [[x + 0.01, y + 0.03], [x + 0.02, y + 0.03]], highway: 'primary', lit: 'yes' })
  // …and one far outside it, which must get none.
  await createPathEdge(sql, { coords: [[-2.5, 53.4], [-2.49, 53.4]], lit: 'no' })
})

type Row = { category: string; bands: string[]; lat: number; lng: number; source: string }
const samples = () =>
  sql<Row[]>`SELECT category, time_bands AS bands, ST_Y(geom) AS lat, ST_X(geom) AS lng, source FROM concerns WHERE source = 'sample' ORDER BY id`

describe('sample concerns', () => {
  it('places the same concerns along the paths inside the area for the same seed', async () => {
    expect(await addSampleConcerns(sql, { count: 300, seed: 7 })).toBe(300)
    const first = await samples()
    expect(first).toHaveLength(300)
    expect(first.every((r) => r.lng > AREA.corner[0] && r.lng < AREA.corner[0] + AREA.size)).toBe(true)
    // Re-seeding replaces them rather than adding more.
    expect(await addSampleConcerns(sql, { count: 300, seed: 7 })).toBe(300)
    expect(await samples()).toEqual(first)
  })

  it('gives a plausible mix: poor lighting at night on the unlit path, harassment on the main road', async () => {
    await addSampleConcerns(sql, { count: 300, seed: 7 })
    const rows = await samples()
    const y = AREA.corner[1]
    const unlit = rows.filter((r) => Math.abs(r.lat - (y + 0.01)) < 1e-6)
    const main = rows.filter((r) => Math.abs(r.lat - (y + 0.03)) < 1e-6)
    const lighting = unlit.filter((r) => r.category === 'poor_lighting')
    expect(lighting.length / unlit.length).toBeGreaterThan(0.4)
    expect(lighting.every((r) => !r.bands.includes('daytime'))).toBe(true)
    expect(main.filter((r) => /harassment|followed/.test(r.category)).length / main.length).toBeGreaterThan(0.4)
  })

  it('marks them sample in public answers and keeps them out of the export', async () => {
    await addSampleConcerns(sql, { count: 300, seed: 7 })
    const app = await createTestApp(sql)
    const list = await (await app.request('/api/concerns?bbox=-0.15,51.6,-0.1,51.65')).json()
    expect(list.features.length).toBe(300)
    expect(list.features.every((f: { properties: { sample: boolean } }) => f.properties.sample)).toBe(true)
    const clusters = await (await app.request('/api/concerns/clusters?bbox=-1,51,1,52&zoom=8')).json()
    expect(clusters.features[0].properties).toMatchObject({ pointCount: 300, sampleCount: 300 })
    const cookie = await loginAs(app, await createUser(sql, { role: 'officer' }))
    const csv = await (await app.request('/api/officer/concerns?format=csv&includeSamples=true', { headers: { cookie } })).text()
    expect(csv.trim().split('\r\n')).toHaveLength(1) // the header only
  })

  it('--remove-samples deletes the samples and nothing else', async () => {
    await addSampleConcerns(sql, { count: 50, seed: 1 })
    const real = await insertConcern(sql, { at: inArea() })
    expect(await removeSampleConcerns(sql)).toBe(50)
    const left = await sql<{ id: number }[]>`SELECT id FROM concerns`
    expect(left.map((r) => r.id)).toEqual([real])
  })
})
