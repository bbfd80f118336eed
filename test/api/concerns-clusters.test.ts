import Supercluster from 'supercluster'
import { beforeEach, describe, expect, it } from 'vitest'
import { CLUSTER_OPTIONS, clusterIndexes, type ClusterFilter } from '../../server/concerns/clusters/index.ts'
import { createTestApp } from '../support/app.ts'
import { createArea, inArea, insertConcern, json, reportAt } from '../support/concerns.ts'
import { resetConcerns, resetMapData, useTestSql } from '../support/db.ts'
import { createUser, loginAs, resetAccounts } from '../support/users.ts'

const sql = useTestSql()
type App = Awaited<ReturnType<typeof createTestApp>>
type Feature = { id?: number; geometry: { coordinates: [number, number] }; properties: Record<string, unknown> & { pointCount?: number; cluster: boolean } }

const WORLD = '-180,-85,180,85'
const FILTER: ClusterFilter = { publish: 'immediately' }

beforeEach(async () => {
  await resetConcerns(sql)
  await resetAccounts(sql)
  await resetMapData(sql)
  await createArea(sql)
  clusterIndexes(sql).changed()
})

/** `count` concerns spread over ~1 km around the test point, in one statement. */
async function manyConcerns(count: number, category = 'poor_lighting') {
  const [lng, lat] = inArea()
  await sql`
    INSERT INTO concerns (category, time_bands, days, source, geom, cell)
    SELECT ${category}, ARRAY['night'], 'any', 'public', p, concern_cell(p)
    FROM (SELECT ST_SetSRID(ST_MakePoint(${lng} + (i % 100) * 0.0001, ${lat} + (i / 100) * 0.0001), 4326) AS p
          FROM generate_series(0, ${count - 1}) i) s`
  clusterIndexes(sql).changed()
}

async function features(app: App, zoom: number, bbox = WORLD): Promise<Feature[]> {
  const res = await app.request(`/api/concerns/clusters?bbox=${bbox}&zoom=${zoom}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { features: Feature[] }).features
}
const total = (fs: Feature[]) => fs.reduce((n, f) => n + (f.properties.pointCount ?? 1), 0)

async function visibleCount() {
  const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM concerns WHERE NOT hidden AND merged_into IS NULL`
  return row!.n
}

async function report(app: App, at = inArea()) {
  const res = await app.request('/api/concerns', json('POST', reportAt(at)))
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: number }).id
}

async function hide(app: App, id: number) {
  const cookie = await loginAs(app, await createUser(sql, { role: 'officer' }))
  const res = await app.request(`/api/officer/concerns/${id}`, json('PATCH', { hidden: true }, { cookie }))
  expect(res.status).toBe(200)
}

/** Waits until the index has every change (no overlay), so a test can start from a built index. */
const settled = () => clusterIndexes(sql).ready(sql, FILTER, 30_000)

describe('clusters freshness', () => {
  it('shows a new report on the next request, from the overlay while the index rebuilds', async () => {
    const app = await createTestApp(sql)
    await manyConcerns(2000)
    expect(total(await features(app, 10))).toBe(2000)
    const before = await settled()
    const far = inArea(0.02, -0.01) // away from the others: a lone point at every zoom
    const id = await report(app, far)
    const view = await clusterIndexes(sql).get(sql, FILTER)
    expect(view.built).toBe(before.built) // the old index still answers…
    expect(view.overlay?.added.map((a) => a.row[0])).toEqual([id]) // …with the new report on top
    for (const zoom of [0, 10, 14, 20]) expect(total(await features(app, zoom))).toBe(2001)
    const lone = (await features(app, 20)).find((f) => f.id === id)
    expect(lone?.properties).toMatchObject({ cluster: false, id, category: 'poor_lighting', timeBands: ['night'], status: 'new', sample: false })
    // A report next to the others joins their cluster instead of standing alone.
    await report(app, inArea(0.0001, 0.0001))
    const [cluster] = await features(app, 10)
    expect(cluster!.properties).toMatchObject({ cluster: true, pointCount: 2002, categories: { poor_lighting: 2002 } })
  })

  it('drops a hidden concern on the next request, whether lone or inside a cluster', async () => {
    const app = await createTestApp(sql)
    await manyConcerns(500)
    const lone = await insertConcern(sql, { at: inArea(0.03, 0.01), category: 'followed' })
    clusterIndexes(sql).changed()
    expect(total(await features(app, 12))).toBe(501)
    await settled()
    await hide(app, lone)
    const [inCluster] = await sql<{ id: number }[]>`SELECT id FROM concerns WHERE category = 'poor_lighting' ORDER BY id LIMIT 1`
    await hide(app, inCluster!.id)
    for (const zoom of [0, 12, 16, 20]) {
      const fs = await features(app, zoom)
      expect(total(fs)).toBe(499)
      expect(fs.some((f) => f.id === lone || f.id === inCluster!.id)).toBe(false)
      expect(fs.some((f) => f.properties.categories && 'followed' in (f.properties.categories as object))).toBe(false)
    }
  })

  it('leaves the one remaining concern of a cluster as a lone point', async () => {
    const app = await createTestApp(sql)
    const a = await insertConcern(sql, { at: inArea() })
    const b = await insertConcern(sql, { at: inArea(0.0002) })
    clusterIndexes(sql).changed()
    expect((await features(app, 10)).map((f) => f.properties.pointCount)).toEqual([2])
    await settled()
    await hide(app, a)
    const fs = await features(app, 10)
    expect(fs).toHaveLength(1)
    expect(fs[0]).toMatchObject({ id: b, properties: { cluster: false, id: b } })
  })

  it('never counts a concern twice across the overlay and the rebuilt index', async () => {
    const app = await createTestApp(sql)
    await manyConcerns(1500)
    await manyConcerns(300, 'followed')
    await features(app, 10)
    await settled()
    const ids = await sql<{ id: number }[]>`SELECT id FROM concerns ORDER BY id`
    const app2 = await createTestApp(sql)
    for (let i = 0; i < 5; i++) await report(app2, inArea(0.0003 * i, 0.0002 * i))
    for (const k of [3, 50, 700, 1600]) await hide(app, ids[k]!.id)
    // Status and summary changes only move properties, not counts.
    const cookie = await loginAs(app, await createUser(sql, { role: 'officer' }))
    await app.request(`/api/officer/concerns/${ids[10]!.id}`, json('PATCH', { status: 'acknowledged' }, { cookie }))
    const expected = await visibleCount()
    const check = async () => {
      for (const zoom of [0, 8, 11, 13, 15, 16, 17, 20]) {
        const fs = await features(app, zoom)
        expect(total(fs), `zoom ${zoom}`).toBe(expected)
        const lone = fs.filter((f) => !f.properties.cluster).map((f) => f.id)
        expect(new Set(lone).size).toBe(lone.length)
      }
    }
    expect((await clusterIndexes(sql).get(sql, FILTER)).overlay).toBeDefined()
    await check() // from the overlay…
    await settled()
    await check() // …and from the rebuilt index
    const close = await features(app, 20)
    expect(close.find((f) => f.id === ids[10]!.id)?.properties.status).toBe('acknowledged')
  })

  it('answers reads while a build is in progress', async () => {
    const app = await createTestApp(sql)
    await manyConcerns(20_000)
    await features(app, 10)
    const before = await settled()
    await report(app)
    const started = performance.now()
    const view = await clusterIndexes(sql).get(sql, FILTER)
    const answeredIn = performance.now() - started
    // The rebuild of 20,000 concerns has begun, yet the read came from the previous index.
    expect(view.built).toBe(before.built)
    expect(view.overlay).toBeDefined()
    expect(total(await features(app, 10))).toBe(20_001)
    const after = await settled()
    expect(after.built).not.toBe(before.built)
    expect(answeredIn).toBeLessThan(500)
    expect(total(await features(app, 10))).toBe(20_001)
  })

  it('reflects a deletion (sample clean-up) once the index is rebuilt', async () => {
    const app = await createTestApp(sql)
    await manyConcerns(100)
    expect(total(await features(app, 10))).toBe(100)
    await sql`DELETE FROM concerns WHERE id % 2 = 0`
    clusterIndexes(sql).changed()
    expect(total(await features(app, 10))).toBe(50)
  })
})

describe('clusters lone points', () => {
  it('carry the same public properties as the list, before and after a rebuild', async () => {
    const app = await createTestApp(sql)
    const id = await insertConcern(sql, { at: inArea(), category: 'followed', timeBands: ['night', 'early_morning'], description: 'private words' })
    await insertConcern(sql, { at: inArea(0.01), source: 'sample' })
    clusterIndexes(sql).changed()
    const compare = async () => {
      const list = (await (await app.request('/api/concerns?bbox=-0.15,51.6,-0.1,51.65')).json()) as { features: Feature[] }
      const lone = await features(app, 20)
      expect(lone).toHaveLength(2)
      for (const f of lone) {
        const same = list.features.find((l) => l.properties.id === f.id)!
        expect(f.properties).toEqual({ ...same.properties, cluster: false })
        expect(f.geometry).toEqual(same.geometry)
      }
      expect(JSON.stringify(lone)).not.toContain('private words')
    }
    await compare()
    await settled()
    const cookie = await loginAs(app, await createUser(sql, { role: 'officer' }))
    const patch = { status: 'action_planned', publicSummary: 'Lights "out"\nsince May', publicResponse: 'Fixed <b>soon</b>' }
    expect((await app.request(`/api/officer/concerns/${id}`, json('PATCH', patch, { cookie }))).status).toBe(200)
    await compare() // from the overlay
    await settled()
    await compare() // from the rebuilt index
  })
})

describe('clusters match supercluster', () => {
  it('gives the same clusters, counts and expansion zooms as supercluster on the same cells', async () => {
    const app = await createTestApp(sql)
    await manyConcerns(3000)
    const cells = (await sql`SELECT round(ST_X(cell)::numeric, 6)::float8, round(ST_Y(cell)::numeric, 6)::float8 FROM concerns ORDER BY id`.values()) as unknown as [number, number][]
    const raw = new Supercluster(CLUSTER_OPTIONS).load(cells.map(([x, y]) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [x, y] }, properties: {} })))
    for (const zoom of [3, 10, 13, 14, 15, 16, 18]) {
      const ours = await features(app, zoom)
      const theirs = raw.getClusters([-180, -85, 180, 85], zoom)
      expect(ours).toHaveLength(theirs.length)
      const key = (f: { geometry: { coordinates: number[] } }, n: number) => `${f.geometry.coordinates.map((c) => c.toFixed(6)).join(',')}:${n}`
      const mine = ours.map((f) => key(f, f.properties.pointCount ?? 1)).sort()
      const ref = theirs.map((f) => key(f, (f.properties as { point_count?: number }).point_count ?? 1)).sort()
      expect(mine).toEqual(ref)
      for (const f of ours.filter((f) => f.properties.cluster)) {
        expect(f.properties.expansionZoom).toBe(raw.getClusterExpansionZoom(f.properties.clusterId as number))
      }
    }
  })
})
