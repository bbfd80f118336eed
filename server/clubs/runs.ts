import type { Geometry } from 'geojson'
import type { User } from '../auth/users.ts'
import type { Query, Sql } from '../db/database.ts'
import { ApiError } from '../errors.ts'
import { findClub, isoTime } from './clubs.ts'
import { MAX_RUN_DAYS_AHEAD, textOrNull } from './vocabulary.ts'


/** Officers who joined a run: name only, never their email. */
export type Joined = { id: number; name: string }

export type ClubRun = {
  id: number
  savedRouteId: number
  routeName: string
  startsAt: string
  notes: string | null
  officers: Joined[]
}

/** Run aliased `u`, saved route `s`. */
function runColumns(sql: Query) {
  return sql`u.id, u.club_route_id AS "savedRouteId", s.name AS "routeName", ${isoTime(sql, sql`u.starts_at`)} AS "startsAt", u.notes,
             coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY j.joined_at, o.id)
                       FROM club_run_officers j JOIN users o ON o.id = j.officer_id WHERE j.run_id = u.id), '[]'::json) AS officers`
}

/** A club's runs from now on, soonest first. */
export async function listClubRuns(sql: Sql, user: User, clubId: number): Promise<ClubRun[]> {
  await findClub(sql, user, clubId)
  return sql<ClubRun[]>`
    SELECT ${runColumns(sql)} FROM club_runs u JOIN club_routes s ON s.id = u.club_route_id
    WHERE u.club_id = ${clubId} AND u.starts_at > now() ORDER BY u.starts_at, u.id`
}

export async function scheduleRun(
  sql: Sql,
  user: User,
  clubId: number,
  body: { savedRouteId: number; startsAt: string; notes?: string | null | undefined },
): Promise<ClubRun> {
  const startsAt = new Date(body.startsAt)
  if (startsAt.getTime() <= Date.now()) throw new ApiError(422, 'run_in_the_past', 'startsAt must be in the future')
  if (startsAt.getTime() > Date.now() + MAX_RUN_DAYS_AHEAD * 86_400_000) {
    throw new ApiError(422, 'run_too_far_ahead', `A run is planned at most ${MAX_RUN_DAYS_AHEAD} days ahead`, { maxDays: MAX_RUN_DAYS_AHEAD })
  }
  return sql.begin(async (tx) => {
    await findClub(tx, user, clubId, 'share')
    const [saved] = await tx`SELECT id FROM club_routes WHERE id = ${body.savedRouteId} AND club_id = ${clubId} FOR KEY SHARE`
    if (!saved) throw new ApiError(422, 'unknown_saved_route', `This club has no saved route ${body.savedRouteId}`)
    const [run] = await tx<{ id: number }[]>`
      INSERT INTO club_runs (club_id, club_route_id, starts_at, notes)
      VALUES (${clubId}, ${body.savedRouteId}, ${startsAt}, ${textOrNull(body.notes)})
      RETURNING id`
    const [created] = await tx<ClubRun[]>`
      SELECT ${runColumns(tx)} FROM club_runs u JOIN club_routes s ON s.id = u.club_route_id WHERE u.id = ${run!.id}`
    return created!
  }) as Promise<ClubRun>
}

export async function cancelRun(sql: Sql, user: User, clubId: number, runId: number): Promise<void> {
  await sql.begin(async (tx) => {
    await findClub(tx, user, clubId, 'share')
    const [run] = await tx`DELETE FROM club_runs WHERE id = ${runId} AND club_id = ${clubId} RETURNING id`
    if (!run) throw new ApiError(404, 'not_found', 'No such run in this club')
  })
}

/** The most runs one officer list carries (`truncated` says there were more). */
export const MAX_OFFICER_RUNS = 1000
/** The officers' list of runs covers this many days unless the query says. */
export const DEFAULT_WINDOW_DAYS = 30

type OfficerRunRow = ClubRun & {
  clubId: number
  clubName: string
  lengthMeters: number | null
  joinedByMe: boolean
  geometry: string
}

/** The window of the officers' list (validated by runsQuery): from now, for 30 days, unless the query says. */
export function runWindow(query: { from?: Date | undefined; to?: Date | undefined }, now = new Date()) {
  const from = query.from ?? now
  return { from, to: query.to ?? new Date(from.getTime() + DEFAULT_WINDOW_DAYS * 86_400_000) }
}

/** Runs of every club in the window, for officers planning to join: a FeatureCollection of route lines. */
export async function listRunsForOfficers(sql: Sql, officer: User, window: { from: Date; to: Date }) {
  const rows = await sql<OfficerRunRow[]>`
    SELECT ${runColumns(sql)}, k.id AS "clubId", k.name AS "clubName", r.properties -> 'lengthMeters' AS "lengthMeters",
           EXISTS (SELECT FROM club_run_officers j WHERE j.run_id = u.id AND j.officer_id = ${officer.id}) AS "joinedByMe",
           ST_AsGeoJSON(r.geom) AS geometry
    FROM club_runs u JOIN club_routes s ON s.id = u.club_route_id JOIN clubs k ON k.id = u.club_id JOIN routes r ON r.id = s.route_id
    WHERE u.starts_at >= ${window.from} AND u.starts_at < ${window.to}
    ORDER BY u.starts_at, u.id
    LIMIT ${MAX_OFFICER_RUNS + 1}`
  const features = rows.slice(0, MAX_OFFICER_RUNS).map(({ geometry, ...properties }) => ({
    type: 'Feature' as const,
    id: properties.id,
    geometry: JSON.parse(geometry) as Geometry,
    properties,
  }))
  return { type: 'FeatureCollection' as const, features, truncated: rows.length > MAX_OFFICER_RUNS }
}

/** Joins (or, with `join: false`, leaves) a run; answers who is on it now. Only runs yet to start. */
export async function setJoined(sql: Sql, officer: User, runId: number, join: boolean): Promise<{ runId: number; officers: Joined[] }> {
  return sql.begin(async (tx) => {
    const [run] = await tx<{ started: boolean }[]>`SELECT starts_at <= now() AS started FROM club_runs WHERE id = ${runId} FOR KEY SHARE`
    if (!run) throw new ApiError(404, 'not_found', 'No such run')
    if (run.started) throw new ApiError(422, 'run_started', 'This run has already started')
    if (join) {
      await tx`INSERT INTO club_run_officers (run_id, officer_id) VALUES (${runId}, ${officer.id}) ON CONFLICT DO NOTHING`
    } else {
      await tx`DELETE FROM club_run_officers WHERE run_id = ${runId} AND officer_id = ${officer.id}`
    }
    const officers = await tx<Joined[]>`
      SELECT o.id, o.name FROM club_run_officers j JOIN users o ON o.id = j.officer_id
      WHERE j.run_id = ${runId} ORDER BY j.joined_at, o.id`
    return { runId, officers: [...officers] }
  }) as Promise<{ runId: number; officers: Joined[] }>
}
