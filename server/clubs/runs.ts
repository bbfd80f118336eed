import type { Geometry } from 'geojson'
import type { User } from '../auth/users.ts'
import type { Query, Sql } from '../db/database.ts'
import { ApiError } from '../errors.ts'
import { findClub } from './clubs.ts'
import { isoSecond, nextOccurrence, occurrenceOn, occurrences, occurrencesAfter, planWeekly, weeklyJson, type Occurrence, type RunTiming, type WeeklyRequest } from './occurrences.ts'
import { MAX_RUN_DAYS_AHEAD, textOrNull } from './vocabulary.ts'

/** Officers who joined a run: name only, never their email. */
export type Joined = { id: number; name: string }

/** How many of a weekly run's next occurrences the organiser's list shows, each with who joined it. */
export const OCCURRENCES_LISTED = 4

/** A run's row: `weekly` worked out of its columns by `timing`. */
type RunRow = {
  id: number
  savedRouteId: number
  routeName: string
  notes: string | null
  startsAt: Date
  weekday: number | null
  startTime: string | null
  until: string | null
}

/** Run aliased `u`, saved route `s`. */
function runColumns(sql: Query) {
  return sql`u.id, u.club_route_id AS "savedRouteId", s.name AS "routeName", u.notes, u.starts_at AS "startsAt",
             u.weekday, to_char(u.start_time, 'HH24:MI') AS "startTime", to_char(u.until, 'YYYY-MM-DD') AS until`
}

/** Runs (aliased `u`) with an occurrence starting at or after `at`: a one-off from then, a weekly run not past its last. */
export const occursFrom = (sql: Query, at: Date | 'now') => {
  const from = at === 'now' ? sql`now()` : sql`${at}`
  return sql`(CASE WHEN u.weekday IS NULL THEN u.starts_at >= ${from} ELSE u.last_starts_at IS NULL OR u.last_starts_at >= ${from} END)`
}

const timing = (row: RunRow): RunTiming => ({
  startsAt: row.startsAt,
  weekly: row.weekday === null ? null : { weekday: row.weekday, startTime: row.startTime!, until: row.until },
})

/** Who joined which occurrence (from `from` on) of these runs: keyed `runId@epoch ms`. */
async function joinedBy(sql: Query, runIds: number[], from: Date): Promise<Map<string, Joined[]>> {
  const joined = new Map<string, Joined[]>()
  if (runIds.length === 0) return joined
  const rows = await sql<{ runId: number; startsAt: Date; id: number; name: string }[]>`
    SELECT j.run_id AS "runId", j.starts_at AS "startsAt", o.id, o.name
    FROM club_run_officers j JOIN users o ON o.id = j.officer_id
    WHERE j.run_id IN ${sql(runIds)} AND j.starts_at >= ${from}
    ORDER BY j.joined_at, o.id`
  for (const { runId, startsAt, id, name } of rows) {
    const key = `${runId}@${startsAt.getTime()}`
    joined.set(key, [...(joined.get(key) ?? []), { id, name }])
  }
  return joined
}

const officersOf = (joined: Map<string, Joined[]>, runId: number, o: Occurrence) => joined.get(`${runId}@${o.startsAt.getTime()}`) ?? []

/**
 * A run as its organiser sees it: `startsAt` and `officers` of its next occurrence, and for a
 * weekly run its pattern and the next few occurrences with who joined each.
 */
function clubRunJson(row: RunRow, joined: Map<string, Joined[]>, now: Date) {
  const run = timing(row)
  const next = occurrencesAfter(run, now, run.weekly ? OCCURRENCES_LISTED : 1)
  const listed = next.map((o) => ({ date: o.date, startsAt: isoSecond(o.startsAt), officers: officersOf(joined, row.id, o) }))
  return {
    id: row.id,
    savedRouteId: row.savedRouteId,
    routeName: row.routeName,
    startsAt: listed[0]?.startsAt ?? isoSecond(row.startsAt),
    notes: row.notes,
    weekly: weeklyJson(run.weekly),
    officers: listed[0]?.officers ?? [],
    occurrences: listed,
  }
}
export type ClubRun = ReturnType<typeof clubRunJson>

/** A club's runs with an occurrence to come, soonest next occurrence first. */
export async function listClubRuns(sql: Sql, user: User, clubId: number): Promise<ClubRun[]> {
  await findClub(sql, user, clubId)
  const rows = await sql<RunRow[]>`
    SELECT ${runColumns(sql)} FROM club_runs u JOIN club_routes s ON s.id = u.club_route_id
    WHERE u.club_id = ${clubId} AND ${occursFrom(sql, 'now')}`
  const now = new Date()
  const joined = await joinedBy(sql, rows.map((r) => r.id), now)
  return rows
    .map((row) => clubRunJson(row, joined, now))
    .filter((run) => run.occurrences.length > 0)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id - b.id)
}

/** The soonest date of the club's runs on a saved route, weekly or one-off, for its share link; null when none is planned. */
export async function nextRunOn(sql: Sql, savedId: number) {
  const rows = await sql<RunRow[]>`
    SELECT ${runColumns(sql)} FROM club_runs u JOIN club_routes s ON s.id = u.club_route_id
    WHERE u.club_route_id = ${savedId} AND ${occursFrom(sql, 'now')}`
  const next = rows
    .map((row) => ({ weekly: timing(row).weekly, occurrence: nextOccurrence(timing(row)) }))
    .filter((r) => r.occurrence !== null)
    .sort((a, b) => a.occurrence!.startsAt.getTime() - b.occurrence!.startsAt.getTime())[0]
  return next ? { startsAt: isoSecond(next.occurrence!.startsAt), weekly: weeklyJson(next.weekly) } : null
}

type RunRequest = { savedRouteId: number; startsAt?: string | undefined; weekly?: WeeklyRequest | undefined; notes?: string | null | undefined }

/** When a requested run happens, refusing one in the past or too far ahead. */
function planRun(body: RunRequest, now = new Date()) {
  if (body.weekly) return planWeekly(body.weekly, now)
  const startsAt = new Date(body.startsAt!)
  if (startsAt.getTime() <= now.getTime()) throw new ApiError(422, 'run_in_the_past', 'startsAt must be in the future')
  if (startsAt.getTime() > now.getTime() + MAX_RUN_DAYS_AHEAD * 86_400_000) {
    throw new ApiError(422, 'run_too_far_ahead', `A run is planned at most ${MAX_RUN_DAYS_AHEAD} days ahead`, { maxDays: MAX_RUN_DAYS_AHEAD })
  }
  return { startsAt, weekly: null, lastStartsAt: null }
}

export async function scheduleRun(sql: Sql, user: User, clubId: number, body: RunRequest): Promise<ClubRun> {
  const plan = planRun(body)
  return sql.begin(async (tx) => {
    await findClub(tx, user, clubId, 'share')
    const [saved] = await tx`SELECT id FROM club_routes WHERE id = ${body.savedRouteId} AND club_id = ${clubId} FOR KEY SHARE`
    if (!saved) throw new ApiError(422, 'unknown_saved_route', `This club has no saved route ${body.savedRouteId}`)
    const [run] = await tx<{ id: number }[]>`
      INSERT INTO club_runs (club_id, club_route_id, starts_at, notes, weekday, start_time, until, last_starts_at)
      VALUES (${clubId}, ${body.savedRouteId}, ${plan.startsAt}, ${textOrNull(body.notes)}, ${plan.weekly?.weekday ?? null},
              ${plan.weekly?.startTime ?? null}::time, ${plan.weekly?.until ?? null}::date, ${plan.lastStartsAt})
      RETURNING id`
    const [created] = await tx<RunRow[]>`
      SELECT ${runColumns(tx)} FROM club_runs u JOIN club_routes s ON s.id = u.club_route_id WHERE u.id = ${run!.id}`
    return clubRunJson(created!, new Map(), new Date())
  }) as Promise<ClubRun>
}

/** Cancels a run, every occurrence of a weekly one (officers who joined are dropped with it). */
export async function cancelRun(sql: Sql, user: User, clubId: number, runId: number): Promise<void> {
  await sql.begin(async (tx) => {
    await findClub(tx, user, clubId, 'share')
    const [run] = await tx`DELETE FROM club_runs WHERE id = ${runId} AND club_id = ${clubId} RETURNING id`
    if (!run) throw new ApiError(404, 'not_found', 'No such run in this club')
  })
}

/** The club's runs with an occurrence to come, for its calendar (calendar.ts). */
export async function calendarRuns(sql: Sql, user: User, clubId: number) {
  const club = await findClub(sql, user, clubId)
  return { club, runs: await runsForCalendar(sql, clubId) }
}

/** A club's runs from now on, with how long each takes at running pace, for its calendar. */
export async function runsForCalendar(sql: Sql, clubId: number) {
  const rows = await sql<(RunRow & { lengthMeters: number | null })[]>`
    SELECT ${runColumns(sql)}, r.properties -> 'lengthMeters' AS "lengthMeters"
    FROM club_runs u JOIN club_routes s ON s.id = u.club_route_id JOIN routes r ON r.id = s.route_id
    WHERE u.club_id = ${clubId} AND ${occursFrom(sql, 'now')} ORDER BY u.starts_at, u.id`
  return rows.map((row) => ({ ...row, timing: timing(row) }))
}

/** The most occurrences one officer list carries (`truncated` says there were more). */
export const MAX_OFFICER_RUNS = 1000
/** The officers' list of runs covers this many days unless the query says. */
export const DEFAULT_WINDOW_DAYS = 30

/** The window of the officers' list (validated by runsQuery): from now, for 30 days, unless the query says. */
export function runWindow(query: { from?: Date | undefined; to?: Date | undefined }, now = new Date()) {
  const from = query.from ?? now
  return { from, to: query.to ?? new Date(from.getTime() + DEFAULT_WINDOW_DAYS * 86_400_000) }
}

type OfficerRunRow = RunRow & { clubId: number; clubName: string; lengthMeters: number | null; geometry: string }

/**
 * Runs of every club in the window, for officers planning to join: one feature an occurrence
 * (a weekly run appears once a week), with who joined that occurrence, on the route's line.
 */
export async function listRunsForOfficers(sql: Sql, officer: User, window: { from: Date; to: Date }) {
  const rows = await sql<OfficerRunRow[]>`
    SELECT ${runColumns(sql)}, k.id AS "clubId", k.name AS "clubName", r.properties -> 'lengthMeters' AS "lengthMeters",
           ST_AsGeoJSON(r.geom) AS geometry
    FROM club_runs u JOIN club_routes s ON s.id = u.club_route_id JOIN clubs k ON k.id = u.club_id JOIN routes r ON r.id = s.route_id
    WHERE u.starts_at < ${window.to} AND ${occursFrom(sql, window.from)}`
  const joined = await joinedBy(sql, rows.map((r) => r.id), window.from)
  const all = rows.flatMap((row) => occurrences(timing(row), window.from, window.to, MAX_OFFICER_RUNS + 1).map((o) => ({ row, o })))
  all.sort((a, b) => a.o.startsAt.getTime() - b.o.startsAt.getTime() || a.row.id - b.row.id)
  const features = all.slice(0, MAX_OFFICER_RUNS).map(({ row, o }) => {
    const officers = officersOf(joined, row.id, o)
    return {
      type: 'Feature' as const,
      /** Unique in the list: the run and the occurrence's London date. */
      id: `${row.id}/${o.date}`,
      geometry: JSON.parse(row.geometry) as Geometry,
      properties: {
        id: row.id,
        savedRouteId: row.savedRouteId,
        routeName: row.routeName,
        date: o.date,
        startsAt: isoSecond(o.startsAt),
        notes: row.notes,
        weekly: weeklyJson(timing(row).weekly),
        officers,
        clubId: row.clubId,
        clubName: row.clubName,
        lengthMeters: row.lengthMeters,
        joinedByMe: officers.some((x) => x.id === officer.id),
      },
    }
  })
  return { type: 'FeatureCollection' as const, features, truncated: all.length > MAX_OFFICER_RUNS }
}

/**
 * Joins (or, with `join: false`, leaves) one occurrence of a run: the one on `date` (London), or
 * without it the next one. Answers who is on that occurrence now. Only occurrences yet to start.
 */
export async function setJoined(sql: Sql, officer: User, runId: number, date: string | undefined, join: boolean) {
  return sql.begin(async (tx) => {
    const [row] = await tx<RunRow[]>`
      SELECT ${runColumns(tx)} FROM club_runs u JOIN club_routes s ON s.id = u.club_route_id WHERE u.id = ${runId} FOR KEY SHARE OF u`
    if (!row) throw new ApiError(404, 'not_found', 'No such run')
    const occurrence = date === undefined ? nextOccurrence(timing(row)) : occurrenceOn(timing(row), date)
    if (date !== undefined && !occurrence) throw new ApiError(404, 'not_found', `This run does not take place on ${date}`)
    if (!occurrence || occurrence.startsAt.getTime() <= Date.now()) throw new ApiError(422, 'run_started', 'This run has already started')
    if (join) {
      await tx`INSERT INTO club_run_officers (run_id, starts_at, officer_id) VALUES (${runId}, ${occurrence.startsAt}, ${officer.id}) ON CONFLICT DO NOTHING`
    } else {
      await tx`DELETE FROM club_run_officers WHERE run_id = ${runId} AND starts_at = ${occurrence.startsAt} AND officer_id = ${officer.id}`
    }
    const officers = await tx<Joined[]>`
      SELECT o.id, o.name FROM club_run_officers j JOIN users o ON o.id = j.officer_id
      WHERE j.run_id = ${runId} AND j.starts_at = ${occurrence.startsAt} ORDER BY j.joined_at, o.id`
    return { runId, date: occurrence.date, startsAt: isoSecond(occurrence.startsAt), officers: [...officers] }
  }) as Promise<{ runId: number; date: string; startsAt: string; officers: Joined[] }>
}
