import type { Sql } from '../db/database.ts'
import { checkWindow, DailySecret } from './daily-secret.ts'

/** A limit: at most `hits` per subject in each fixed window of `windowSeconds`. */
export type Limit = { name: string; hits: number; windowSeconds: number }
export type Count = { hits: number; retryAfter: number }

/**
 * Counters for limits and throttles (table client_limits), unlinkable by design:
 * - a row's key is a keyed hash (DailySecret) of the limit, the window and the subject (a client
 *   address, an account): a reader of the database can't hash an address to find its row;
 * - windows are fixed (every 10 minutes from the epoch, say), so a row holds the window's end,
 *   the same for every client, never the time of anyone's first request;
 * - a row is deleted when its window ends, by the periodic sweep (housekeeping.ts).
 */
export class Counters {
  readonly #secret = new DailySecret()
  readonly #clock: () => Date

  constructor(clock: () => Date = () => new Date()) {
    this.#clock = clock
  }

  /** Counts one hit of `subject` against the limit: the count with it, and seconds until the window ends. */
  async hit(sql: Sql, limit: Limit, subject: string): Promise<Count> {
    const { key, ends, retryAfter } = this.#window(limit, subject)
    const [row] = await sql<{ hits: number }[]>`
      INSERT INTO client_limits AS l (key, hits, window_ends) VALUES (${key}, 1, ${ends})
      ON CONFLICT (key) DO UPDATE SET hits = l.hits + 1
      RETURNING hits`
    return { hits: row!.hits, retryAfter }
  }

  /** The count so far in this window, without adding to it. */
  async peek(sql: Sql, limit: Limit, subject: string): Promise<Count> {
    const { key, retryAfter } = this.#window(limit, subject)
    const [row] = await sql<{ hits: number }[]>`SELECT hits FROM client_limits WHERE key = ${key}`
    return { hits: row?.hits ?? 0, retryAfter }
  }

  /** Clears the subject's count in this window. */
  async forget(sql: Sql, limit: Limit, subject: string): Promise<void> {
    await sql`DELETE FROM client_limits WHERE key = ${this.#window(limit, subject).key}`
  }

  /** Deletes the rows of every window that has ended, and yesterday's key if still held; how many rows. */
  async sweep(sql: Sql): Promise<number> {
    const now = this.#clock()
    this.#secret.expire(now)
    const rows = await sql`DELETE FROM client_limits WHERE window_ends <= ${now}`
    return rows.count
  }

  #window(limit: Limit, subject: string) {
    const now = this.#clock()
    const seconds = checkWindow(limit.windowSeconds)
    const index = Math.floor(now.getTime() / 1000 / seconds)
    const ends = new Date((index + 1) * seconds * 1000)
    const key = this.#secret.hash(`${limit.name}\n${index}\n${subject}`, now)
    return { key, ends, retryAfter: Math.max(1, Math.ceil((ends.getTime() - now.getTime()) / 1000)) }
  }
}
