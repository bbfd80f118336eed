import { randomBytes } from 'node:crypto'
import { createSession, SESSION_COOKIE } from '../../server/auth/sessions.ts'
import type { Role, User } from '../../server/auth/users.ts'
import type { Sql } from '../../server/db/database.ts'

type LngLat = [number, number]

/** A short line through Southgate (N14), inside the test area of support/concerns.ts. */
export const SOUTHGATE_LINE: LngLat[] = [
  [-0.1301, 51.6321],
  [-0.1288, 51.6329],
  [-0.1272, 51.6324],
  [-0.1301, 51.6321],
]

/** Empties clubs and computed routes (with everything that hangs off them: their share links too). */
export async function resetClubs(sql: Sql): Promise<void> {
  await sql`TRUNCATE club_run_officers, club_runs, club_routes, clubs, routes RESTART IDENTITY CASCADE`
}

/**
 * A computed route written straight to the table, as POST /api/routes would store it:
 * `expires` 'fresh' (a day from now), 'expired' (an hour ago) or 'kept' (saved: null).
 */
export async function insertRoute(
  sql: Sql,
  options: { expires?: 'fresh' | 'expired' | 'kept'; lengthMeters?: number; coords?: LngLat[] } = {},
): Promise<string> {
  const id = randomBytes(16).toString('base64url')
  const wkt = `LINESTRING(${(options.coords ?? SOUTHGATE_LINE).map(([x, y]) => `${x} ${y}`).join(', ')})`
  const expires = options.expires ?? 'fresh'
  const properties = {
    lengthMeters: options.lengthMeters ?? 512,
    litShare: 0.8,
    explanation: ['Mostly lit streets', 'Avoids the unlit path across the park after dark'],
  }
  await sql`
    INSERT INTO routes (id, kind, profile, depart_at, properties, geom, expires_at)
    VALUES (${id}, 'loop', 'safest', now() + interval '1 day', ${sql.json(properties)}, ST_GeomFromText(${wkt}, 4326),
            ${expires === 'kept' ? null : expires === 'fresh' ? sql`now() + interval '24 hours'` : sql`now() - interval '1 hour'`})`
  return id
}

/** The route's expiry, or null while a club keeps it. */
export async function routeExpiry(sql: Sql, id: string): Promise<Date | null> {
  const [row] = await sql<{ expiresAt: Date | null }[]>`SELECT expires_at AS "expiresAt" FROM routes WHERE id = ${id}`
  if (!row) throw new Error(`No route ${id}`)
  return row.expiresAt
}

let serial = 0

/**
 * An account and a session cookie for it, without the password hash and login round trip
 * (the login itself is tested in auth.test.ts): the matrices here sign in hundreds of times.
 */
export async function signedIn(sql: Sql, role: Role, name?: string): Promise<{ user: User; cookie: string }> {
  const n = ++serial
  const [user] = await sql<User[]>`
    INSERT INTO users (email, name, role, password_hash)
    VALUES (${`${role}-club-test-${n}@example.org`}, ${name ?? `Test ${role} ${n}`}, ${role}, 'not-a-login')
    RETURNING id, email, name, role`
  const { token } = await createSession(sql, user!.id)
  return { user: user!, cookie: `${SESSION_COOKIE}=${token}` }
}

/** Everything the club endpoints can change, as one string: equal before and after means nothing changed. */
export async function clubState(sql: Sql): Promise<string> {
  const [row] = await sql<{ state: string }[]>`
    SELECT json_build_object(
      'clubs', (SELECT json_agg(json_build_object('id', id, 'owner', owner_id, 'name', name, 'at', ST_AsText(meeting_point),
                                                  'updated', updated_at) ORDER BY id) FROM clubs),
      'saved', (SELECT json_agg(json_build_object('id', id, 'club', club_id, 'route', route_id, 'name', name, 'notes', notes,
                                                  'time', usual_start_time, 'share', encode(share_hash, 'hex'), 'ends', share_shows_ends) ORDER BY id) FROM club_routes),
      'runs', (SELECT json_agg(json_build_object('id', id, 'saved', club_route_id, 'at', starts_at, 'notes', notes, 'weekday', weekday,
                                                 'time', start_time, 'until', until, 'last', last_starts_at) ORDER BY id) FROM club_runs),
      'joined', (SELECT json_agg(json_build_object('run', run_id, 'at', starts_at, 'officer', officer_id) ORDER BY run_id, starts_at, officer_id) FROM club_run_officers),
      'routeShares', (SELECT json_agg(json_build_object('hash', encode(share_hash, 'hex'), 'route', route_id, 'ends', shows_ends) ORDER BY share_hash) FROM route_shares),
      'routes', (SELECT json_agg(json_build_object('id', id, 'expires', expires_at) ORDER BY id) FROM routes)
    )::text AS state`
  return row!.state
}

export async function countRows(sql: Sql) {
  const [row] = await sql<{ clubs: number; saved: number; runs: number; joined: number }[]>`
    SELECT (SELECT count(*)::int FROM clubs) AS clubs, (SELECT count(*)::int FROM club_routes) AS saved,
           (SELECT count(*)::int FROM club_runs) AS runs, (SELECT count(*)::int FROM club_run_officers) AS joined`
  return row!
}
