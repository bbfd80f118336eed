import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createApp } from './app.ts'
import type { Config } from './config.ts'
import { openDatabase } from './db/database.ts'
import { migrate } from './db/migrate.ts'
import { demoBundleExists, HOW_TO_IMPORT, isEmpty, loadDemoData } from './demo.ts'
import { detectTileEncoder } from './tiles/tile.ts'
import { ensureWebBuild, WEB_DIST } from './web-build.ts'

export type StartOptions = {
  /** Serve the built front end (building it when stale); `npm run dev` lets Vite serve it instead. */
  web?: boolean
  log?: (line: string) => void
}

export type RunningServer = { url: string; port: number; close(): Promise<void> }

/** Opens the database, migrates, loads the demo into an empty one, and serves the app on one port. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line))
  const db = await openDatabase(config)
  try {
    const migrations = await migrate(db.sql)
    log(`Database: ${db.kind === 'embedded' ? `embedded PostGIS in ${config.dataDir}` : 'PostgreSQL server'}, ${migrations} migrations`)
    if (await isEmpty(db.sql)) {
      if (demoBundleExists(config.demoDataDir)) {
        log(`Loading the demo area (Southgate, north London) from ${config.demoDataDir}:`)
        await loadDemoData(db.sql, config.demoDataDir, log)
      } else {
        log(HOW_TO_IMPORT)
      }
    }
    if (options.web !== false) await ensureWebBuild(log)
    const tileEncoder = await detectTileEncoder(db.sql)
    const app = createApp({ db, tileEncoder, config })
    if (options.web !== false) {
      app.use('*', serveStatic({ root: WEB_DIST }))
      // The front end is one page: unknown non-API paths get it too.
      app.get('*', serveStatic({ root: WEB_DIST, path: 'index.html' }))
    }
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host })
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve)
      server.once('error', reject)
    })
    const { port } = server.address() as AddressInfo
    const host = config.host.includes(':') ? `[${config.host}]` : config.host
    let closing: Promise<void> | undefined
    return {
      url: `http://${host}:${port}/`,
      port,
      close: () =>
        (closing ??= (async () => {
          await new Promise<void>((resolve) => server.close(() => resolve()))
          await db.close()
        })()),
    }
  } catch (error) {
    await db.close().catch(() => {})
    throw error
  }
}
