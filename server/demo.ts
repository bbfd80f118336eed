import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sql } from './db/database.ts'
import { addSampleConcerns } from './concerns/samples.ts'
import { importFiles, type ImportKind, type ImportSummary } from './importers/import.ts'

/** The demo area: Southgate, north London, the one place the bundle has all four layers for. */
const DEMO_FILES: { kind: ImportKind; paths: (dir: string) => Promise<string[]> }[] = [
  { kind: 'boundary', paths: async (dir) => [join(dir, 'boundaries/london-boroughs.geojson')] },
  { kind: 'openspaces', paths: async (dir) => [join(dir, 'greenspace/london-public-parks.geojson')] },
  { kind: 'osm', paths: async (dir) => [join(dir, 'osm/north-london-southgate.osm')] },
  {
    kind: 'crimes',
    paths: async (dir) => {
      const folder = join(dir, 'police-uk/api/southgate')
      return (await readdir(folder)).filter((f) => f.endsWith('.json')).sort().map((f) => join(folder, f))
    },
  },
]

export function demoBundleExists(demoDataDir: string): boolean {
  return existsSync(join(demoDataDir, 'osm/north-london-southgate.osm'))
}

/** True when nothing has been imported yet. */
export async function isEmpty(sql: Sql): Promise<boolean> {
  const [row] = await sql<{ empty: boolean }[]>`
    SELECT NOT (EXISTS (SELECT FROM path_edges) OR EXISTS (SELECT FROM open_spaces)
             OR EXISTS (SELECT FROM boundaries) OR EXISTS (SELECT FROM crimes)) AS empty`
  return row!.empty
}

/**
 * Whether the server should load the demo at start: into an empty database ('fresh'), or again
 * when a load was started and never completed ('unfinished': the process was killed meanwhile).
 */
export async function demoToLoad(sql: Sql): Promise<'fresh' | 'unfinished' | null> {
  const [row] = await sql<{ completed: boolean }[]>`SELECT completed_at IS NOT NULL AS completed FROM demo_load`
  if (row && !row.completed) return 'unfinished'
  return (await isEmpty(sql)) ? 'fresh' : null
}

/**
 * Imports the demo area from the bundle. Each kind is its own transaction and re-runs are
 * idempotent, so the load is resumable rather than one transaction: it is marked started before
 * the first import and completed after the last, and a start that finds it unfinished loads it
 * again (demoToLoad), which completes it.
 */
export async function loadDemoData(sql: Sql, demoDataDir: string, log: (line: string) => void): Promise<ImportSummary[]> {
  await sql`
    INSERT INTO demo_load (started_at, completed_at) VALUES (now(), NULL)
    ON CONFLICT (only_row) DO UPDATE SET started_at = now(), completed_at = NULL`
  const summaries: ImportSummary[] = []
  for (const step of DEMO_FILES) {
    const summary = await importFiles(sql, step.kind, await step.paths(demoDataDir))
    log(`  ${step.kind.padEnd(10)} ${describeCounts(summary.counts)} (${summary.seconds.toFixed(1)} s)`)
    summaries.push(summary)
  }
  // After the paths and boundaries they are placed on; re-seeding replaces them, so still idempotent.
  const samples = await addSampleConcerns(sql)
  log(`  ${'concerns'.padEnd(10)} ${samples} sample concerns (source 'sample'; remove with npm run seed -- --remove-samples)`)
  await sql`UPDATE demo_load SET completed_at = now()`
  return summaries
}

export function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([what, n]) => `${n.toLocaleString('en-GB')} ${what}`)
    .join(', ')
}

export const HOW_TO_IMPORT = [
  'The database is empty. Import an area with, for example:',
  '  npm run import -- osm path/to/area.osm.pbf',
  '  npm run import -- openspaces path/to/parks.geojson',
  '  npm run import -- boundary path/to/boroughs.geojson',
  '  npm run import -- crimes path/to/2025-01-metropolitan-street.csv',
  'or put the open data bundle in DEMO_DATA_DIR and run: npm run seed',
].join('\n')
