import { ConfigError, loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { removeSampleConcerns } from '../concerns/samples.ts'
import { demoBundleExists, loadDemoData } from '../demo.ts'

/**
 * `npm run seed`: loads the demo area (Southgate, north London) from DEMO_DATA_DIR into the
 * database, whether or not it is empty. Imports are idempotent, so seeding twice changes nothing.
 * Works while the server runs on the embedded database: it connects through its socket.
 * `npm run seed -- --remove-samples` deletes the sample concerns instead, and nothing else.
 */
async function main(args: string[]): Promise<number> {
  const config = loadConfig()
  const unknown = args.filter((a) => a !== '--remove-samples')
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown[0]}. Usage: npm run seed [-- --remove-samples]`)
    return 1
  }
  if (args.includes('--remove-samples')) {
    const database = await openDatabase(config)
    try {
      await migrate(database.sql)
      console.log(`Removed ${await removeSampleConcerns(database.sql)} sample concerns.`)
      return 0
    } finally {
      await database.close()
    }
  }
  if (!demoBundleExists(config.demoDataDir)) {
    console.error(`No demo data bundle in ${config.demoDataDir} (set DEMO_DATA_DIR to the folder with osm/, greenspace/, …).`)
    return 1
  }
  const database = await openDatabase(config)
  try {
    await migrate(database.sql)
    console.log(`Loading the demo area (Southgate, north London) from ${config.demoDataDir}:`)
    await loadDemoData(database.sql, config.demoDataDir, (line) => console.log(line))
    return 0
  } finally {
    await database.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error)
    process.exit(1)
  },
)
