import type { Feature, FeatureCollection, LineString } from 'geojson'
import { PACE } from '../../common/pace.ts'
import type { User } from '../auth/users.ts'
import type { Sql } from '../db/database.ts'
import { ApiError } from '../errors.ts'
import { envelope, type Bbox } from '../map/bbox.ts'
import type { RoutingState } from '../routing/service.ts'
import { gpxTrackPoints } from './gpx-track.ts'
import { describeSchedule, scheduleSpan, sessions, type Schedule, type Session } from './schedule.ts'
import type { PatrolBody } from './vocabulary.ts'
import { joinPoints, type Waypoint } from './walk.ts'

/** The most plans one list carries. */
const MAX_PLANS = 1000
/** Sessions listed with each plan. */
const NEXT_SESSIONS = 5
/** Without a period, sessions are looked for this far ahead. */
const AHEAD_DAYS = 366

export type SessionTimes = { start: string; end: string }

export type PublicProperties = {
  id: number
  title: string
  team: string | null
  public: boolean
  schedule: Schedule
  /** The schedule in English words, for API clients; the UI words `schedule` in its own language. */
  scheduleText: string
  lengthMeters: number
  walkMinutes: number
  dwellMinutes: number
  nextSessions: SessionTimes[]
}
export type OfficerProperties = PublicProperties & { notes: string | null; waypoints: Waypoint[]; linkedConcerns: number; updatedAt: string }
export type PatrolProperties = PublicProperties & Partial<Omit<OfficerProperties, keyof PublicProperties>>
export type PatrolFeature = Feature<LineString, PatrolProperties>

/** A plan as stored, before it is shaped for an audience. */
type PlanRow = {
  id: number
  title: string
  team: string | null
  notes: string | null
  public: boolean
  waypoints: Waypoint[]
  schedule: Schedule
  geometry: LineString
  lengthMeters: number
  linkedConcerns: number
  updatedAt: Date
}

const asTimes = (s: Session): SessionTimes => ({ start: s.start.toISOString(), end: s.end.toISOString() })

/** The columns of a plan; the table aliased `p`. Its linked concerns are counted only for officers' answers. */
const columns = (sql: Sql, countLinks = true) => sql`
  p.id::int AS id, p.title, p.team, p.notes, p.public, p.waypoints, p.schedule, ST_AsGeoJSON(p.geom)::json AS geometry,
  p.length_meters AS "lengthMeters", p.updated_at AS "updatedAt",
  ${countLinks ? sql`(SELECT count(*)::int FROM patrol_concerns l WHERE l.patrol_id = p.id)` : sql`0`} AS "linkedConcerns"`

/** A plan for an audience: officers see everything, the public never the notes or waypoints. */
function patrolFeature(row: PlanRow, officer: boolean, upcoming: Session[]): PatrolFeature {
  const dwellMinutes = row.waypoints.reduce((sum, w) => sum + w.dwellMinutes, 0)
  const properties: PatrolProperties = {
    id: row.id,
    title: row.title,
    team: row.team,
    public: row.public,
    schedule: row.schedule,
    scheduleText: describeSchedule(row.schedule),
    lengthMeters: Math.round(row.lengthMeters),
    walkMinutes: Math.round(row.lengthMeters / PACE.patrol),
    dwellMinutes,
    nextSessions: upcoming.slice(0, NEXT_SESSIONS).map(asTimes),
  }
  if (officer) {
    Object.assign(properties, {
      notes: row.notes,
      waypoints: row.waypoints,
      linkedConcerns: row.linkedConcerns,
      updatedAt: row.updatedAt.toISOString(),
    })
  }
  return { type: 'Feature', id: row.id, geometry: row.geometry, properties }
}

/** Sessions from now (or `from`) until `to` (or a year ahead). */
function upcomingSessions(schedule: Schedule, from?: Date, to?: Date): Session[] {
  const start = from ?? new Date()
  return sessions(schedule, start, to ?? new Date(start.getTime() + AHEAD_DAYS * 86_400_000))
}

/** Creates a plan, or replaces plan `id`: the line is joined along the network from the waypoints or the GPX track. */
export async function savePatrol(sql: Sql, state: RoutingState, user: User, body: PatrolBody, id?: number): Promise<PatrolFeature> {
  const span = scheduleSpan(body.schedule)
  if (!span) throw new ApiError(422, 'empty_schedule', 'None of the days falls between validFrom and validUntil, so the plan has no session')
  const walk = joinPoints(state, body.gpx === undefined ? body.waypoints! : gpxTrackPoints(body.gpx))
  const team = body.team || null
  const notes = body.notes || null
  const waypoints = sql.json(walk.waypoints)
  const schedule = sql.json(body.schedule as never)
  const geometry = sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(walk.geometry)}), 4326)`
  const [saved] =
    id === undefined
      ? await sql<PlanRow[]>`
          WITH p AS (
            INSERT INTO patrols (title, team, notes, public, waypoints, schedule, first_start, last_end, length_meters, geom, created_by)
            VALUES (${body.title}, ${team}, ${notes}, ${body.public}, ${waypoints}, ${schedule},
                    ${span.first}, ${span.last}, ${walk.lengthMeters}, ${geometry}, ${user.id})
            RETURNING *)
          SELECT ${columns(sql)} FROM p`
      : await sql<PlanRow[]>`
          WITH p AS (
            UPDATE patrols SET title = ${body.title}, team = ${team}, notes = ${notes}, public = ${body.public},
                   waypoints = ${waypoints}, schedule = ${schedule}, first_start = ${span.first}, last_end = ${span.last},
                   length_meters = ${walk.lengthMeters}, geom = ${geometry}, updated_at = now()
            WHERE id = ${id} RETURNING *)
          SELECT ${columns(sql)} FROM p`
  if (!saved) throw new ApiError(404, 'not_found', 'No such patrol plan')
  return patrolFeature(saved, true, upcomingSessions(body.schedule))
}

export async function deletePatrol(sql: Sql, id: number): Promise<void> {
  const [row] = await sql`DELETE FROM patrols WHERE id = ${id} RETURNING id`
  if (!row) throw new ApiError(404, 'not_found', 'No such patrol plan')
}

/**
 * Plans whose line meets the bbox (none: anywhere). With a margin in degrees, plans whose line's
 * bounding box comes within it: coverage then measures the distances itself.
 */
function inBbox(sql: Sql, bbox: Bbox | undefined, margin = 0) {
  if (!bbox) return sql`true`
  const box = envelope(sql, [bbox[0] - margin, bbox[1] - margin, bbox[2] + margin, bbox[3] + margin])
  return margin > 0 ? sql`p.geom && ${box}` : sql`p.geom && ${box} AND ST_Intersects(p.geom, ${box})`
}

/**
 * Plans with their sessions in [from, to): for the public only public plans, whatever is asked.
 * Without a period, every plan with a session from now on. A non-public plan is filtered in the
 * SQL, so it never reaches the shaping code of a public answer.
 */
export async function plansInPeriod(
  sql: Sql,
  query: { bbox?: Bbox | undefined; from?: Date | undefined; to?: Date | undefined; officer: boolean; margin?: number; countLinks?: boolean },
): Promise<{ row: PlanRow; sessions: Session[] }[]> {
  const from = query.from ?? new Date()
  const to = query.to ?? new Date(from.getTime() + AHEAD_DAYS * 86_400_000)
  const rows = await sql<PlanRow[]>`
    SELECT ${columns(sql, query.countLinks ?? false)} FROM patrols p
    WHERE (${query.officer} OR p.public) AND p.last_end > ${from} AND p.first_start < ${to} AND ${inBbox(sql, query.bbox, query.margin)}
    ORDER BY p.first_start, p.id LIMIT ${MAX_PLANS}`
  return rows.map((row) => ({ row, sessions: sessions(row.schedule, from, to) })).filter((p) => p.sessions.length > 0)
}

export async function listPatrols(
  sql: Sql,
  query: { bbox?: Bbox | undefined; from?: Date | undefined; to?: Date | undefined; officer: boolean },
): Promise<FeatureCollection<LineString, PatrolProperties>> {
  const plans = await plansInPeriod(sql, { ...query, countLinks: query.officer })
  return { type: 'FeatureCollection', features: plans.map((p) => patrolFeature(p.row, query.officer, p.sessions)) }
}

/** One plan (officers; the public only when it is public). */
export async function findPatrol(sql: Sql, id: number, officer: boolean): Promise<PatrolFeature> {
  const [row] = await sql<PlanRow[]>`SELECT ${columns(sql, officer)} FROM patrols p WHERE p.id = ${id} AND (${officer} OR p.public)`
  if (!row) throw new ApiError(404, 'not_found', 'No such patrol plan')
  return patrolFeature(row, officer, upcomingSessions(row.schedule))
}

/** "Next patrol near here": within this distance of the point … */
export const NEAR_METRES = 500
/** … and this many days ahead. */
export const NEAR_DAYS = 14

/** `scheduleText` is English, for API clients; the UI words `schedule` (or the session's times). */
export type NearPatrol = {
  patrol: { id: number; title: string; team: string | null; schedule: Schedule; scheduleText: string }
  start: string
  end: string
  distanceMeters: number
}

/** The next session of each public plan passing near a point, soonest first (at most 3). */
export async function nextPatrolsNear(sql: Sql, lng: number, lat: number): Promise<NearPatrol[]> {
  const now = new Date()
  const until = new Date(now.getTime() + NEAR_DAYS * 86_400_000)
  const rows = await sql<{ id: number; title: string; team: string | null; schedule: Schedule; distance: number }[]>`
    SELECT p.id::int AS id, p.title, p.team, p.schedule,
           ST_Distance(p.geom::geography, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography) AS distance
    FROM patrols p
    WHERE p.public AND p.last_end > ${now} AND p.first_start < ${until}
      AND ST_DWithin(p.geom::geography, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography, ${NEAR_METRES})`
  const near: NearPatrol[] = []
  for (const row of rows) {
    const next = sessions(row.schedule, now, until)[0]
    if (!next) continue
    near.push({
      patrol: { id: row.id, title: row.title, team: row.team, schedule: row.schedule, scheduleText: describeSchedule(row.schedule) },
      ...asTimes(next),
      distanceMeters: Math.round(row.distance),
    })
  }
  return near.sort((a, b) => a.start.localeCompare(b.start)).slice(0, 3)
}

export async function linkConcern(sql: Sql, user: User, patrolId: number, concernId: number): Promise<void> {
  await sql.begin(async (tx) => {
    const [plan] = await tx`SELECT id FROM patrols WHERE id = ${patrolId} FOR KEY SHARE`
    if (!plan) throw new ApiError(404, 'not_found', 'No such patrol plan')
    const [concern] = await tx`SELECT id FROM concerns WHERE id = ${concernId} FOR KEY SHARE`
    if (!concern) throw new ApiError(422, 'unknown_concern', `No concern ${concernId}`)
    await tx`INSERT INTO patrol_concerns (patrol_id, concern_id, linked_by) VALUES (${patrolId}, ${concernId}, ${user.id})
             ON CONFLICT DO NOTHING`
  })
}

export async function unlinkConcern(sql: Sql, patrolId: number, concernId: number): Promise<void> {
  const [row] = await sql`DELETE FROM patrol_concerns WHERE patrol_id = ${patrolId} AND concern_id = ${concernId} RETURNING patrol_id`
  if (!row) throw new ApiError(404, 'not_found', 'This concern is not linked to this plan')
}

/** `scheduleText` is English, for API clients; the receipt words `schedule` in the page's language. */
export type LinkedPatrol = { title: string; team: string | null; schedule: Schedule; scheduleText: string; nextSessions: SessionTimes[] }

/** Public plans linked to these concerns (a report and the one it was merged into), for the receipt. */
export async function linkedPatrols(sql: Sql, concernIds: number[]): Promise<LinkedPatrol[]> {
  const rows = await sql<{ title: string; team: string | null; schedule: Schedule }[]>`
    SELECT DISTINCT ON (p.id) p.title, p.team, p.schedule FROM patrols p JOIN patrol_concerns l ON l.patrol_id = p.id
    WHERE l.concern_id = ANY(${concernIds}::bigint[]) AND p.public AND p.last_end > now() ORDER BY p.id`
  return rows.map((r) => ({
    title: r.title,
    team: r.team,
    schedule: r.schedule,
    scheduleText: describeSchedule(r.schedule),
    nextSessions: upcomingSessions(r.schedule).slice(0, 3).map(asTimes),
  }))
}
