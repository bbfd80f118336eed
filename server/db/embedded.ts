import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createConnection } from 'node:net'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { postgis } from '@electric-sql/pglite-postgis'
import { connect, type Database } from './database.ts'
import { PGliteServer } from './pglite-server.ts'

/**
 * The embedded PostGIS: PGlite persisted in DATA_DIR, served on a loopback socket
 * (pglite-server.ts) so that postgres.js talks to it exactly as to a PostgreSQL server.
 *
 * PGlite is one process. The process that opens it writes DATA_DIR/socket.json with its pid
 * and port; any other process (an import while the server runs) connects through that socket
 * instead of opening the folder a second time.
 */
type SocketFile = { pid: number; port: number }

const PGDATA = 'pgdata'
const SOCKET_FILE = 'socket.json'

export async function openEmbedded(dataDir: string): Promise<Database> {
  await mkdir(dataDir, { recursive: true })
  const socketPath = join(dataDir, SOCKET_FILE)
  // Another process may be starting the database (port 0 until it listens): wait up to a minute.
  for (let attempt = 0; attempt < 120; attempt++) {
    const running = await readSocketFile(socketPath)
    const alive = running !== undefined && isAlive(running.pid) && running.pid !== process.pid
    if (alive && (await accepts(running.port))) {
      const url = urlFor(running.port)
      const sql = connect(url, { max: 4 })
      return { sql, kind: 'embedded', url, close: () => sql.end({ timeout: 5 }) }
    }
    if (alive && running.port === 0) {
      await new Promise((r) => setTimeout(r, 500))
      continue
    }
    if (running) await rm(socketPath, { force: true })
    // The exclusive create is the lock: of two processes starting at once, one owns the folder.
    const claimed = await writeFile(socketPath, JSON.stringify({ pid: process.pid, port: 0 }), { flag: 'wx' })
      .then(() => true)
      .catch(() => false)
    if (claimed) return own(dataDir, socketPath)
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`The embedded database in ${dataDir} is locked by another process (see ${socketPath})`)
}

async function own(dataDir: string, socketPath: string): Promise<Database> {
  let db: PGlite | undefined
  let server: PGliteServer | undefined
  try {
    db = await PGlite.create({ dataDir: join(dataDir, PGDATA), extensions: { postgis, pg_trgm } })
    server = new PGliteServer(db)
    const port = await server.listen(0, '127.0.0.1')
    await writeFile(socketPath, JSON.stringify({ pid: process.pid, port } satisfies SocketFile))
    const url = urlFor(port)
    const sql = connect(url, { max: 4 })
    const openedServer = server
    const openedDb = db
    let closing: Promise<void> | undefined
    const close = () =>
      (closing ??= (async () => {
        await sql.end({ timeout: 5 })
        await openedServer.close()
        await openedDb.close()
        await rm(socketPath, { force: true })
      })())
    return { sql, kind: 'embedded', url, close }
  } catch (error) {
    await server?.close().catch(() => {})
    await db?.close().catch(() => {})
    await rm(socketPath, { force: true })
    throw error
  }
}

const urlFor = (port: number) => `postgres://postgres:postgres@127.0.0.1:${port}/postgres`

async function readSocketFile(path: string): Promise<SocketFile | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as SocketFile
    return typeof parsed.pid === 'number' && typeof parsed.port === 'number' ? parsed : undefined
  } catch {
    return undefined
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function accepts(port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(false)
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)))
  })
}
