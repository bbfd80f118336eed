import { createHmac, randomBytes } from 'node:crypto'

const DAY_SECONDS = 86_400

/**
 * The key of the limits' keyed hashes: 32 random bytes made in this process's memory for each
 * UTC day, never written anywhere, and wiped once the day is over (by the next hash, or the
 * housekeeping sweep within 5 minutes). A copy of the database can't be
 * matched to addresses by hashing them, today's rows included; yesterday's key no longer exists.
 * Windows are whole divisors of a day, so no window spans the change of key.
 *
 * Each server process has its own key: behind a load balancer that spreads one client over N
 * copies, the client gets up to N times the limit (README "Behind a proxy").
 */
export class DailySecret {
  #day = -1
  #key = Buffer.alloc(0)

  /** HMAC-SHA256 of `message` under the key of the day `at` falls in. */
  hash(message: string, at: Date): Buffer {
    const day = dayOf(at)
    if (day !== this.#day) {
      this.#wipe()
      this.#key = randomBytes(32)
      this.#day = day
    }
    return createHmac('sha256', this.#key).update(message).digest()
  }

  /** Wipes the key once its day is over, whether or not a request came since (the sweep calls it). */
  expire(now: Date): void {
    if (this.#day !== -1 && dayOf(now) !== this.#day) this.#wipe()
  }

  #wipe() {
    this.#key.fill(0)
    this.#key = Buffer.alloc(0)
    this.#day = -1
  }
}

const dayOf = (at: Date) => Math.floor(at.getTime() / 1000 / DAY_SECONDS)

/** A limit's window in seconds must divide a day, so windows never span the change of key. */
export function checkWindow(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds <= 0 || DAY_SECONDS % seconds !== 0) {
    throw new Error(`A limit's window of ${seconds} s does not divide a day`)
  }
  return seconds
}
