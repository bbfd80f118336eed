import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import type { Config } from './config.ts'
import { openDatabase, type Database } from './db/database.ts'
import { migrate } from './db/migrate.ts'
import { demoBundleExists, demoToLoad, HOW_TO_IMPORT, loadDemoData } from './demo.ts'
import { startHousekeeping } from './housekeeping.ts'
import { Counters } from './limits/counters.ts'
import { detectTileEncoder } from './tiles/tile.ts'
import { ensureWebBuild, WEB_DIST } from './web-build.ts'
import { addWebPages } from './web-pages.ts'

export type StartOptions = {
  /** Serve the built front end (building it when stale); `npm run dev` lets Vite serve it instead. */
  web?: boolean
  log?: (line: string) => void
  /**
   * An open database to serve instead of opening the config's (a second instance on the same
   * data, e.g. with other settings); `close` then leaves it open to its owner, who keeps the
   * housekeeping.
   */
  db?: Database
}

export type RunningServer = { url: string; port: number; db: Database; close(): Promise<void> }

/** How long a stop waits for requests in flight before it closes their connections anyway. */
const STOP_GRACE_MS = 8000

/**
 * Opens the database, migrates, loads the demo into an empty one (or finishes a load cut
 * short), and serves the app on one port. `close` stops taking connections, lets the requests
 * in flight finish (at most STOP_GRACE_MS), then closes the database.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line))
  const borrowed = options.db
  const db = borrowed ?? (await openDatabase(config))
  try {
    const migrations = await migrate(db.sql)
    log(`Database: ${db.kind === 'embedded' ? `embedded PostGIS in ${config.dataDir}` : 'PostgreSQL server'}, ${migrations} migrations`)
    const demo = await demoToLoad(db.sql)
    if (demo && demoBundleExists(config.demoDataDir)) {
      log(
        demo === 'fresh'
          ? `Loading the demo area (Southgate, north London) from ${config.demoDataDir}:`
          : `Finishing the demo area, whose load was cut short at the last start, from ${config.demoDataDir}:`,
      )
      await loadDemoData(db.sql, config.demoDataDir, log)
    } else if (demo === 'fresh') {
      log(HOW_TO_IMPORT)
    }
    if (options.web !== false) await ensureWebBuild(log)
    const tileEncoder = await detectTileEncoder(db.sql)
    const limits = new Counters()
    const app = createApp({ db, tileEncoder, config, limits })
    if (options.web !== false) addWebPages(app, WEB_DIST)
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as Server
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve)
      server.once('error', reject)
    })
    const housekeeping = borrowed ? undefined : startHousekeeping(db, limits, log)
    const { port } = server.address() as AddressInfo
    const host = config.host.includes(':') ? `[${config.host}]` : config.host
    let closing: Promise<void> | undefined
    return {
      url: `http://${host}:${port}/`,
      port,
      db,
      close: () =>
        (closing ??= (async () => {
          housekeeping?.stop()
          await stopServing(server)
          if (!borrowed) await db.close()
        })()),
    }
  } catch (error) {
    if (!borrowed) await db.close().catch(() => {})
    throw error
  }
}

/**
 * Stops taking connections and closes the idle ones at once; a request in flight is answered,
 * and its connection closed after it (Node says `Connection: close` once the server is closing).
 * Whatever is still open after the grace period is cut.
 */
async function stopServing(server: Server): Promise<void> {
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeIdleConnections()
  const grace = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS)
  await stopped
  clearTimeout(grace)
}
