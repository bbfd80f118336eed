import { createHash, randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Env } from '../app.ts'
import type { Sql } from '../db/database.ts'
import type { User } from './users.ts'

export const SESSION_COOKIE = 'cg_session'

// A session ends after 12 hours without a request (an officer's shift; a device left signed
// in overnight is signed out) and 7 days after sign-in whatever the activity, so a stolen
// cookie stays useful for a bounded time. The idle clock is kept in last_seen_at, written at
// most once a minute so that reading the map doesn't turn every tile request into a write.
export const IDLE_SECONDS = 12 * 60 * 60
export const ABSOLUTE_SECONDS = 7 * 24 * 60 * 60
const TOUCH_SECONDS = 60

/** 32 random bytes, base64url: 256 bits, the whole value of the cookie. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

const tokenHash = (token: string) => createHash('sha256').update(token).digest()

/** Starts a session and returns its token; only the token's SHA-256 is stored. */
export async function createSession(sql: Sql, userId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url')
  // Sessions that have ended are swept here, at sign-in, rather than by a timer.
  await sql`
    DELETE FROM sessions
    WHERE expires_at <= now() OR last_seen_at <= now() - ${IDLE_SECONDS} * interval '1 second'`
  const [row] = await sql<{ expiresAt: Date }[]>`
    INSERT INTO sessions (token_hash, user_id, expires_at)
    VALUES (${tokenHash(token)}, ${userId}, now() + ${ABSOLUTE_SECONDS} * interval '1 second')
    RETURNING expires_at AS "expiresAt"`
  return { token, expiresAt: row!.expiresAt }
}

/** The enabled user of a live session, or null; keeps the session alive while it is used. */
export async function findSessionUser(sql: Sql, token: string): Promise<User | null> {
  if (!TOKEN_PATTERN.test(token)) return null
  const hash = tokenHash(token)
  const [row] = await sql<(User & { stale: boolean })[]>`
    SELECT u.id, u.email, u.name, u.role, s.last_seen_at <= now() - ${TOUCH_SECONDS} * interval '1 second' AS stale
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ${hash}
      AND s.expires_at > now()
      AND s.last_seen_at > now() - ${IDLE_SECONDS} * interval '1 second'
      AND u.disabled_at IS NULL`
  if (!row) return null
  if (row.stale) await sql`UPDATE sessions SET last_seen_at = now() WHERE token_hash = ${hash}`
  const { stale: _, ...user } = row
  return user
}

export async function deleteSession(sql: Sql, token: string): Promise<void> {
  if (TOKEN_PATTERN.test(token)) await sql`DELETE FROM sessions WHERE token_hash = ${tokenHash(token)}`
}

export const sessionToken = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE)

// HttpOnly keeps the token from scripts; SameSite=Lax keeps it off cross-site POSTs (see
// origin.ts for the rest of the CSRF defence). Secure when the request came over HTTPS: a
// proxy that ends TLS says so in X-Forwarded-Proto. A client forging that header only makes
// its own cookie stricter.
function cookieOptions(c: Context) {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  const secure = forwarded === 'https' || new URL(c.req.url).protocol === 'https:'
  return { httpOnly: true, sameSite: 'Lax', path: '/', secure } as const
}

export function setSessionCookie(c: Context, session: { token: string; expiresAt: Date }): void {
  setCookie(c, SESSION_COOKIE, session.token, { ...cookieOptions(c), expires: session.expiresAt })
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c))
}

/**
 * The signed-in user of this request, or null, looked up once and kept in `c.var.user`. Only
 * routes that ask (requireRole, a report's source) pay for the query: tiles and map data,
 * the bulk of requests, never look the session up.
 */
export async function signedInUser(c: Context<Env>): Promise<User | null> {
  const known = c.get('user') as User | null | undefined
  if (known !== undefined) return known
  const token = sessionToken(c)
  const user = token === undefined ? null : await findSessionUser(c.var.db.sql, token)
  c.set('user', user)
  return user
}
