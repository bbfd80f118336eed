import { setTimeout as sleep } from 'node:timers/promises'
import type { Sql } from '../db/database.ts'
import type { Counters, Limit } from '../limits/counters.ts'

/** Limits on password guessing, per account and per client address, in fixed windows. */
export const THROTTLE = {
  windowSeconds: 15 * 60, // failures count within a fixed window (every quarter hour); a lock lasts until it ends
  accountFailures: 5, // failed logins for one email in a window before it is locked
  clientFailures: 20, // failed logins from one address in a window (for any emails) before it is locked
  delayPerFailureMs: 100, // each failure on an account answers this much slower than the one before
  maxDelayMs: 500, // the slowest a failure answers
}

const ACCOUNT: Limit = { name: 'login:account', hits: THROTTLE.accountFailures, windowSeconds: THROTTLE.windowSeconds }
const CLIENT: Limit = { name: 'login:client', hits: THROTTLE.clientFailures, windowSeconds: THROTTLE.windowSeconds }

export type ThrottleKeys = { account: string; client: string }

// Locking the account whoever guesses lets a stranger lock an officer out until the window
// ends; the alternative, letting a botnet guess one account without limit, is worse. The client
// is its address as TRUST_PROXY reads it: without a trusted proxy all clients behind one share
// a counter, and the per-account limit is the one that still bites.
export const throttleKeys = (email: string, client: string): ThrottleKeys => ({ account: email.toLowerCase(), client })

/** Seconds until the account and the client may try again; 0 when neither is locked. */
export async function lockedFor(sql: Sql, counters: Counters, keys: ThrottleKeys): Promise<number> {
  const counts = await Promise.all([
    counters.peek(sql, ACCOUNT, keys.account).then((c) => (c.hits >= ACCOUNT.hits ? c.retryAfter : 0)),
    counters.peek(sql, CLIENT, keys.client).then((c) => (c.hits >= CLIENT.hits ? c.retryAfter : 0)),
  ])
  return Math.max(...counts)
}

/** Counts a failed login against both keys, then waits a little longer the more the account has failed. */
export async function recordFailure(sql: Sql, counters: Counters, keys: ThrottleKeys): Promise<void> {
  const account = await counters.hit(sql, ACCOUNT, keys.account)
  await counters.hit(sql, CLIENT, keys.client)
  await sleep(Math.min(account.hits * THROTTLE.delayPerFailureMs, THROTTLE.maxDelayMs))
}

/** A successful login clears its account's counter; the client's stays, or one known password would reset it. */
export async function forgetAccountFailures(sql: Sql, counters: Counters, keys: ThrottleKeys): Promise<void> {
  await counters.forget(sql, ACCOUNT, keys.account)
}
