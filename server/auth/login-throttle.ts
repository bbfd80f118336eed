import { setTimeout as sleep } from 'node:timers/promises'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import type { Sql } from '../db/database.ts'

/** Limits on password guessing, per account and per client address. */
export const THROTTLE = {
  windowSeconds: 15 * 60, // failures count within this window, then the counter starts again
  accountFailures: 5, // failed logins for one email in a window before it is locked
  clientFailures: 20, // failed logins from one address in a window (for any emails) before it is locked
  lockSeconds: 15 * 60, // how long a lock lasts; then the counter starts again
  delayPerFailureMs: 100, // each failure on an account answers this much slower than the one before
  maxDelayMs: 500, // the slowest a failure answers
}

export type ThrottleKeys = { account: string; client: string }

// Locking the account whoever guesses lets a stranger lock an officer out for 15 minutes; the
// alternative, letting a botnet guess one account without limit, is worse. The client key
// uses the socket's address, not X-Forwarded-For, which anyone can write: behind a proxy all
// clients share the proxy's address, and the per-account limit is the one that still bites.
export const throttleKeys = (email: string, client: string): ThrottleKeys => ({
  account: `account:${email.toLowerCase()}`,
  client: `client:${client}`,
})

/** The remote address of the connection; 'unknown' where there is no socket (app.request in tests). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** Seconds until the account and the client may try again; 0 when neither is locked. */
export async function lockedFor(sql: Sql, keys: ThrottleKeys): Promise<number> {
  const [row] = await sql<{ seconds: number }[]>`
    SELECT coalesce(max(ceil(extract(epoch FROM locked_until - now()))), 0)::int AS seconds
    FROM login_attempts
    WHERE key IN ${sql([keys.account, keys.client])} AND locked_until > now()`
  return row!.seconds
}

/** Counts a failed login against both keys, then waits a little longer the more the account has failed. */
export async function recordFailure(sql: Sql, keys: ThrottleKeys): Promise<void> {
  await sql`
    DELETE FROM login_attempts
    WHERE window_start <= now() - ${THROTTLE.windowSeconds} * interval '1 second'
      AND coalesce(locked_until <= now(), true)`
  const accountFailures = await count(sql, keys.account, THROTTLE.accountFailures)
  await count(sql, keys.client, THROTTLE.clientFailures)
  await sleep(Math.min(accountFailures * THROTTLE.delayPerFailureMs, THROTTLE.maxDelayMs))
}

/** A successful login clears its account's counter; the client's stays, or one known password would reset it. */
export async function forgetAccountFailures(sql: Sql, keys: ThrottleKeys): Promise<void> {
  await sql`DELETE FROM login_attempts WHERE key = ${keys.account}`
}

async function count(sql: Sql, key: string, limit: number): Promise<number> {
  const lock = sql`now() + ${THROTTLE.lockSeconds} * interval '1 second'`
  // A counter whose window or lock has passed starts again at 1.
  const ended = sql`(a.window_start <= now() - ${THROTTLE.windowSeconds} * interval '1 second'
                     OR coalesce(a.locked_until <= now(), false))`
  const [row] = await sql<{ failures: number }[]>`
    INSERT INTO login_attempts AS a (key, failures, window_start, locked_until)
    VALUES (${key}, 1, now(), ${limit <= 1 ? lock : null})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN ${ended} THEN 1 ELSE a.failures + 1 END,
      window_start = CASE WHEN ${ended} THEN now() ELSE a.window_start END,
      locked_until = CASE WHEN NOT ${ended} AND a.failures + 1 >= ${limit} THEN ${lock} END
    RETURNING failures`
  return row!.failures
}
