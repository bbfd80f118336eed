import { parseArgs } from 'node:util'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { IMPORT_KINDS, ImportError, importFiles, type ImportKind } from '../importers/import.ts'
import { formatProgress } from '../importers/progress.ts'

const USAGE = `Usage: npm run import -- <kind> <file...> [--name-field FIELD]

Kinds:
  osm         OpenStreetMap .osm (XML) or .osm.pbf: path network, open spaces, street lamps
  openspaces  GeoJSON polygons of parks (e.g. OS Open Greenspace)
  crimes      police.uk bulk *-street.csv, or API .json / .json.gz
  boundary    GeoJSON polygons of boroughs or a force area

Options:
  --name-field FIELD  the GeoJSON property holding names (openspaces, boundary)
  -h, --help          show this text

All files of one call are imported in one transaction: a malformed file stops the import and
nothing is written. The database is DATABASE_URL, or the embedded one in DATA_DIR.`

const numbers = new Intl.NumberFormat('en-GB')

async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'name-field': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    })
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (parsed.values.help) {
    console.log(USAGE)
    return 0
  }
  const [kind, ...files] = parsed.positionals
  if (!kind || !IMPORT_KINDS.includes(kind as ImportKind) || files.length === 0) {
    console.error(`${kind && !IMPORT_KINDS.includes(kind as ImportKind) ? `Unknown kind "${kind}".` : 'Give a kind and at least one file.'}\n\n${USAGE}`)
    return 2
  }

  const config = loadConfig()
  const database = await openDatabase(config)
  try {
    await migrate(database.sql)
    const summary = await importFiles(database.sql, kind as ImportKind, files, {
      nameField: parsed.values['name-field'],
      onProgress: (p) => console.error(formatProgress(kind, p)),
    })
    console.log(`Imported ${kind} from ${files.length} file${files.length === 1 ? '' : 's'} in ${summary.seconds.toFixed(1)} s:`)
    for (const [what, n] of Object.entries(summary.counts)) console.log(`  ${numbers.format(n).padStart(9)} ${what}`)
    return 0
  } catch (error) {
    if (!(error instanceof ImportError)) throw error
    console.error(`Import failed: ${error.message}\nNothing was written.`)
    return 1
  } finally {
    await database.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: Error) => {
    console.error(`Import failed: ${error.message}`)
    process.exitCode = 1
  },
)
