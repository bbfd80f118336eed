import { randomBytes } from 'node:crypto'
import { hash, verify, type Options } from '@node-rs/argon2'

/**
 * Shorter passwords are refused when an account is created: NIST SP 800-63B asks for at least
 * 8, and these accounts see residents' precise reports.
 */
export const MIN_PASSWORD_LENGTH = 12
/** Longer input is refused before hashing, so a request can't buy unbounded work. */
export const MAX_PASSWORD_LENGTH = 1024

// OWASP's first argon2id configuration: 19 MiB, 2 passes, 1 lane; about 10 ms a hash on this
// 2-core machine, off the event loop (a libuv worker), and 19 MiB for each login in flight.
// The parameters travel inside each PHC string, so raising them later keeps old hashes valid.
const ARGON2ID: Options = {
  algorithm: 2, // Algorithm.Argon2id (an ambient const enum, which isolatedModules can't read)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID)
}

// Verified instead of a real hash when the email is unknown, so that a login costs the same
// time whether or not the account exists. Made at start-up so the first such login isn't slower.
const decoy = hashPassword(randomBytes(32).toString('base64url'))

/**
 * True when `password` matches the PHC string. The comparison inside argon2 is constant-time;
 * an unknown account (`undefined`) still spends one full verification and returns false.
 */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash === undefined) {
    await verify(await decoy, password)
    return false
  }
  return verify(passwordHash, password).catch(() => false) // a malformed stored hash never matches
}
