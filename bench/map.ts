/**
 * Map benchmarks on one database (DATABASE_URL, or a fresh embedded PostGIS): import rates of
 * the Southgate XML and the Monaco PBF, basemap tile times at z14–16 over the demo area, and
 * bbox query times. Writes a JSON result to the file named by --out; bench/run.ts compares
 * the embedded and server results of the same run.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createApp } from '../server/app.ts'
import { openDatabase } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import { loadDemoData } from '../server/demo.ts'
import { importFiles } from '../server/importers/import.ts'
import { detectTileEncoder, renderTile, type TileEncoder } from '../server/tiles/tile.ts'
import { tileFor } from '../test/support/tiles.ts'
import { percentile, seededRandom } from './random.ts'

const DATA = new URL('../../shared/data/', import.meta.url).pathname
/** The Southgate demo area (lon/lat), where tiles and boxes are drawn from. */
const AREA = { minLng: -0.1585, minLat: 51.5978, maxLng: -0.0949, maxLat: 51.6316 }
const TILES_PER_ZOOM = 60
const BBOX_QUERIES = 100
const BBOX_SIDE = 0.01
const SEED = 20261121

export type MapBenchResult = { database: 'embedded' | 'server'; encoder: TileEncoder; figures: Record<string, number> }

const { values } = parseArgs({ options: { out: { type: 'string' } } })
const dataDir = process.env.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'cg-bench-'))
const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: dataDir ?? '' })
const figures: Record<string, number> = {}
try {
  await migrate(db.sql)
  await db.sql`TRUNCATE path_edges, open_spaces, street_lamps, boundaries, crimes RESTART IDENTITY`

  for (const [name, file] of [
    ['southgate_xml', 'osm/north-london-southgate.osm'],
    ['monaco_pbf', 'osm/monaco.osm.pbf'],
  ] as const) {
    const summary = await importFiles(db.sql, 'osm', [join(DATA, file)])
    figures[`import_${name}_edges_per_s`] = (summary.counts.edges ?? 0) / summary.seconds
    figures[`import_${name}_seconds`] = summary.seconds
  }
  await loadDemoData(db.sql, DATA, () => {})

  const encoder = await detectTileEncoder(db.sql)
  const random = seededRandom(SEED)
  for (const z of [14, 15, 16]) {
    const times: number[] = []
    for (let i = 0; i < TILES_PER_ZOOM; i++) {
      const lng = AREA.minLng + random() * (AREA.maxLng - AREA.minLng)
      const lat = AREA.minLat + random() * (AREA.maxLat - AREA.minLat)
      const { x, y } = tileFor(lng, lat, z)
      const started = performance.now()
      await renderTile(db.sql, encoder, z, x, y)
      times.push(performance.now() - started)
    }
    figures[`tile_z${z}_p50_ms`] = percentile(times, 50)
    figures[`tile_z${z}_p95_ms`] = percentile(times, 95)
  }

  const app = createApp({ db, tileEncoder: encoder, config: { mapStyleUrl: undefined } })
  for (const endpoint of ['paths', 'crimes']) {
    const times: number[] = []
    for (let i = 0; i < BBOX_QUERIES; i++) {
      const minLng = AREA.minLng + random() * (AREA.maxLng - AREA.minLng - BBOX_SIDE)
      const minLat = AREA.minLat + random() * (AREA.maxLat - AREA.minLat - BBOX_SIDE)
      const bbox = [minLng, minLat, minLng + BBOX_SIDE, minLat + BBOX_SIDE].map((n) => n.toFixed(5)).join(',')
      const started = performance.now()
      const res = await app.request(`/api/${endpoint}?bbox=${bbox}`)
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`/api/${endpoint} answered ${res.status}`)
      times.push(performance.now() - started)
    }
    figures[`bbox_${endpoint}_p50_ms`] = percentile(times, 50)
    figures[`bbox_${endpoint}_p95_ms`] = percentile(times, 95)
  }

  const result: MapBenchResult = { database: db.kind, encoder, figures }
  if (values.out) await writeFile(values.out, JSON.stringify(result, null, 2))
  else console.log(JSON.stringify(result))
} finally {
  await db.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
}

