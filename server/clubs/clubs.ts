import type { TransactionSql } from 'postgres'
import type { User } from '../auth/users.ts'
import type { Query, Sql } from '../db/database.ts'
import { ApiError } from '../errors.ts'
import { KEEP_HOURS } from '../routing/store.ts'


export type Club = {
  id: number
  name: string
  meetingPoint: { lng: number; lat: number }
  ownerId: number
  /** Has the club a calendar feed link (calendar-feed.ts)? The link itself is shown only when made. */
  calendarFeed: boolean
  createdAt: string
  updatedAt: string
}

/** A timestamptz as ISO 8601 in UTC, to the second. */
export const isoTime = (sql: Query, column: ReturnType<Query>) =>
  sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`

/** A club as the API returns it; the table aliased `k`. */
function clubColumns(sql: Query) {
  return sql`k.id, k.name, json_build_object('lng', ST_X(k.meeting_point), 'lat', ST_Y(k.meeting_point)) AS "meetingPoint",
             k.owner_id AS "ownerId", k.feed_hash IS NOT NULL AS "calendarFeed", ${isoTime(sql, sql`k.created_at`)} AS "createdAt", ${isoTime(sql, sql`k.updated_at`)} AS "updatedAt"`
}

/** The clubs a user may see and change: their own; every club for an admin. */
const mayManage = (sql: Query, user: User) => (user.role === 'admin' ? sql`true` : sql`k.owner_id = ${user.id}`)

/** The point, only when it lies in an imported boundary: the club must meet inside the map. */
const pointInArea = (sql: Query, at: { lng: number; lat: number }) =>
  sql`(SELECT p FROM (SELECT ST_SetSRID(ST_MakePoint(${at.lng}, ${at.lat}), 4326) AS p) s
       WHERE EXISTS (SELECT FROM boundaries b WHERE ST_Intersects(b.geom, s.p)))`

const areaNotCovered = () => new ApiError(422, 'area_not_covered', 'The meeting point is outside the area the map covers')
const noSuchClub = () => new ApiError(404, 'not_found', 'No such club')

export function listClubs(sql: Sql, user: User): Promise<Club[]> {
  return sql<Club[]>`SELECT ${clubColumns(sql)} FROM clubs k WHERE ${mayManage(sql, user)} ORDER BY lower(k.name), k.id`
}

/**
 * The club if the user may manage it, else 404 (never 403, so ids of other clubs don't leak).
 * `lock` takes the row for the rest of a transaction: `share` keeps it from being deleted
 * meanwhile, `update` for changing or deleting it.
 */
export async function findClub(sql: Query, user: User, id: number, lock?: 'share' | 'update'): Promise<Club> {
  const [club] = await sql<Club[]>`
    SELECT ${clubColumns(sql)} FROM clubs k WHERE k.id = ${id} AND ${mayManage(sql, user)}
    ${lock === 'share' ? sql`FOR KEY SHARE` : lock === 'update' ? sql`FOR UPDATE` : sql``}`
  if (!club) throw noSuchClub()
  return club
}

export async function createClub(sql: Sql, user: User, body: { name: string; meetingPoint: { lng: number; lat: number } }) {
  const [club] = await sql<Club[]>`
    WITH k AS (
      INSERT INTO clubs (owner_id, name, meeting_point)
      SELECT ${user.id}, ${body.name}, p FROM ${pointInArea(sql, body.meetingPoint)} AS m(p) WHERE p IS NOT NULL
      RETURNING *)
    SELECT ${clubColumns(sql)} FROM k`
  if (!club) throw areaNotCovered()
  return club
}

export async function updateClub(
  sql: Sql,
  user: User,
  id: number,
  patch: { name?: string | undefined; meetingPoint?: { lng: number; lat: number } | undefined },
): Promise<Club> {
  return sql.begin(async (tx) => {
    await findClub(tx, user, id, 'update')
    let point = tx`k.meeting_point`
    if (patch.meetingPoint) {
      const [inside] = await tx<{ ok: boolean }[]>`SELECT true AS ok FROM ${pointInArea(tx, patch.meetingPoint)} AS m(p) WHERE p IS NOT NULL`
      if (!inside) throw areaNotCovered()
      point = tx`ST_SetSRID(ST_MakePoint(${patch.meetingPoint.lng}, ${patch.meetingPoint.lat}), 4326)`
    }
    await tx`
      UPDATE clubs k SET name = coalesce(${patch.name ?? null}, k.name), meeting_point = ${point}, updated_at = now()
      WHERE k.id = ${id}`
    return findClub(tx, user, id)
  }) as Promise<Club>
}

/** Deletes the club with its library and runs; routes no other club keeps expire again. */
export async function deleteClub(sql: Sql, user: User, id: number): Promise<void> {
  await sql.begin(async (tx) => {
    await findClub(tx, user, id, 'update')
    const saved = await tx<{ routeId: string }[]>`SELECT route_id AS "routeId" FROM club_routes WHERE club_id = ${id}`
    const routeIds = saved.map((r) => r.routeId)
    if (routeIds.length) await tx`SELECT FROM routes WHERE id IN ${tx(routeIds)} ORDER BY id FOR UPDATE`
    await tx`DELETE FROM clubs WHERE id = ${id}`
    if (routeIds.length) await releaseRoutes(tx, routeIds)
  })
}

/** Routes that no saved entry uses any more expire again. The caller holds their row locks. */
export async function releaseRoutes(tx: TransactionSql, routeIds: string[]): Promise<void> {
  await tx`
    UPDATE routes r SET expires_at = now() + make_interval(hours => ${KEEP_HOURS}) -- as a freshly computed one
    WHERE r.id IN ${tx(routeIds)} AND r.expires_at IS NULL
      AND NOT EXISTS (SELECT FROM club_routes s WHERE s.route_id = r.id)`
}
