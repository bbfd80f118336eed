import type { Geometry } from 'geojson'
import type { User } from '../auth/users.ts'
import type { Query, Sql } from '../db/database.ts'
import { ApiError } from '../errors.ts'
import type { RouteReason } from '../routing/reasons.ts'
import { findClub, isoTime, releaseRoutes } from './clubs.ts'
import { occursFrom } from './runs.ts'
import { textOrNull } from './vocabulary.ts'


/** A club's saved route as the organiser sees it; `geometry` is GeoJSON text until featured. */
export type SavedRouteRow = {
  id: number
  routeId: string
  name: string
  notes: string | null
  usualStartTime: string | null
  kind: string
  profile: string
  lengthMeters: number | null
  /** The computed route's reasons, for the web to word in the reader's language; null for a route computed before routes had them. */
  reasons: RouteReason[] | null
  /** The same in English sentences (what the web shows for a route without `reasons`). */
  explanation: string[] | null
  shared: boolean
  /** Whether the share link shows the line's first and last 200 m (false when not shared). */
  sharedShowsEnds: boolean
  createdAt: string
  geometry: string
}

/** Saved entry aliased `s`, its route `r`. */
function savedColumns(sql: Query) {
  return sql`s.id, s.route_id AS "routeId", s.name, s.notes, to_char(s.usual_start_time, 'HH24:MI') AS "usualStartTime",
             r.kind, r.profile, r.properties -> 'lengthMeters' AS "lengthMeters", r.properties -> 'reasons' AS reasons,
             r.properties -> 'explanation' AS explanation,
             s.share_hash IS NOT NULL AS shared, s.share_shows_ends AS "sharedShowsEnds", ${isoTime(sql, sql`s.created_at`)} AS "createdAt", ST_AsGeoJSON(r.geom) AS geometry`
}

function savedRouteFeature({ geometry, ...properties }: SavedRouteRow) {
  return { type: 'Feature' as const, id: properties.id, geometry: JSON.parse(geometry) as Geometry, properties }
}

export async function listSavedRoutes(sql: Sql, user: User, clubId: number) {
  await findClub(sql, user, clubId)
  const rows = await sql<SavedRouteRow[]>`
    SELECT ${savedColumns(sql)} FROM club_routes s JOIN routes r ON r.id = s.route_id
    WHERE s.club_id = ${clubId} ORDER BY lower(s.name), s.id`
  return { type: 'FeatureCollection' as const, features: rows.map(savedRouteFeature) }
}

/** One saved entry of a club the user manages; 404 otherwise. */
async function findSavedRoute(sql: Query, clubId: number, savedId: number): Promise<SavedRouteRow> {
  const [row] = await sql<SavedRouteRow[]>`
    SELECT ${savedColumns(sql)} FROM club_routes s JOIN routes r ON r.id = s.route_id
    WHERE s.id = ${savedId} AND s.club_id = ${clubId}`
  if (!row) throw new ApiError(404, 'not_found', 'No such saved route in this club')
  return row
}

/**
 * Keeps a computed route in the club's library: the route stops expiring. An unknown or
 * already expired route is a 404; the same route twice in one club a 409.
 */
export async function saveRoute(
  sql: Sql,
  user: User,
  clubId: number,
  body: { routeId: string; name: string; notes?: string | null | undefined; usualStartTime?: string | null | undefined },
) {
  return sql.begin(async (tx) => {
    // Locks in one order everywhere (club, then route, then saved entries), so none deadlock.
    await findClub(tx, user, clubId, 'share')
    const [route] = await tx<{ id: string }[]>`
      UPDATE routes SET expires_at = NULL
      WHERE id = ${body.routeId} AND (expires_at IS NULL OR expires_at > now())
      RETURNING id`
    if (!route) throw new ApiError(404, 'route_not_found', 'No such route, or it has expired: compute it again')
    const [saved] = await tx<{ id: number }[]>`
      INSERT INTO club_routes (club_id, route_id, name, notes, usual_start_time)
      VALUES (${clubId}, ${body.routeId}, ${body.name}, ${textOrNull(body.notes)}, ${body.usualStartTime ?? null}::time)
      ON CONFLICT (club_id, route_id) DO NOTHING
      RETURNING id`
    if (!saved) throw new ApiError(409, 'already_saved', 'This club has already saved this route')
    return savedRouteFeature(await findSavedRoute(tx, clubId, saved.id))
  }) as Promise<ReturnType<typeof savedRouteFeature>>
}

/**
 * Renames an entry, or changes its notes or usual start time: a field left out stays as it is,
 * notes or a time given as null (or "") are cleared.
 */
export async function updateSavedRoute(
  sql: Sql,
  user: User,
  clubId: number,
  savedId: number,
  patch: { name?: string | undefined; notes?: string | null | undefined; usualStartTime?: string | null | undefined },
) {
  return sql.begin(async (tx) => {
    await findClub(tx, user, clubId, 'share')
    const [row] = await tx`
      UPDATE club_routes s SET
        name = coalesce(${patch.name ?? null}, s.name),
        notes = CASE WHEN ${patch.notes !== undefined} THEN ${textOrNull(patch.notes)} ELSE s.notes END,
        usual_start_time = CASE WHEN ${patch.usualStartTime !== undefined} THEN ${textOrNull(patch.usualStartTime)}::time ELSE s.usual_start_time END
      WHERE s.id = ${savedId} AND s.club_id = ${clubId}
      RETURNING s.id`
    if (!row) throw new ApiError(404, 'not_found', 'No such saved route in this club')
    return savedRouteFeature(await findSavedRoute(tx, clubId, savedId))
  }) as Promise<ReturnType<typeof savedRouteFeature>>
}

/**
 * Removes an entry from the library; its route expires again unless another entry keeps it.
 * Refused (409) while an upcoming run uses it; past runs on it go with it.
 */
export async function deleteSavedRoute(sql: Sql, user: User, clubId: number, savedId: number): Promise<void> {
  await sql.begin(async (tx) => {
    await findClub(tx, user, clubId, 'share')
    const { routeId } = await findSavedRoute(tx, clubId, savedId)
    await tx`SELECT FROM routes WHERE id = ${routeId} FOR UPDATE`
    const [upcoming] = await tx<{ n: number }[]>`
      SELECT count(*)::int AS n FROM club_runs u WHERE u.club_route_id = ${savedId} AND ${occursFrom(tx, 'now')}`
    if (upcoming!.n > 0) {
      throw new ApiError(409, 'route_in_use', `${upcoming!.n} upcoming run(s) use this route: delete them first`, {
        upcomingRuns: upcoming!.n,
      })
    }
    await tx`DELETE FROM club_routes WHERE id = ${savedId}`
    await releaseRoutes(tx, [routeId])
  })
}

/** The name a club saved a route under (the first club to save it), for its downloads; null when none did. */
export async function savedRouteName(sql: Query, routeId: string): Promise<string | null> {
  const [row] = await sql<{ name: string }[]>`
    SELECT name FROM club_routes WHERE route_id = ${routeId} ORDER BY created_at, id LIMIT 1`
  return row?.name ?? null
}
