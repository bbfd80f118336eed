/**
 * Concern benchmarks on one database (DATABASE_URL, or a fresh embedded PostGIS):
 * - the clusters endpoint at zooms 10–16 for 10k / 100k / 1M concerns, against raw
 *   supercluster.getClusters over the same cells in the same run (the reference);
 * - how long a new report takes to show in the clusters (overlay), to be in a rebuilt index
 *   (worker), and read latency all that time;
 * - POST /api/concerns throughput and p99 over HTTP with autocannon.
 * Concerns are placed (seeded) along the Southgate path network for 10k and 100k, and at the
 * 771k London 2017 police.uk crime points (plus jittered copies up to 1M) for the big case.
 * Writes a JSON result to --out; bench/run.ts compares the databases.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { gunzipSync } from 'node:zlib'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import autocannon from 'autocannon'
import Supercluster from 'supercluster'
import { createApp } from '../server/app.ts'
import { CLUSTER_OPTIONS, clusterIndexes } from '../server/concerns/clusters/index.ts'
import { openDatabase, type Sql } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import { importFiles } from '../server/importers/import.ts'
import { detectTileEncoder } from '../server/tiles/tile.ts'
import { percentile, seededRandom } from './random.ts'
import { alongPaths, insertConcerns } from './seed.ts'

const DATA = new URL('../../shared/data/', import.meta.url).pathname
const SEED = 20261121
const VIEWS_PER_ZOOM = 40
const ZOOMS = [10, 11, 12, 13, 14, 15, 16]
/** Inside the demo area, where the path network and the boroughs are imported. */
const SOUTHGATE: [number, number] = [-0.1276, 51.6165]
const reportBody = (lng: number, lat: number) =>
  JSON.stringify({ location: { lng, lat }, category: 'poor_lighting', when: { timeBands: ['night'], days: 'any' } })

const { values } = parseArgs({ options: { out: { type: 'string' }, sizes: { type: 'string', default: '10000,100000,1000000' } } })
const sizes = values.sizes!.split(',').map(Number)
const dataDir = process.env.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'cg-bench-'))
const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: dataDir ?? '' })
const figures: Record<string, number> = {}
const random = seededRandom(SEED)
let crimePoints: [number, number][] | undefined
try {
  const sql = db.sql
  await migrate(sql)
  await sql`TRUNCATE concerns, path_edges, boundaries CASCADE`
  await importFiles(sql, 'boundary', [join(DATA, 'boundaries/london-boroughs.geojson')])
  await importFiles(sql, 'osm', [join(DATA, 'osm/north-london-southgate.osm')])
  const app = createApp({
    db,
    tileEncoder: await detectTileEncoder(sql),
    // The limiter still runs (its SQL is part of the cost) but lets the benchmark's one address through.
    config: { mapStyleUrl: undefined, reportsPerClient: 1_000_000 },
  })

  let placed = 0
  for (const size of sizes) {
    const points = size <= 100_000 ? await alongPaths(sql, size - placed, random) : await atCrimePoints(size - placed)
    await insertConcerns(sql, points, random)
    placed = size
    await clusterFigures(sql, app, size)
  }
  await freshness(sql, app, placed)
  await postThroughput(app)

  const result = { database: db.kind, sizes, figures }
  if (values.out) await writeFile(values.out, JSON.stringify(result, null, 2))
  else console.log(JSON.stringify(result))
} finally {
  await db.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
}

type App = ReturnType<typeof createApp>

/** The London 2017 police.uk crime points, then seeded copies jittered by up to ~50 m. */
async function atCrimePoints(count: number): Promise<[number, number][]> {
  if (!crimePoints) {
    crimePoints = []
    const dir = join(DATA, 'police-uk/api/london-2017')
    for (const file of (await readdir(dir)).sort()) {
      const crimes = JSON.parse(gunzipSync(await readFile(join(dir, file))).toString('utf8')) as {
        location: { latitude: string; longitude: string }
      }[]
      for (const c of crimes) crimePoints.push([Number(c.location.longitude), Number(c.location.latitude)])
    }
  }
  return Array.from({ length: count }, (_, i) => {
    const [lng, lat] = crimePoints![i % crimePoints!.length]!
    return i < crimePoints!.length ? [lng, lat] : [lng + (random() - 0.5) * 0.0014, lat + (random() - 0.5) * 0.0009]
  })
}

/** A 1280×800 px view at zoom z around a seeded concern. */
function viewAround([lng, lat]: [number, number], z: number): [number, number, number, number] {
  const width = (1280 / 256) * (360 / 2 ** z)
  const height = width * (800 / 1280) * Math.cos((lat * Math.PI) / 180)
  return [lng - width / 2, lat - height / 2, lng + width / 2, lat + height / 2]
}

async function clusterFigures(sql: Sql, app: App, size: number) {
  const cells = (await sql`SELECT ST_X(cell), ST_Y(cell) FROM concerns`.values()) as unknown as [number, number][]
  let started = performance.now()
  const raw = new Supercluster(CLUSTER_OPTIONS).load(
    cells.map(([x, y]) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [x, y] }, properties: {} })),
  )
  figures[`clusters_${size}_raw_index_build_ms`] = performance.now() - started

  const first = cells[0]!
  started = performance.now()
  await (await app.request(`/api/concerns/clusters?bbox=${viewAround(first, 12).join(',')}&zoom=12`)).arrayBuffer()
  figures[`clusters_${size}_endpoint_first_request_ms`] = performance.now() - started
  // The figures below are for an index that has every concern: wait for the rebuild to finish.
  await clusterIndexes(sql).ready(sql, { publish: 'immediately' })
  figures[`clusters_${size}_endpoint_index_ready_ms`] = performance.now() - started

  for (const z of ZOOMS) {
    const endpoint: number[] = []
    const reference: number[] = []
    for (let i = 0; i < VIEWS_PER_ZOOM; i++) {
      const bbox = viewAround(cells[Math.floor(random() * cells.length)]!, z)
      let t = performance.now()
      const res = await app.request(`/api/concerns/clusters?bbox=${bbox.map((n) => n.toFixed(6)).join(',')}&zoom=${z}`)
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`clusters answered ${res.status}`)
      endpoint.push(performance.now() - t)
      t = performance.now()
      raw.getClusters(bbox, z)
      reference.push(performance.now() - t)
    }
    figures[`clusters_${size}_z${z}_p50_ms`] = percentile(endpoint, 50)
    figures[`clusters_${size}_z${z}_p95_ms`] = percentile(endpoint, 95)
    figures[`clusters_${size}_z${z}_raw_p50_ms`] = percentile(reference, 50)
    figures[`clusters_${size}_z${z}_raw_p95_ms`] = percentile(reference, 95)
  }
}

/**
 * A new report: how long until the clusters around it count it, how long until the index is
 * rebuilt with it (the overlay no longer needed), and how long reads take all that time.
 */
async function freshness(sql: Sql, app: App, size: number) {
  const [lng, lat] = [SOUTHGATE[0] + 0.0123, SOUTHGATE[1] - 0.0071]
  const bbox = viewAround([lng, lat], 16).join(',')
  const count = async () => {
    const body = (await (await app.request(`/api/concerns/clusters?bbox=${bbox}&zoom=16`)).json()) as {
      features: { properties: { pointCount?: number } }[]
    }
    return body.features.reduce((sum, f) => sum + (f.properties.pointCount ?? 1), 0)
  }
  const before = await count()
  const indexes = clusterIndexes(sql)
  const { built } = await indexes.get(sql, { publish: 'immediately' })
  const started = performance.now()
  const res = await app.request('/api/concerns', { method: 'POST', headers: { 'content-type': 'application/json' }, body: reportBody(lng, lat) })
  if (res.status !== 201) throw new Error(`report answered ${res.status}`)
  const reads: number[] = []
  let visibleAfter: number | undefined
  for (;;) {
    const t = performance.now()
    const now = await count()
    reads.push(performance.now() - t)
    if (now > before && visibleAfter === undefined) visibleAfter = performance.now() - started
    // Done once the clusters count it from a rebuilt index (the build runs in a worker meanwhile).
    if (visibleAfter !== undefined && (await indexes.get(sql, { publish: 'immediately' })).built !== built) break
    if (performance.now() - started > 60_000) throw new Error('the new report was not indexed within 60 s')
    // A map client's pace, not a busy loop: reads every few ms.
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  figures[`fresh_${size}_visible_after_ms`] = visibleAfter!
  figures[`fresh_${size}_rebuilt_after_ms`] = performance.now() - started
  figures[`fresh_${size}_reads_meanwhile_max_ms`] = Math.max(...reads)
  figures[`fresh_${size}_reads_meanwhile_p50_ms`] = percentile(reads, 50)
  figures[`fresh_${size}_reads_meanwhile_count`] = reads.length
}

/** POST /api/concerns over HTTP: 10 connections for 10 s, points spread over Southgate. */
async function postThroughput(app: App) {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  const bodies = Array.from({ length: 500 }, () => reportBody(SOUTHGATE[0] + (random() - 0.5) * 0.04, SOUTHGATE[1] + (random() - 0.5) * 0.02))
  let k = 0
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/concerns`,
    connections: 10,
    duration: 10,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: bodies[k++ % bodies.length] }),
      },
    ],
  })
  // Let the requests autocannon cut off at the deadline finish before the database closes.
  await new Promise((resolve) => setTimeout(resolve, 1000))
  await new Promise((resolve) => server.close(resolve))
  figures.post_requests_per_s = result.requests.average
  figures.post_p50_ms = result.latency.p50
  figures.post_p99_ms = result.latency.p99
  figures.post_non_2xx = result.non2xx
  figures.post_errors = result.errors
}
