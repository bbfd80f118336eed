import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import type { Database, Query, Sql } from './db/database.ts'
import { ApiError } from './errors.ts'

export const IDEMPOTENCY_HEADER = 'Idempotency-Key'
/** Set on an answer given again to a retry. */
export const REPLAYED_HEADER = 'Idempotent-Replayed'
/** A random UUID fits; a short key could be guessed, and with it the stored answer read. */
const KEY_FORMAT = /^[A-Za-z0-9_-]{16,200}$/
/** A retry within this many hours gets the first answer again (rows are kept to the next hour after). */
export const KEEP_HOURS = 24

/**
 * A write that a retry must not repeat (a report, a walk-and-talk concern, a "me too"). Without
 * an Idempotency-Key header `write` runs in a transaction. With one, the first request runs it
 * and stores its answer in the same transaction; a retry with the same key and the same request
 * within KEEP_HOURS gets that answer back (`replayed`) and writes nothing; the same key with
 * another request is a 422. Two retries at once: the second waits on the first's row (the
 * primary key), then replays it. `before` (a rate limit) runs only for a request not answered
 * yet, and outside the transaction. `who` keeps keys of different accounts apart.
 */
export async function once<T>(
  c: Asking,
  options: { who: string; status: 200 | 201; request: unknown; before?: () => Promise<void> },
  write: (tx: Query) => Promise<T>,
): Promise<{ body: T; replayed: boolean }> {
  const sql = c.var.db.sql
  const key = c.req.header(IDEMPOTENCY_HEADER)
  if (key === undefined) {
    await options.before?.()
    return { body: (await sql.begin(write)) as T, replayed: false }
  }
  if (!KEY_FORMAT.test(key)) {
    throw new ApiError(400, 'invalid_header', `${IDEMPOTENCY_HEADER}: 16 to 200 letters, digits, - or _ (send a random UUID)`)
  }
  const stored = storedRequest(options.who, key, `${c.req.method} ${c.req.path} ${JSON.stringify(options.request ?? null)}`)
  const earlier = await replay<T>(sql, stored)
  if (earlier) return earlier
  await options.before?.()
  return (await sql.begin(async (tx) => {
    const [claimed] = await tx`
      INSERT INTO idempotent_requests (id, fingerprint, status, expires_at)
      VALUES (${stored.id}, ${stored.fingerprint}, 0, date_trunc('hour', now()) + ${KEEP_HOURS + 1} * interval '1 hour')
      -- An expired answer the sweep has not deleted yet gives its row to the new request.
      ON CONFLICT (id) DO UPDATE
        SET fingerprint = excluded.fingerprint, status = 0, answer = NULL, expires_at = excluded.expires_at
        WHERE idempotent_requests.expires_at <= now()
      RETURNING id`
    if (!claimed) {
      // Another request with this key committed while this one waited for its row.
      const answered = await replay<T>(tx, stored)
      if (answered) return answered
      throw new ApiError(409, 'idempotency_conflict', 'A request with this Idempotency-Key is still being answered: try again')
    }
    const body = await write(tx)
    await tx`UPDATE idempotent_requests SET status = ${options.status}, answer = ${stored.seal(body)} WHERE id = ${stored.id}`
    return { body, replayed: false }
  })) as { body: T; replayed: boolean }
}

/** Whose keys these are: each account's apart, and the public's. */
export const whoAsks = (user: { id: number } | null) => (user ? `account:${user.id}` : 'public')

/** What `once` reads of a request (any route's context, whatever its middleware narrowed). */
type Asking = { var: { db: Database }; req: { method: string; path: string; header(name: string): string | undefined } }

type StoredRequest = ReturnType<typeof storedRequest>

/** The row's id, the request's fingerprint, and the answer's cipher, all from the client's key. */
function storedRequest(who: string, key: string, request: string) {
  const id = createHash('sha256').update(`${who}\n${key}`).digest()
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', key, id, `common-ground idempotency ${purpose}`, 32))
  const fingerprint = createHmac('sha256', derive('fingerprint')).update(request).digest()
  const cipherKey = derive('answer')
  return {
    id,
    fingerprint,
    seal(body: unknown): Buffer {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', cipherKey, iv)
      const sealed = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), sealed])
    },
    open(answer: Buffer): unknown {
      const decipher = createDecipheriv('aes-256-gcm', cipherKey, answer.subarray(0, 12))
      decipher.setAuthTag(answer.subarray(12, 28))
      return JSON.parse(Buffer.concat([decipher.update(answer.subarray(28)), decipher.final()]).toString('utf8'))
    },
  }
}

async function replay<T>(sql: Query, stored: StoredRequest): Promise<{ body: T; replayed: true } | undefined> {
  const [row] = await sql<{ fingerprint: Buffer; status: number; answer: Buffer | null }[]>`
    SELECT fingerprint, status, answer FROM idempotent_requests WHERE id = ${stored.id} AND expires_at > now()`
  if (!row) return undefined
  if (!row.fingerprint.equals(stored.fingerprint)) {
    throw new ApiError(422, 'idempotency_key_reused', `This ${IDEMPOTENCY_HEADER} was sent before with another request: use a new key for a new one`)
  }
  if (row.answer === null) throw new ApiError(409, 'idempotency_conflict', 'A request with this Idempotency-Key is still being answered: try again')
  return { body: stored.open(row.answer) as T, replayed: true }
}

/** Deletes the answers whose time has passed; how many. */
export async function sweepIdempotentRequests(sql: Sql): Promise<number> {
  return (await sql`DELETE FROM idempotent_requests WHERE expires_at <= now()`).count
}
