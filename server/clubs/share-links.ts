import { createHash, randomBytes } from 'node:crypto'
import type { LineString } from 'geojson'
import type { Sql } from '../db/database.ts'
import { ApiError } from '../errors.ts'
import type { StoredRoute } from '../routing/store.ts'

/**
 * A share link to a saved route: 32 random bytes (256 bits) as base64url. Only the SHA-256 is
 * stored, so a copy of the database can't be turned into working links.
 */
export function newShareToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashShareToken(token) }
}

export const hashShareToken = (token: string): Buffer => createHash('sha256').update(token).digest()

/** Where the front end shows a shared route. */
export const sharedPage = (token: string) => `/shared/${token}`

/** Gives the saved route a new link, which replaces (and so revokes) the one before. */
export async function shareSavedRoute(sql: Sql, clubId: number, savedId: number): Promise<{ token: string; url: string }> {
  const { token, hash } = newShareToken()
  const [row] = await sql`UPDATE club_routes SET share_hash = ${hash} WHERE id = ${savedId} AND club_id = ${clubId} RETURNING id`
  if (!row) throw new ApiError(404, 'not_found', 'No such saved route in this club')
  return { token, url: sharedPage(token) }
}

export async function revokeShareLink(sql: Sql, clubId: number, savedId: number): Promise<void> {
  const [row] = await sql`UPDATE club_routes SET share_hash = NULL WHERE id = ${savedId} AND club_id = ${clubId} RETURNING id`
  if (!row) throw new ApiError(404, 'not_found', 'No such saved route in this club')
}

/**
 * What anyone with the link sees: the route and the club's name, never the club's owner or
 * its other routes. Whatever the token, it is hashed and looked up by the unique index, so an
 * unknown or malformed one takes as long as a known one.
 */
export async function findSharedRoute(sql: Sql, token: string) {
  // The route's facts as stored when it was planned; a row from before a fact was added lacks it.
  const [row] = await sql<{ routeId: string; kind: 'route' | 'loop'; properties: Partial<StoredRoute['properties']>; name: string
    notes: string | null; usualStartTime: string | null; clubName: string; geometry: string }[]>`
    SELECT r.id AS "routeId", r.kind, r.properties, s.name, s.notes, to_char(s.usual_start_time, 'HH24:MI') AS "usualStartTime",
           k.name AS "clubName", ST_AsGeoJSON(r.geom) AS geometry
    FROM club_routes s JOIN routes r ON r.id = s.route_id JOIN clubs k ON k.id = s.club_id
    WHERE s.share_hash = ${hashShareToken(token)}`
  if (!row) return undefined
  const { routeId, kind, properties, geometry, ...saved } = row
  return {
    type: 'Feature' as const,
    geometry: JSON.parse(geometry) as LineString,
    properties: { ...properties, kind, ...saved },
    gpxUrl: `/api/routes/${routeId}.gpx`,
    geojsonUrl: `/api/routes/${routeId}.geojson`,
  }
}
