import { createServer, type Server, type Socket } from 'node:net'
import type { PGlite } from '@electric-sql/pglite'

/**
 * A PostgreSQL wire-protocol server in front of PGlite, so postgres.js (and psql, and other
 * processes) reach the embedded database exactly as they reach a PostgreSQL server.
 *
 * PGlite is one backend session. Clients take turns by protocol cycle: everything a client
 * sends up to a Sync or a simple Query runs as one unit, and a client that leaves the backend
 * inside a transaction keeps it until the transaction ends. (@electric-sql/pglite-socket
 * 0.2.11 interleaves the messages of different connections one by one, so an error in one
 * client's extended-protocol pipeline made the backend skip another client's messages until
 * Sync: queries came back empty or with someone else's error. Hence this file.)
 */
export class PGliteServer {
  private server: Server | undefined
  private readonly sessions = new Set<Session>()
  /** The session that has the backend now; others wait in `waiting`, first come first served. */
  private owner: Session | undefined
  private readonly waiting: { session: Session; resume: () => void }[] = []

  constructor(private readonly db: PGlite) {}

  async listen(port: number, host: string): Promise<number> {
    const server = createServer((socket) => this.sessions.add(new Session(this, socket)))
    this.server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => resolve())
    })
    const address = server.address()
    if (!address || typeof address === 'string') throw new Error('The embedded database socket has no port')
    return address.port
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.socket.destroy()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
    await Promise.all([...this.sessions].map((s) => s.closed))
  }

  /**
   * Runs one protocol cycle of a session's messages with the backend to itself. The backend
   * stays with the session until it ends a cycle with Sync or Query outside a transaction
   * (a Flush cycle, as in Parse/Describe/Flush, is followed by the rest of the statement).
   */
  async run(session: Session, messages: Uint8Array[], startup: boolean): Promise<void> {
    if (this.owner && this.owner !== session) {
      await new Promise<void>((resume) => this.waiting.push({ session, resume }))
    }
    this.owner = session
    let ended = false
    try {
      await this.db.runExclusive(async () => {
        for (const message of messages) {
          const type = startup ? undefined : message[0]
          ended = startup || type === SYNC || type === QUERY
          if (ended) {
            if (type === SYNC) session.failed = false
            await this.db.execProtocolRawStream(message, { onRawData: (data) => session.write(data) })
            continue
          }
          if (session.failed) continue
          // PGlite answers a failed extended-protocol message with ErrorResponse *and*
          // ReadyForQuery, then again ReadyForQuery for the Sync: the client would take the
          // first as the end of its next query. Per protocol only Sync sends ReadyForQuery,
          // and messages after an error are skipped until Sync.
          const output: Uint8Array[] = []
          await this.db.execProtocolRawStream(message, { onRawData: (data) => output.push(data.slice()) })
          const { kept, error } = withoutReadyForQuery(Buffer.concat(output))
          session.write(kept)
          if (error) session.failed = true
        }
      })
    } finally {
      if (ended && !this.db.isInTransaction()) this.handOver()
    }
  }

  /** A session went away: end what it left open and let the next one in. */
  async leave(session: Session): Promise<void> {
    this.sessions.delete(session)
    for (let i = this.waiting.length - 1; i >= 0; i--) if (this.waiting[i]!.session === session) this.waiting.splice(i, 1)
    if (this.owner !== session) return
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK').catch(() => {})
    this.handOver()
  }

  private handOver() {
    this.owner = undefined
    const next = this.waiting.shift()
    if (next) {
      this.owner = next.session
      next.resume()
    }
  }
}

// Messages a client sends before the startup message, told apart by a code in place of a version.
const SSL_REQUEST = 80877103
const GSSENC_REQUEST = 80877104
const CANCEL_REQUEST = 80877102
const code = (c: string) => c.charCodeAt(0)
const SYNC = code('S')
const QUERY = code('Q')
const TERMINATE = code('X')
const ERROR_RESPONSE = code('E')
const READY_FOR_QUERY = code('Z')
// Message types that end a protocol cycle: Sync, Query, Flush, CopyDone, CopyFail.
const CYCLE_END = new Set([SYNC, QUERY, code('H'), code('c'), code('f')])

/** Backend messages minus ReadyForQuery, and whether an ErrorResponse was among them. */
function withoutReadyForQuery(data: Buffer): { kept: Buffer; error: boolean } {
  const parts: Buffer[] = []
  let error = false
  for (let at = 0; at + 5 <= data.length; ) {
    const length = 1 + data.readInt32BE(at + 1)
    const type = data[at]
    if (type === ERROR_RESPONSE) error = true
    if (type !== READY_FOR_QUERY) parts.push(data.subarray(at, at + length))
    at += length
  }
  return { kept: Buffer.concat(parts), error }
}

class Session {
  private buffer = Buffer.alloc(0)
  private started = false
  /** An extended-protocol message failed: skip the rest until Sync. */
  failed = false
  private pending: Uint8Array[] = []
  /** Cycles of one session run in order, even when the client pipelines them. */
  private chain: Promise<void> = Promise.resolve()
  readonly closed: Promise<void>

  constructor(
    private readonly owner: PGliteServer,
    readonly socket: Socket,
  ) {
    socket.setNoDelay(true)
    socket.on('data', (data) => this.receive(data))
    socket.on('error', () => socket.destroy())
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.chain = this.chain.then(() => this.owner.leave(this))
        void this.chain.then(resolve)
      }),
    )
  }

  write(data: Uint8Array) {
    if (!this.socket.destroyed) this.socket.write(data)
  }

  private receive(data: Buffer) {
    this.buffer = Buffer.concat([this.buffer, data])
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) return
        const length = this.buffer.readInt32BE(0)
        if (this.buffer.length < length) return
        const code = this.buffer.readInt32BE(4)
        const message = this.take(length)
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.write(Buffer.from('N'))
        } else if (code === CANCEL_REQUEST) {
          this.socket.destroy()
          return
        } else {
          this.started = true
          this.enqueue([message], { startup: true })
        }
        continue
      }
      if (this.buffer.length < 5) return
      const length = 1 + this.buffer.readInt32BE(1)
      if (this.buffer.length < length) return
      const type = this.buffer[0]!
      const message = this.take(length)
      if (type === TERMINATE) {
        this.socket.end()
        return
      }
      this.pending.push(message)
      if (CYCLE_END.has(type)) {
        this.enqueue(this.pending)
        this.pending = []
      }
    }
  }

  private take(length: number): Uint8Array {
    const message = new Uint8Array(this.buffer.subarray(0, length))
    this.buffer = this.buffer.subarray(length)
    return message
  }

  private enqueue(messages: Uint8Array[], options = { startup: false }) {
    this.chain = this.chain
      .then(() => this.owner.run(this, messages, options.startup))
      .catch(() => {
        this.socket.destroy()
      })
  }
}
