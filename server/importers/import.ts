import { access, constants } from 'node:fs/promises'
import type { Sql } from '../db/database.ts'
import { importBoundaryFiles } from './boundaries.ts'
import { importCrimeFiles } from './crimes.ts'
import { ImportError } from './import-error.ts'
import { importOpenSpaceFiles } from './open-spaces.ts'
import { importOsmFiles } from './osm.ts'
import { ProgressMeter, type OnProgress } from './progress.ts'

export { ImportError } from './import-error.ts'
export type { ImportProgress } from './progress.ts'

export type ImportKind = 'osm' | 'openspaces' | 'crimes' | 'boundary'
export const IMPORT_KINDS: ImportKind[] = ['osm', 'openspaces', 'crimes', 'boundary']
/** The tables each kind of import writes. */
const TABLES: Record<ImportKind, string[]> = {
  osm: ['path_edges', 'open_spaces', 'street_lamps', 'places'],
  openspaces: ['open_spaces', 'path_edges', 'places'],
  crimes: ['crimes'],
  boundary: ['boundaries', 'places'],
}

/**
 * What an import did. `counts` are named for people ('edges', 'open spaces', 'rows without
 * coordinates', …); 'edges in open spaces' counts the whole table, since it is refreshed for all.
 */
export type ImportSummary = { kind: ImportKind; files: string[]; counts: Record<string, number>; seconds: number }

export type ImportOptions = {
  /** Called at most twice a second with the running count of what is being read or written. */
  onProgress?: OnProgress
  /** The GeoJSON property holding names (openspaces, boundary). */
  nameField?: string
}

/**
 * Imports files of one kind in one transaction: either all of them land or, when one is
 * malformed (an ImportError naming the file and line or feature), nothing does. Importing the
 * same files again leaves the same database.
 */
export async function importFiles(sql: Sql, kind: ImportKind, files: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now()
  for (const file of files) {
    await access(file, constants.R_OK).catch((error: NodeJS.ErrnoException) => {
      throw new ImportError(file, 'file', error.code === 'ENOENT' ? 'no such file' : `cannot read (${error.code})`)
    })
  }
  const meter = new ProgressMeter(options.onProgress)
  const settings = { meter, nameField: options.nameField }
  const counts = await importerOf(kind)(sql, files, settings)
  meter.flush()
  // The planner's statistics of a table loaded in bulk are stale until autovacuum gets to it,
  // and the embedded PGlite has no autovacuum at all: bring them up to date now.
  await sql`ANALYZE ${sql(TABLES[kind])}`
  return { kind, files, counts, seconds: (performance.now() - started) / 1000 }
}

function importerOf(kind: ImportKind) {
  switch (kind) {
    case 'osm':
      return importOsmFiles
    case 'openspaces':
      return importOpenSpaceFiles
    case 'crimes':
      return importCrimeFiles
    case 'boundary':
      return importBoundaryFiles
    default:
      throw new Error(`Unknown import kind ${JSON.stringify(kind)}: expected one of ${IMPORT_KINDS.join(', ')}`)
  }
}
