import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { loadConfig } from '../../server/config.ts'
import { startServer } from '../../server/server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the app under test is served, ending in a slash. */
    appUrl: string
    /** The app's data folder, for tools run beside it (e.g. `server/cli/user.ts add`). */
    appDataDir: string
    /** A second instance on the same data whose operator set COVERAGE_METRES to widerCoverageMetres. */
    widerCoverage: { url: string; metres: number }
  }
}

const WIDER_COVERAGE_METRES = 200

/**
 * The whole app for the browser suite: a fresh data folder (so the demo area is loaded into an
 * empty database), the built front end, and the API on a free loopback port. DATABASE_URL, when
 * set, is kept; an operator's MAP_STYLE_URL is not, as it would be fetched from the internet.
 * Beside it, a second instance on the same database with a wider COVERAGE_METRES.
 */
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), 'common-ground-browser-'))
  const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, MAP_STYLE_URL: '' }
  const app = await startServer(loadConfig(env))
  const wider = await startServer(loadConfig({ ...env, COVERAGE_METRES: String(WIDER_COVERAGE_METRES) }), { db: app.db, log: () => {} })
  project.provide('appUrl', app.url)
  project.provide('appDataDir', dataDir)
  project.provide('widerCoverage', { url: wider.url, metres: WIDER_COVERAGE_METRES })
  return async () => {
    await wider.close()
    await app.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}
