import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { openDatabase, type Database } from '../../server/db/database.ts'
import { migrate } from '../../server/db/migrate.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    databaseKind: 'embedded' | 'server'
  }
}

/**
 * One PostGIS for the whole API run: the server in DATABASE_URL when set, otherwise an
 * embedded PGlite in a fresh folder, served on a loopback socket that test files connect to.
 */
export default async function setup(project: TestProject) {
  let database: Database
  let dataDir: string | undefined
  if (process.env.DATABASE_URL) {
    database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '' })
  } else {
    dataDir = await mkdtemp(join(tmpdir(), 'common-ground-test-'))
    database = await openDatabase({ databaseUrl: undefined, dataDir })
  }
  await migrate(database.sql)
  project.provide('databaseUrl', database.url)
  project.provide('databaseKind', database.kind)
  return async () => {
    await database.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  }
}
