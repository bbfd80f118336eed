import { createHash, randomBytes } from 'node:crypto'
import type { LineString } from 'geojson'
import type { Sql } from '../db/database.ts'
import { ApiError } from '../errors.ts'
import type { StoredRoute } from '../routing/store.ts'
import { isoSecond } from './occurrences.ts'
import { HIDDEN_END_METRES, sharedLine } from './private-ends.ts'
import { nextRunOn } from './runs.ts'

/**
 * A share link to a saved route or to any computed route: 32 random bytes (256 bits) as base64url. Only the SHA-256 is
 * stored, so a copy of the database can't be turned into working links.
 */
export function newShareToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashShareToken(token) }
}

export const hashShareToken = (token: string): Buffer => createHash('sha256').update(token).digest()

/** Where the front end shows a shared route. */
export const sharedPage = (token: string) => `/shared/${token}`

/** Refuses to hide the ends of a line too short to have anything left once they are hidden. */
function checkEnds(geometry: string, showEnds: boolean) {
  if (!sharedLine(JSON.parse(geometry) as LineString, showEnds)) {
    throw new ApiError(422, 'too_short_to_hide_ends', `This route is too short to share without its first and last ${HIDDEN_END_METRES} m: share it with them shown`, {
      hiddenEndMeters: HIDDEN_END_METRES,
    })
  }
}

/**
 * Gives the saved route a new link, which replaces (and so revokes) the one before; the link
 * hides the line's ends unless `showEnds`.
 */
export async function shareSavedRoute(sql: Sql, clubId: number, savedId: number, showEnds = false): Promise<{ token: string; url: string }> {
  return sql.begin(async (tx) => {
    const [saved] = await tx<{ geometry: string }[]>`
      SELECT ST_AsGeoJSON(r.geom) AS geometry FROM club_routes s JOIN routes r ON r.id = s.route_id
      WHERE s.id = ${savedId} AND s.club_id = ${clubId} FOR UPDATE OF s`
    if (!saved) throw new ApiError(404, 'not_found', 'No such saved route in this club')
    checkEnds(saved.geometry, showEnds)
    const { token, hash } = newShareToken()
    await tx`UPDATE club_routes SET share_hash = ${hash}, share_shows_ends = ${showEnds} WHERE id = ${savedId}`
    return { token, url: sharedPage(token) }
  }) as Promise<{ token: string; url: string }>
}

export async function revokeShareLink(sql: Sql, clubId: number, savedId: number): Promise<void> {
  const [row] = await sql`UPDATE club_routes SET share_hash = NULL, share_shows_ends = false WHERE id = ${savedId} AND club_id = ${clubId} RETURNING id`
  if (!row) throw new ApiError(404, 'not_found', 'No such saved route in this club')
}

/**
 * A resident's link to a computed route, no account needed: it works as long as the route does
 * (`expiresAt`, null once a club keeps the route). Each call makes a new link.
 */
export async function shareComputedRoute(sql: Sql, routeId: string, showEnds = false): Promise<{ token: string; url: string; expiresAt: string | null }> {
  return sql.begin(async (tx) => {
    // The key-share lock keeps the route from being swept between the check and the insert.
    const [route] = await tx<{ geometry: string; expiresAt: Date | null }[]>`
      SELECT ST_AsGeoJSON(geom) AS geometry, expires_at AS "expiresAt" FROM routes
      WHERE id = ${routeId} AND (expires_at IS NULL OR expires_at > now()) FOR KEY SHARE`
    if (!route) throw new ApiError(404, 'route_not_found', 'No such route, or it has expired: compute it again')
    checkEnds(route.geometry, showEnds)
    const { token, hash } = newShareToken()
    await tx`INSERT INTO route_shares (share_hash, route_id, shows_ends) VALUES (${hash}, ${routeId}, ${showEnds})`
    return { token, url: sharedPage(token), expiresAt: route.expiresAt ? isoSecond(route.expiresAt) : null }
  }) as Promise<{ token: string; url: string; expiresAt: string | null }>
}

type SharedRow = {
  kind: 'route' | 'loop'
  /** The route's facts as stored when it was planned; a row from before a fact was added lacks it. */
  properties: Partial<StoredRoute['properties']>
  departAt: Date
  geometry: string
  showsEnds: boolean
  savedId: number | null
  name: string | null
  notes: string | null
  usualStartTime: string | null
  clubName: string | null
}

/**
 * The route behind a token, from a club's saved entry or a resident's link, in one statement:
 * whatever the token, it is hashed and looked up by the two unique indexes, so an unknown or
 * malformed one takes as long as a known one.
 */
async function sharedRow(sql: Sql, token: string): Promise<SharedRow | undefined> {
  const hash = hashShareToken(token)
  const [row] = await sql<SharedRow[]>`
    SELECT r.kind, r.properties, r.depart_at AS "departAt", ST_AsGeoJSON(r.geom) AS geometry, s.share_shows_ends AS "showsEnds",
           s.id AS "savedId", s.name, s.notes, to_char(s.usual_start_time, 'HH24:MI') AS "usualStartTime", k.name AS "clubName"
    FROM club_routes s JOIN routes r ON r.id = s.route_id JOIN clubs k ON k.id = s.club_id
    WHERE s.share_hash = ${hash}
    UNION ALL
    SELECT r.kind, r.properties, r.depart_at, ST_AsGeoJSON(r.geom), h.shows_ends, NULL::bigint, NULL::text, NULL::text, NULL::text, NULL::text
    FROM route_shares h JOIN routes r ON r.id = h.route_id
    WHERE h.share_hash = ${hash} AND (r.expires_at IS NULL OR r.expires_at > now())
    LIMIT 1`
  return row
}

/**
 * The route's facts that a link may show: numbers, words and the reasons, never its id (which
 * opens the whole line at /api/routes/{id}.gpx) nor any other list or object, which could hold
 * points inside the hidden ends.
 */
function publicFacts(properties: SharedRow['properties']) {
  const { id: _id, reasons, explanation, ...rest } = properties
  const scalars = Object.fromEntries(Object.entries(rest).filter(([, v]) => v === null || ['number', 'string', 'boolean'].includes(typeof v)))
  return {
    ...(scalars as typeof rest),
    ...(reasons === undefined ? {} : { reasons }),
    ...(explanation === undefined ? {} : { explanation }),
  }
}

/**
 * What anyone with the link sees: the line (without its first and last 200 m unless the sharer
 * chose to show them), the route's facts, and for a club's route its name, notes, the club's
 * name and its next run on it; never the club's owner or its other routes.
 */
export async function findSharedRoute(sql: Sql, token: string) {
  const row = await sharedRow(sql, token)
  const geometry = row && sharedLine(JSON.parse(row.geometry) as LineString, row.showsEnds)
  if (!row || !geometry) return undefined
  const { kind, properties, savedId, name, notes, usualStartTime, clubName } = row
  return {
    type: 'Feature' as const,
    geometry,
    properties: { ...publicFacts(properties), kind, name, notes, usualStartTime, clubName },
    /** How much of each end is left out (0: the whole line). */
    hiddenEndMeters: row.showsEnds ? 0 : HIDDEN_END_METRES,
    nextRun: savedId === null ? null : await nextRunOn(sql, savedId),
    gpxUrl: `/api/shared-routes/${token}/route.gpx`,
  }
}

/** The shared line as GPX input (server/routing/gpx.ts): the same cut line as the page shows. */
export async function findSharedGpx(sql: Sql, token: string) {
  const row = await sharedRow(sql, token)
  const geometry = row && sharedLine(JSON.parse(row.geometry) as LineString, row.showsEnds)
  if (!row || !geometry) return undefined
  const km = ((row.properties.lengthMeters ?? 0) / 1000).toFixed(1)
  return {
    kind: row.kind,
    name: row.name ?? `Common Ground ${row.kind} ${km} km`,
    description: (row.properties.explanation ?? []).join('. '),
    time: row.departAt,
    geometry,
  }
}
