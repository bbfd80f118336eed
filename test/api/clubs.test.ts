import { createHash } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '../../server/auth/users.ts'
import ICAL from 'ical.js'
import { addDays, londonDate, londonInstant } from '../../common/london-time.ts'
import { createTestApp } from '../support/app.ts'
import { clubState, countRows, insertRoute, resetClubs, routeExpiry, signedIn, SOUTHGATE_LINE } from '../support/clubs.ts'
import { createArea, json } from '../support/concerns.ts'
import { resetMapData, useTestSql } from '../support/db.ts'
import { resetAccounts } from '../support/users.ts'

const sql = useTestSql()
type App = Awaited<ReturnType<typeof createTestApp>>

beforeEach(async () => {
  await resetClubs(sql)
  await resetAccounts(sql)
  await resetMapData(sql)
  await createArea(sql)
})

const MEETING_POINT = { lng: -0.1301, lat: 51.6321 }
const HOUR = 3_600_000
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString()

/** A request with a session cookie (or none), same-site like the front end. */
function as(cookie: string | undefined, method = 'GET', body?: unknown): RequestInit {
  const headers: Record<string, string> = { origin: 'http://localhost' }
  if (cookie) headers.cookie = cookie
  if (body === undefined) return { method, headers }
  return json(method, body, headers)
}

async function call(app: App, cookie: string | undefined, method: string, path: string, body?: unknown) {
  const res = await app.request(path, as(cookie, method, body))
  const text = await res.text()
  const isJson = res.headers.get('content-type')?.startsWith('application/json')
  return { status: res.status, body: text && isJson ? JSON.parse(text) : undefined, text }
}

async function expectOk(app: App, cookie: string | undefined, method: string, path: string, body?: unknown, status = 200) {
  const res = await call(app, cookie, method, path, body)
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status)
  return res.body
}

/** An organiser's club with one saved route, a share link and a run two days ahead. */
async function clubWithRun(app: App, cookie: string) {
  const routeId = await insertRoute(sql)
  const club = await expectOk(app, cookie, 'POST', '/api/clubs', { name: 'Southgate Striders', meetingPoint: MEETING_POINT }, 201)
  const saved = await expectOk(app, cookie, 'POST', `/api/clubs/${club.id}/routes`, { routeId, name: 'Park loop' }, 201)
  const { token } = await expectOk(app, cookie, 'POST', `/api/clubs/${club.id}/routes/${saved.id}/share`, undefined, 201)
  const run = await expectOk(app, cookie, 'POST', `/api/clubs/${club.id}/runs`, { savedRouteId: saved.id, startsAt: inHours(48) }, 201)
  return { clubId: club.id as number, savedId: saved.id as number, routeId, token: token as string, runId: run.id as number, runDate: run.occurrences[0].date as string }
}

describe('the happy path', () => {
  it('creates a club, saves and shares a route, schedules a run that an officer joins, and deletes it all', async () => {
    const app = await createTestApp(sql)
    const organiser = await signedIn(sql, 'club', 'Olive Organiser')
    const officer = await signedIn(sql, 'officer', 'PC Patel')
    const routeId = await insertRoute(sql, { lengthMeters: 8012 })

    const club = await expectOk(app, organiser.cookie, 'POST', '/api/clubs', { name: ' Southgate Striders ', meetingPoint: MEETING_POINT }, 201)
    expect(club).toEqual({
      id: expect.any(Number),
      name: 'Southgate Striders',
      meetingPoint: MEETING_POINT,
      ownerId: organiser.user.id,
      calendarFeed: false,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      updatedAt: expect.any(String),
    })
    expect(await expectOk(app, organiser.cookie, 'GET', '/api/clubs')).toEqual({ clubs: [club] })
    expect(await expectOk(app, organiser.cookie, 'GET', `/api/clubs/${club.id}`)).toEqual(club)
    const renamed = await expectOk(app, organiser.cookie, 'PATCH', `/api/clubs/${club.id}`, { name: 'Southgate Harriers' })
    expect(renamed).toMatchObject({ name: 'Southgate Harriers', meetingPoint: MEETING_POINT })

    const saved = await expectOk(app, organiser.cookie, 'POST', `/api/clubs/${club.id}/routes`,
      { routeId, name: 'Grovelands loop', notes: 'Meet by the café', usualStartTime: '18:30' }, 201)
    expect(saved).toEqual({
      type: 'Feature',
      id: saved.id,
      geometry: { type: 'LineString', coordinates: SOUTHGATE_LINE },
      properties: {
        id: saved.id,
        routeId,
        name: 'Grovelands loop',
        notes: 'Meet by the café',
        usualStartTime: '18:30',
        kind: 'loop',
        profile: 'safest',
        lengthMeters: 8012,
        // insertRoute stores a route as computed before routes had reasons.
        reasons: null,
        explanation: ['Mostly lit streets', 'Avoids the unlit path across the park after dark'],
        shared: false,
        sharedShowsEnds: false,
        createdAt: expect.any(String),
      },
    })
    expect(await routeExpiry(sql, routeId)).toBeNull()
    const library = await expectOk(app, organiser.cookie, 'GET', `/api/clubs/${club.id}/routes`)
    expect(library).toEqual({ type: 'FeatureCollection', features: [saved] })

    const share = await expectOk(app, organiser.cookie, 'POST', `/api/clubs/${club.id}/routes/${saved.id}/share`, undefined, 201)
    expect(share.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(share.url).toBe(`/shared/${share.token}`)
    const opened = await app.request(`/api/shared-routes/${share.token}`) // no cookie, no origin
    expect(opened.status).toBe(200)
    expect(await opened.json()).toEqual({
      type: 'Feature',
      // Without its first and last 200 m (shared-routes.test.ts checks the cut).
      geometry: { type: 'LineString', coordinates: expect.any(Array) },
      properties: {
        lengthMeters: 8012,
        litShare: 0.8,
        explanation: expect.any(Array),
        kind: 'loop',
        name: 'Grovelands loop',
        notes: 'Meet by the café',
        usualStartTime: '18:30',
        clubName: 'Southgate Harriers',
      },
      hiddenEndMeters: 200,
      nextRun: null,
      gpxUrl: `/api/shared-routes/${share.token}/route.gpx`,
    })

    const startsAt = new Date(Date.now() + 3 * 24 * HOUR)
    startsAt.setUTCMilliseconds(0)
    const offset = startsAt.toISOString().replace('Z', '+00:00')
    const run = await expectOk(app, organiser.cookie, 'POST', `/api/clubs/${club.id}/runs`,
      { savedRouteId: saved.id, startsAt: offset, notes: 'Officers welcome' }, 201)
    const startsAtText = startsAt.toISOString().replace('.000Z', 'Z')
    const date = londonDate(startsAt)
    expect(run).toEqual({
      id: expect.any(Number),
      savedRouteId: saved.id,
      routeName: 'Grovelands loop',
      startsAt: startsAtText,
      notes: 'Officers welcome',
      weekly: null,
      officers: [],
      occurrences: [{ date, startsAt: startsAtText, officers: [] }],
    })
    // The shared page shows the club's next run on the route.
    expect((await (await app.request(`/api/shared-routes/${share.token}`)).json()).nextRun).toEqual({ startsAt: startsAtText, weekly: null })

    const upcoming = await expectOk(app, officer.cookie, 'GET', '/api/club-runs')
    expect(upcoming).toEqual({
      type: 'FeatureCollection',
      truncated: false,
      features: [{
        type: 'Feature',
        id: `${run.id}/${date}`,
        geometry: { type: 'LineString', coordinates: SOUTHGATE_LINE },
        properties: {
          id: run.id, savedRouteId: saved.id, routeName: 'Grovelands loop', date, startsAt: startsAtText, notes: 'Officers welcome',
          weekly: null, officers: [], clubId: club.id, clubName: 'Southgate Harriers', lengthMeters: 8012, joinedByMe: false,
        },
      }],
    })
    const joined = await expectOk(app, officer.cookie, 'POST', `/api/club-runs/${run.id}/join`)
    expect(joined).toEqual({ runId: run.id, date, startsAt: startsAtText, officers: [{ id: officer.user.id, name: 'PC Patel' }] })
    // Joining twice changes nothing.
    expect(await expectOk(app, officer.cookie, 'POST', `/api/club-runs/${run.id}/join`)).toEqual(joined)
    const seen = await expectOk(app, officer.cookie, 'GET', '/api/club-runs')
    expect(seen.features[0].properties).toMatchObject({ joinedByMe: true, officers: [{ id: officer.user.id, name: 'PC Patel' }] })
    // The organiser sees who joins, by name only.
    const pcPatel = [{ id: officer.user.id, name: 'PC Patel' }]
    expect(await expectOk(app, organiser.cookie, 'GET', `/api/clubs/${club.id}/runs`)).toEqual({
      runs: [{ ...run, officers: pcPatel, occurrences: [{ date, startsAt: startsAtText, officers: pcPatel }] }],
    })
    expect(await expectOk(app, officer.cookie, 'DELETE', `/api/club-runs/${run.id}/join`)).toEqual({ runId: run.id, date, startsAt: startsAtText, officers: [] })

    await expectOk(app, organiser.cookie, 'DELETE', `/api/clubs/${club.id}/routes/${saved.id}/share`, undefined, 204)
    expect((await app.request(`/api/shared-routes/${share.token}`)).status).toBe(404)
    await expectOk(app, organiser.cookie, 'DELETE', `/api/clubs/${club.id}/runs/${run.id}`, undefined, 204)
    expect(await expectOk(app, organiser.cookie, 'GET', `/api/clubs/${club.id}/runs`)).toEqual({ runs: [] })
    await expectOk(app, organiser.cookie, 'DELETE', `/api/clubs/${club.id}/routes/${saved.id}`, undefined, 204)
    expect(await expectOk(app, organiser.cookie, 'GET', `/api/clubs/${club.id}/routes`)).toEqual({ type: 'FeatureCollection', features: [] })
    await expectOk(app, organiser.cookie, 'DELETE', `/api/clubs/${club.id}`, undefined, 204)
    expect(await expectOk(app, organiser.cookie, 'GET', '/api/clubs')).toEqual({ clubs: [] })
    expect(await countRows(sql)).toEqual({ clubs: 0, saved: 0, runs: 0, joined: 0 })
  })
})

describe('share links', () => {
  it('stores only the SHA-256 of the token, and a new link makes the old one stop working', async () => {
    const app = await createTestApp(sql)
    const organiser = await signedIn(sql, 'club')
    const f = await clubWithRun(app, organiser.cookie)
    const [row] = await sql<{ hash: Buffer; text: string }[]>`
      SELECT share_hash AS hash, row_to_json(s)::text AS text FROM club_routes s WHERE id = ${f.savedId}`
    expect(row!.hash.equals(createHash('sha256').update(f.token).digest())).toBe(true)
    expect(row!.text).not.toContain(f.token)

    const again = await expectOk(app, organiser.cookie, 'POST', `/api/clubs/${f.clubId}/routes/${f.savedId}/share`, undefined, 201)
    expect(again.token).not.toBe(f.token)
    expect((await app.request(`/api/shared-routes/${f.token}`)).status).toBe(404)
    expect((await app.request(`/api/shared-routes/${again.token}`)).status).toBe(200)
    const library = await expectOk(app, organiser.cookie, 'GET', `/api/clubs/${f.clubId}/routes`)
    expect(library.features[0].properties.shared).toBe(true)
  })

  it('answers an unknown, a malformed and a revoked token alike with 404 in the one error shape', async () => {
    const app = await createTestApp(sql)
    const organiser = await signedIn(sql, 'club')
    const f = await clubWithRun(app, organiser.cookie)
    await expectOk(app, organiser.cookie, 'DELETE', `/api/clubs/${f.clubId}/routes/${f.savedId}/share`, undefined, 204)
    for (const token of [f.token, 'A'.repeat(43), 'not-a-token', '%00']) {
      const res = await app.request(`/api/shared-routes/${token}`)
      expect(res.status, token).toBe(404)
      expect((await res.json()).error.code).toBe('not_found')
    }
  })

  it('dies with the saved route or the club', async () => {
    const app = await createTestApp(sql)
    const organiser = await signedIn(sql, 'club')
    const f = await clubWithRun(app, organiser.cookie)
    await expectOk(app, organiser.cookie, 'DELETE', `/api/clubs/${f.clubId}`, undefined, 204)
    expect((await app.request(`/api/shared-routes/${f.token}`)).status).toBe(404)
  })
})

describe('saved routes and expiry', () => {
  it('a saved route no longer expires; deleting it lets the route expire again in a day', async () => {
    const app = await createTestApp(sql)
    const { cookie } = await signedIn(sql, 'club')
    const routeId = await insertRoute(sql)
    expect(await routeExpiry(sql, routeId)).toBeInstanceOf(Date)
    const club = await expectOk(app, cookie, 'POST', '/api/clubs', { name: 'A', meetingPoint: MEETING_POINT }, 201)
    const saved = await expectOk(app, cookie, 'POST', `/api/clubs/${club.id}/routes`, { routeId, name: 'Loop' }, 201)
    expect(await routeExpiry(sql, routeId)).toBeNull()
    await expectOk(app, cookie, 'DELETE', `/api/clubs/${club.id}/routes/${saved.id}`, undefined, 204)
    const expiry = (await routeExpiry(sql, routeId))!.getTime()
    expect(Math.abs(expiry - (Date.now() + 24 * HOUR))).toBeLessThan(5 * 60_000)
  })

  it('keeps a route that another club still saves, and releases it when that club is deleted', async () => {
    const app = await createTestApp(sql)
    const a = await signedIn(sql, 'club')
    const b = await signedIn(sql, 'club')
    const routeId = await insertRoute(sql)
    const clubA = await expectOk(app, a.cookie, 'POST', '/api/clubs', { name: 'A', meetingPoint: MEETING_POINT }, 201)
    const clubB = await expectOk(app, b.cookie, 'POST', '/api/clubs', { name: 'B', meetingPoint: MEETING_POINT }, 201)
    const savedA = await expectOk(app, a.cookie, 'POST', `/api/clubs/${clubA.id}/routes`, { routeId, name: 'Loop' }, 201)
    await expectOk(app, b.cookie, 'POST', `/api/clubs/${clubB.id}/routes`, { routeId, name: 'Same loop' }, 201)
    await expectOk(app, a.cookie, 'DELETE', `/api/clubs/${clubA.id}/routes/${savedA.id}`, undefined, 204)
    expect(await routeExpiry(sql, routeId)).toBeNull()
    await expectOk(app, b.cookie, 'DELETE', `/api/clubs/${clubB.id}`, undefined, 204)
    expect(await routeExpiry(sql, routeId)).toBeInstanceOf(Date)
  })

  it('refuses to delete a saved route an upcoming run uses (409), and deletes it with its past runs', async () => {
    const app = await createTestApp(sql)
    const { cookie } = await signedIn(sql, 'club')
    const f = await clubWithRun(app, cookie)
    const before = await clubState(sql)
    const res = await call(app, cookie, 'DELETE', `/api/clubs/${f.clubId}/routes/${f.savedId}`)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('route_in_use')
    expect(await clubState(sql)).toBe(before)
    await sql`UPDATE club_runs SET starts_at = now() - interval '1 day' WHERE id = ${f.runId}`
    await expectOk(app, cookie, 'DELETE', `/api/clubs/${f.clubId}/routes/${f.savedId}`, undefined, 204)
    expect(await countRows(sql)).toEqual({ clubs: 1, saved: 0, runs: 0, joined: 0 })
  })
})

describe('a saved route’s reasons', () => {
  it('keeps the computed route’s reasons, to be worded in any language; a route from before reasons has its English only', async () => {
    const app = await createTestApp(sql)
    const { cookie } = await signedIn(sql, 'club')
    const club = await expectOk(app, cookie, 'POST', '/api/clubs', { name: 'A', meetingPoint: MEETING_POINT }, 201)
    const reasons = [
      { code: 'loop_length', params: { lengthMeters: 512 } },
      { code: 'lit_after_sunset', params: { litShare: 0.8, sunset: '2026-11-17T16:05:00.000Z' } },
    ]
    const routeId = await insertRoute(sql)
    await sql`UPDATE routes SET properties = properties || ${sql.json({ reasons })}::jsonb WHERE id = ${routeId}`
    const olderId = await insertRoute(sql)
    const saved = await expectOk(app, cookie, 'POST', `/api/clubs/${club.id}/routes`, { routeId, name: 'New loop' }, 201)
    const older = await expectOk(app, cookie, 'POST', `/api/clubs/${club.id}/routes`, { routeId: olderId, name: 'Old loop' }, 201)
    expect(saved.properties).toMatchObject({ reasons, explanation: expect.any(Array) })
    expect(older.properties).toMatchObject({ reasons: null, explanation: expect.any(Array) })
    const library = await expectOk(app, cookie, 'GET', `/api/clubs/${club.id}/routes`)
    expect(library.features.map((f: { properties: { reasons: unknown } }) => f.properties.reasons)).toEqual([reasons, null])

    const share = async (savedId: number) => (await expectOk(app, cookie, 'POST', `/api/clubs/${club.id}/routes/${savedId}/share`, undefined, 201)).token
    const opened = await expectOk(app, undefined, 'GET', `/api/shared-routes/${await share(saved.id)}`)
    expect(opened.properties.reasons).toEqual(reasons)
    const openedOlder = await expectOk(app, undefined, 'GET', `/api/shared-routes/${await share(older.id)}`)
    expect(openedOlder.properties).not.toHaveProperty('reasons')
    expect(openedOlder.properties.explanation).toEqual(expect.any(Array))
  })
})

describe('renaming a saved route', () => {
  it('changes its name, notes and usual start time; a field left out stays, null clears it', async () => {
    const app = await createTestApp(sql)
    const { cookie } = await signedIn(sql, 'club')
    const f = await clubWithRun(app, cookie)
    const path = `/api/clubs/${f.clubId}/routes/${f.savedId}`
    const first = await expectOk(app, cookie, 'PATCH', path, { notes: 'Meet by the gate', usualStartTime: '18:45' })
    expect(first.properties).toMatchObject({ name: 'Park loop', notes: 'Meet by the gate', usualStartTime: '18:45' })
    const renamed = await expectOk(app, cookie, 'PATCH', path, { name: '  Grovelands evening loop ', usualStartTime: null })
    expect(renamed).toEqual({ ...first, properties: { ...first.properties, name: 'Grovelands evening loop', usualStartTime: null } })
    expect((await expectOk(app, cookie, 'PATCH', path, { notes: '' })).properties.notes).toBeNull()
    const library = await expectOk(app, cookie, 'GET', `/api/clubs/${f.clubId}/routes`)
    expect(library.features[0].properties).toMatchObject({ name: 'Grovelands evening loop', notes: null, usualStartTime: null })
    // The share link shows the new name; the run lists it too.
    expect((await expectOk(app, undefined, 'GET', `/api/shared-routes/${f.token}`)).properties.name).toBe('Grovelands evening loop')
    expect((await expectOk(app, cookie, 'GET', `/api/clubs/${f.clubId}/runs`)).runs[0].routeName).toBe('Grovelands evening loop')
  })
})

/** The next London date the clocks change on (a Sunday), at least `after` days from today. */
function nextClockChange(after: number): string {
  const offset = (date: string) => londonInstant(date, '12:00').getTime() - Date.parse(`${date}T12:00:00Z`)
  let date = addDays(londonDate(new Date()), after)
  while (offset(date) === offset(addDays(date, -1))) date = addDays(date, 1)
  return date
}

describe('weekly club runs', () => {
  // Tuesdays at 19:00 London time, from the Tuesday before a clock change to two weeks after it.
  const change = nextClockChange(7)
  const before = addDays(change, -5)
  const after = addDays(change, 2)
  const untilAsked = addDays(change, 17) // a Wednesday: the last run is the Tuesday before
  const last = addDays(change, 16)
  const dates = [before, after, addDays(after, 7)]
  const atSeven = (date: string) => londonInstant(date, '19:00').toISOString().replace('.000Z', 'Z')

  async function weeklyClub(app: App, cookie: string) {
    const routeId = await insertRoute(sql, { lengthMeters: 8000 })
    const club = await expectOk(app, cookie, 'POST', '/api/clubs', { name: 'Southgate Striders', meetingPoint: MEETING_POINT }, 201)
    const saved = await expectOk(app, cookie, 'POST', `/api/clubs/${club.id}/routes`, { routeId, name: 'Tuesday loop' }, 201)
    const weekday = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(`${before}T12:00:00Z`).getUTCDay()]
    const run = await expectOk(app, cookie, 'POST', `/api/clubs/${club.id}/runs`,
      { savedRouteId: saved.id, weekly: { day: weekday, startTime: '19:00', from: before, until: untilAsked }, notes: 'Every week' }, 201)
    return { clubId: club.id as number, savedId: saved.id as number, run, weekday: weekday! }
  }

  it('keeps 19:00 London time across the clock change, lists each occurrence for officers, who join one at a time', async () => {
    const app = await createTestApp(sql)
    const organiser = await signedIn(sql, 'club')
    const officer = await signedIn(sql, 'officer', 'PC Patel')
    const { clubId, savedId, run, weekday } = await weeklyClub(app, organiser.cookie)
    expect(run).toMatchObject({
      savedRouteId: savedId,
      routeName: 'Tuesday loop',
      startsAt: atSeven(before),
      notes: 'Every week',
      weekly: { day: weekday, startTime: '19:00', until: last },
      officers: [],
    })
    expect(run.occurrences).toEqual([...dates, last].map((date) => ({ date, startsAt: atSeven(date), officers: [] })))
    // 19:00 is 19:00Z in winter time and 18:00Z in summer time, or the other way round in October.
    const [a, b] = [Date.parse(atSeven(before)), Date.parse(atSeven(after))]
    expect(Math.abs(b - a - 7 * 86_400_000)).toBe(3_600_000)

    const window = `?from=${before}&to=${addDays(after, 7)}`
    const listed = await expectOk(app, officer.cookie, 'GET', `/api/club-runs${window}`)
    expect(listed.features.map((f: { id: string; properties: { startsAt: string } }) => [f.id, f.properties.startsAt])).toEqual(
      dates.map((date) => [`${run.id}/${date}`, atSeven(date)]),
    )
    const joined = await expectOk(app, officer.cookie, 'POST', `/api/club-runs/${run.id}/join?date=${after}`)
    expect(joined).toEqual({ runId: run.id, date: after, startsAt: atSeven(after), officers: [{ id: officer.user.id, name: 'PC Patel' }] })
    const seen = await expectOk(app, officer.cookie, 'GET', `/api/club-runs${window}`)
    expect(seen.features.map((f: { properties: { joinedByMe: boolean } }) => f.properties.joinedByMe)).toEqual([false, true, false])
    // Without a date, an officer joins the next occurrence.
    const next = await expectOk(app, officer.cookie, 'POST', `/api/club-runs/${run.id}/join`)
    expect(next.date).toBe(before)

    const { runs } = await expectOk(app, organiser.cookie, 'GET', `/api/clubs/${clubId}/runs`)
    const pcPatel = [{ id: officer.user.id, name: 'PC Patel' }]
    expect(runs[0].occurrences.map((o: { officers: unknown }) => o.officers)).toEqual([pcPatel, pcPatel, [], []])
    expect(runs[0].officers).toEqual(pcPatel)
    expect(await expectOk(app, officer.cookie, 'DELETE', `/api/club-runs/${run.id}/join?date=${after}`)).toMatchObject({ date: after, officers: [] })

    // The shared page says when the club next runs it; the saved route can't go while the run goes on.
    const { token } = await expectOk(app, organiser.cookie, 'POST', `/api/clubs/${clubId}/routes/${savedId}/share`, undefined, 201)
    expect((await expectOk(app, undefined, 'GET', `/api/shared-routes/${token}`)).nextRun).toEqual({
      startsAt: atSeven(before),
      weekly: { day: weekday, startTime: '19:00', until: last },
    })
    const refused = await call(app, organiser.cookie, 'DELETE', `/api/clubs/${clubId}/routes/${savedId}`)
    expect(refused.body.error).toMatchObject({ code: 'route_in_use', details: { upcomingRuns: 1 } })
    // Once its last occurrence has passed, the run is over.
    await sql`UPDATE club_runs SET last_starts_at = now() - interval '1 minute' WHERE id = ${run.id}`
    expect(await expectOk(app, organiser.cookie, 'GET', `/api/clubs/${clubId}/runs`)).toEqual({ runs: [] })
  })

  it('a weekly run without an end date goes on; a started occurrence cannot be joined', async () => {
    const app = await createTestApp(sql)
    const organiser = await signedIn(sql, 'club')
    const officer = await signedIn(sql, 'officer')
    const f = await clubWithRun(app, organiser.cookie)
    const run = await expectOk(app, organiser.cookie, 'POST', `/api/clubs/${f.clubId}/runs`, { savedRouteId: f.savedId, weekly: { day: 'sat', startTime: '08:00' } }, 201)
    expect(run.weekly).toEqual({ day: 'sat', startTime: '08:00', until: null })
    expect(run.occurrences).toHaveLength(4)
    for (const o of run.occurrences) expect(new Date(o.startsAt).getUTCDay()).toBe(6)
    const inAYear = await expectOk(app, officer.cookie, 'GET', `/api/club-runs?from=${addDays(londonDate(new Date()), 300)}&to=${addDays(londonDate(new Date()), 306)}`)
    expect(inAYear.features.filter((x: { properties: { id: number } }) => x.properties.id === run.id)).toHaveLength(1)
    await sql`UPDATE club_runs SET starts_at = starts_at - interval '7 days' WHERE id = ${run.id}`
    const res = await call(app, officer.cookie, 'POST', `/api/club-runs/${run.id}/join?date=${addDays(run.occurrences[0].date, -7)}`)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('run_started')
  })

  it('the club calendar repeats a weekly run with RRULE in Europe/London, read back by a calendar parser', async () => {
    const app = await createTestApp(sql)
    const organiser = await signedIn(sql, 'club')
    const { clubId, run } = await weeklyClub(app, organiser.cookie)
    const oneOff = await expectOk(app, organiser.cookie, 'POST', `/api/clubs/${clubId}/runs`, { savedRouteId: run.savedRouteId, startsAt: inHours(30) }, 201)
    const res = await app.request(`/api/clubs/${clubId}/runs.ics`, as(organiser.cookie))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/)
    const text = await res.text()
    const calendar = new ICAL.Component(ICAL.parse(text))
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
    expect(calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['Europe/London'])
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
    const weekly = events.find((e) => e.uid === `club-run-${run.id}@common-ground`)!
    expect(weekly.summary).toBe('Southgate Striders: Tuesday loop')
    expect(weekly.startDate.zone?.tzid).toBe('Europe/London')
    expect(weekly.isRecurring()).toBe(true)
    // 8 km at running pace: 48 minutes.
    expect(weekly.endDate.toJSDate().getTime() - weekly.startDate.toJSDate().getTime()).toBe(48 * 60_000)
    const starts: string[] = []
    const iterator = weekly.iterator()
    for (let next = iterator.next(); next && starts.length < 10; next = iterator.next()) starts.push(next.toJSDate().toISOString().replace('.000Z', 'Z'))
    expect(starts).toEqual([...dates, last].map(atSeven))
    const single = events.find((e) => e.uid === `club-run-${oneOff.id}@common-ground`)!
    expect(single.isRecurring()).toBe(false)
    expect(single.startDate.toJSDate().toISOString().replace('.000Z', 'Z')).toBe(oneOff.startsAt)
  })

  it('gives calendar apps a secret link without a session, keeps only its hash, and a new link or removal ends the old one', async () => {
    const app = await createTestApp(sql)
    const organiser = await signedIn(sql, 'club')
    const { clubId, run } = await weeklyClub(app, organiser.cookie)
    expect((await expectOk(app, organiser.cookie, 'GET', `/api/clubs/${clubId}`)).calendarFeed).toBe(false)
    const { url } = await expectOk(app, organiser.cookie, 'POST', `/api/clubs/${clubId}/feed`, undefined, 201)
    expect(url).toMatch(/^\/api\/club-feeds\/[A-Za-z0-9_-]{43}\.ics$/)
    expect((await expectOk(app, organiser.cookie, 'GET', `/api/clubs/${clubId}`)).calendarFeed).toBe(true)
    const [stored] = await sql<{ hash: Buffer }[]>`SELECT feed_hash AS hash FROM clubs WHERE id = ${clubId}`
    const token = url.slice('/api/club-feeds/'.length, -'.ics'.length)
    expect(stored!.hash.equals(createHash('sha256').update(token).digest())).toBe(true)
    expect(JSON.stringify(await sql`SELECT * FROM clubs`)).not.toContain(token)
    // No cookie: what a calendar app sends.
    const res = await app.request(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/)
    expect(res.headers.get('cache-control')).toMatch(/^private/)
    const calendar = new ICAL.Component(ICAL.parse(await res.text()))
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
    expect(events.find((e) => e.uid === `club-run-${run.id}@common-ground`)?.isRecurring()).toBe(true)
    const { url: next } = await expectOk(app, organiser.cookie, 'POST', `/api/clubs/${clubId}/feed`, undefined, 201)
    expect((await app.request(url)).status).toBe(404)
    expect((await app.request(next)).status).toBe(200)
    await expectOk(app, organiser.cookie, 'DELETE', `/api/clubs/${clubId}/feed`, undefined, 204)
    const gone = await app.request(next)
    expect(gone.status).toBe(404)
    expect((await gone.json()).error.code).toBe('not_found')
  })
})

describe('club runs for officers', () => {
  it('lists runs of every club in the window, 30 days by default, and only upcoming ones to join', async () => {
    const app = await createTestApp(sql)
    const a = await signedIn(sql, 'club')
    const b = await signedIn(sql, 'club')
    const officer = await signedIn(sql, 'officer')
    const fa = await clubWithRun(app, a.cookie) // in 48 hours
    const fb = await clubWithRun(app, b.cookie)
    const later = await expectOk(app, b.cookie, 'POST', `/api/clubs/${fb.clubId}/runs`, { savedRouteId: fb.savedId, startsAt: inHours(40 * 24) }, 201)
    const ids = async (query = '') => (await expectOk(app, officer.cookie, 'GET', `/api/club-runs${query}`)).features.map((f: { properties: { id: number } }) => f.properties.id)
    expect(await ids()).toEqual([fa.runId, fb.runId])
    const day = (hours: number) => inHours(hours).slice(0, 10)
    expect(await ids(`?from=${day(24 * 39)}&to=${day(24 * 41)}`)).toEqual([later.id])
    expect(await ids(`?to=${encodeURIComponent(inHours(49))}`)).toEqual([fa.runId, fb.runId])
    // `to` defaults to 30 days after `from`.
    expect(await ids(`?from=${encodeURIComponent(inHours(50))}`)).toEqual([])
    expect(await ids(`?from=${encodeURIComponent(inHours(50))}&to=${encodeURIComponent(inHours(41 * 24))}`)).toEqual([later.id])

    await sql`UPDATE club_runs SET starts_at = now() - interval '1 hour' WHERE id = ${fa.runId}`
    const res = await call(app, officer.cookie, 'POST', `/api/club-runs/${fa.runId}/join`)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('run_started')
  })
})

describe('authorisation', () => {
  type Actor = 'anonymous' | 'officer' | 'other organiser' | 'owner' | 'admin'
  const ACTORS: Actor[] = ['anonymous', 'officer', 'other organiser', 'owner', 'admin']
  type Fixture = Awaited<ReturnType<typeof clubWithRun>> & { freshRouteId: string }
  type Endpoint = {
    method: string
    path: (f: Fixture) => string
    body?: (f: Fixture) => unknown
    expect: Record<Actor, number>
  }
  const organisers = (ok: number) => ({ anonymous: 401, officer: 403, 'other organiser': 404, owner: ok, admin: ok })
  const officers = (ok: number) => ({ anonymous: 401, officer: ok, 'other organiser': 403, owner: 403, admin: ok })
  const anyone = (ok: number) => ({ anonymous: ok, officer: ok, 'other organiser': ok, owner: ok, admin: ok })
  const ENDPOINTS: Endpoint[] = [
    { method: 'GET', path: () => '/api/clubs', expect: { ...organisers(200), 'other organiser': 200 } },
    { method: 'POST', path: () => '/api/clubs', body: () => ({ name: 'New', meetingPoint: MEETING_POINT }), expect: { ...organisers(201), 'other organiser': 201 } },
    { method: 'GET', path: (f) => `/api/clubs/${f.clubId}`, expect: organisers(200) },
    { method: 'PATCH', path: (f) => `/api/clubs/${f.clubId}`, body: () => ({ name: 'Renamed' }), expect: organisers(200) },
    { method: 'DELETE', path: (f) => `/api/clubs/${f.clubId}`, expect: organisers(204) },
    { method: 'GET', path: (f) => `/api/clubs/${f.clubId}/routes`, expect: organisers(200) },
    { method: 'POST', path: (f) => `/api/clubs/${f.clubId}/routes`, body: (f) => ({ routeId: f.freshRouteId, name: 'Another' }), expect: organisers(201) },
    { method: 'PATCH', path: (f) => `/api/clubs/${f.clubId}/routes/${f.savedId}`, body: () => ({ name: 'Renamed', notes: null }), expect: organisers(200) },
    { method: 'DELETE', path: (f) => `/api/clubs/${f.clubId}/routes/${f.savedId}`, expect: organisers(409) }, // an upcoming run uses it
    { method: 'POST', path: (f) => `/api/clubs/${f.clubId}/routes/${f.savedId}/share`, expect: organisers(201) },
    { method: 'POST', path: (f) => `/api/clubs/${f.clubId}/routes/${f.savedId}/share`, body: () => ({ showEnds: true }), expect: organisers(201) },
    { method: 'DELETE', path: (f) => `/api/clubs/${f.clubId}/routes/${f.savedId}/share`, expect: organisers(204) },
    { method: 'GET', path: (f) => `/api/clubs/${f.clubId}/runs`, expect: organisers(200) },
    { method: 'POST', path: (f) => `/api/clubs/${f.clubId}/runs`, body: (f) => ({ savedRouteId: f.savedId, startsAt: inHours(5) }), expect: organisers(201) },
    { method: 'POST', path: (f) => `/api/clubs/${f.clubId}/runs`, body: (f) => ({ savedRouteId: f.savedId, weekly: { day: 'tue', startTime: '19:00' } }), expect: organisers(201) },
    { method: 'GET', path: (f) => `/api/clubs/${f.clubId}/runs.ics`, expect: organisers(200) },
    { method: 'POST', path: (f) => `/api/clubs/${f.clubId}/feed`, expect: organisers(201) },
    { method: 'DELETE', path: (f) => `/api/clubs/${f.clubId}/feed`, expect: organisers(204) },
    // The feed link is the secret: without it, whoever asks gets a 404.
    { method: 'GET', path: () => `/api/club-feeds/${'A'.repeat(43)}.ics`, expect: anyone(404) },
    { method: 'DELETE', path: (f) => `/api/clubs/${f.clubId}/runs/${f.runId}`, expect: organisers(204) },
    { method: 'GET', path: () => '/api/club-runs', expect: officers(200) },
    { method: 'POST', path: (f) => `/api/club-runs/${f.runId}/join`, expect: officers(200) },
    { method: 'POST', path: (f) => `/api/club-runs/${f.runId}/join?date=${f.runDate}`, expect: officers(200) },
    { method: 'DELETE', path: (f) => `/api/club-runs/${f.runId}/join?date=${f.runDate}`, expect: officers(200) },
    { method: 'DELETE', path: (f) => `/api/club-runs/${f.runId}/join`, expect: officers(200) },
    { method: 'GET', path: (f) => `/api/shared-routes/${f.token}`, expect: anyone(200) },
    { method: 'GET', path: (f) => `/api/shared-routes/${f.token}/route.gpx`, expect: anyone(200) },
    { method: 'POST', path: (f) => `/api/routes/${f.freshRouteId}/share`, expect: anyone(201) },
    { method: 'POST', path: (f) => `/api/routes/${f.freshRouteId}/share`, body: () => ({ showEnds: true }), expect: anyone(201) },
  ]

  const ROLE_OF: Record<Exclude<Actor, 'anonymous' | 'owner'>, Role> = { officer: 'officer', 'other organiser': 'club', admin: 'admin' }

  it.each(ENDPOINTS.map((e) => [`${e.method} ${e.path({ clubId: 1, savedId: 2, runId: 3, runDate: 'date', token: 't', routeId: 'r', freshRouteId: 'f' })}`, e] as const))(
    '%s: anonymous, officer, another organiser, the owner and an admin get what they may',
    async (_, endpoint) => {
      const app = await createTestApp(sql)
      for (const actor of ACTORS) {
        await resetClubs(sql)
        await resetAccounts(sql)
        const owner = await signedIn(sql, 'club')
        const f = { ...(await clubWithRun(app, owner.cookie)), freshRouteId: await insertRoute(sql) }
        const cookie = actor === 'anonymous' ? undefined : actor === 'owner' ? owner.cookie : (await signedIn(sql, ROLE_OF[actor])).cookie
        const before = await clubState(sql)
        const res = await call(app, cookie, endpoint.method, endpoint.path(f), endpoint.body?.(f))
        const expected = endpoint.expect[actor]
        expect(res.status, `${actor}: ${JSON.stringify(res.body)}`).toBe(expected)
        if (expected >= 400) {
          expect(res.body.error.code).toEqual(expect.any(String))
          expect(await clubState(sql)).toBe(before)
        }
        if (actor === 'other organiser' && endpoint.method === 'GET' && endpoint.path(f) === '/api/clubs') {
          expect(res.body).toEqual({ clubs: [] }) // another organiser's club is not listed
        }
        if (actor === 'admin' && endpoint.method === 'GET' && endpoint.path(f) === '/api/clubs') {
          expect(res.body.clubs.map((c: { id: number }) => c.id)).toEqual([f.clubId])
        }
      }
    },
  )

  it('refuses a change from another site (403 cross_origin)', async () => {
    const app = await createTestApp(sql)
    const { cookie } = await signedIn(sql, 'club')
    const res = await app.request('/api/clubs', json('POST', { name: 'X', meetingPoint: MEETING_POINT }, { cookie, origin: 'https://evil.example' }))
    expect(res.status).toBe(403)
    expect(await countRows(sql)).toEqual({ clubs: 0, saved: 0, runs: 0, joined: 0 })
  })
})

describe('bad input', () => {
  type Case = [label: string, method: string, path: (f: Fixture) => string, body: ((f: Fixture) => unknown) | undefined, status: number, code: string]
  type Fixture = Awaited<ReturnType<typeof clubWithRun>> & {
    expiredRouteId: string
    otherSavedId: number
    pastRunId: number
  }
  const club = (f: Fixture) => `/api/clubs/${f.clubId}`
  const day = (days: number) => addDays(londonDate(new Date()), days)
  const tuesdays = (extra: Record<string, unknown> = {}) => ({ day: 'tue', startTime: '19:00', ...extra })
  const nextWednesday = () => {
    let date = day(1)
    while (new Date(`${date}T12:00:00Z`).getUTCDay() !== 3) date = addDays(date, 1)
    return date
  }
  const routeBody = (extra: Record<string, unknown>) => (f: Fixture) => ({ routeId: f.expiredRouteId.replace(/./, 'x'), name: 'X', ...extra })
  const CASES: Case[] = [
    ['club id not a number', 'GET', () => '/api/clubs/abc', undefined, 400, 'invalid_param'],
    ['club id zero', 'GET', () => '/api/clubs/0', undefined, 400, 'invalid_param'],
    ['club id beyond bigint', 'GET', () => '/api/clubs/99999999999999999999', undefined, 400, 'invalid_param'],
    ['unknown club', 'GET', () => '/api/clubs/987654', undefined, 404, 'not_found'],
    ['unknown club, patch', 'PATCH', () => '/api/clubs/987654', () => ({ name: 'X' }), 404, 'not_found'],
    ['unknown club, delete', 'DELETE', () => '/api/clubs/987654', undefined, 404, 'not_found'],
    ['club without name', 'POST', () => '/api/clubs', () => ({ meetingPoint: MEETING_POINT }), 400, 'invalid_json'],
    ['club with blank name', 'POST', () => '/api/clubs', () => ({ name: '   ', meetingPoint: MEETING_POINT }), 400, 'invalid_json'],
    ['club name too long', 'POST', () => '/api/clubs', () => ({ name: 'x'.repeat(201), meetingPoint: MEETING_POINT }), 400, 'invalid_json'],
    ['club without meeting point', 'POST', () => '/api/clubs', () => ({ name: 'X' }), 400, 'invalid_json'],
    ['meeting point as text', 'POST', () => '/api/clubs', () => ({ name: 'X', meetingPoint: { lng: '-0.13', lat: 51.63 } }), 400, 'invalid_json'],
    ['meeting point out of range', 'POST', () => '/api/clubs', () => ({ name: 'X', meetingPoint: { lng: -200, lat: 51.63 } }), 400, 'invalid_json'],
    ['meeting point outside the area', 'POST', () => '/api/clubs', () => ({ name: 'X', meetingPoint: { lng: -2.5, lat: 53.4 } }), 422, 'area_not_covered'],
    ['unknown field', 'POST', () => '/api/clubs', () => ({ name: 'X', meetingPoint: MEETING_POINT, ownerId: 1 }), 400, 'invalid_json'],
    ['body not JSON', 'POST', () => '/api/clubs', () => '{"name":', 400, 'bad_request'],
    ['empty patch', 'PATCH', club, () => ({}), 400, 'invalid_json'],
    ['patch moves meeting point outside the area', 'PATCH', club, () => ({ name: 'Moved', meetingPoint: { lng: -2.5, lat: 53.4 } }), 422, 'area_not_covered'],
    ['route id malformed', 'POST', (f) => `${club(f)}/routes`, () => ({ routeId: 'abc', name: 'X' }), 400, 'invalid_json'],
    ['route without name', 'POST', (f) => `${club(f)}/routes`, (f) => ({ routeId: f.routeId }), 400, 'invalid_json'],
    ['route without route id', 'POST', (f) => `${club(f)}/routes`, () => ({ name: 'X' }), 400, 'invalid_json'],
    ['unknown route id', 'POST', (f) => `${club(f)}/routes`, routeBody({}), 404, 'route_not_found'],
    ['expired route id', 'POST', (f) => `${club(f)}/routes`, (f) => ({ routeId: f.expiredRouteId, name: 'X' }), 404, 'route_not_found'],
    ['route saved twice', 'POST', (f) => `${club(f)}/routes`, (f) => ({ routeId: f.routeId, name: 'Again' }), 409, 'already_saved'],
    ...['24:00', '7:30', '07:60', '0730', '07:30:00', 'noon'].map(
      (time): Case => [`usual start time ${time}`, 'POST', (f) => `${club(f)}/routes`, (f) => ({ routeId: f.expiredRouteId, name: 'X', usualStartTime: time }), 400, 'invalid_json'],
    ),
    ['notes too long', 'POST', (f) => `${club(f)}/routes`, (f) => ({ routeId: f.routeId, name: 'X', notes: 'x'.repeat(2001) }), 400, 'invalid_json'],
    ['saved route id not a number', 'DELETE', (f) => `${club(f)}/routes/abc`, undefined, 400, 'invalid_param'],
    ['unknown saved route', 'DELETE', (f) => `${club(f)}/routes/987654`, undefined, 404, 'not_found'],
    ['saved route of another club', 'DELETE', (f) => `${club(f)}/routes/${f.otherSavedId}`, undefined, 404, 'not_found'],
    ['share an unknown saved route', 'POST', (f) => `${club(f)}/routes/987654/share`, undefined, 404, 'not_found'],
    ['share a saved route of another club', 'POST', (f) => `${club(f)}/routes/${f.otherSavedId}/share`, undefined, 404, 'not_found'],
    ['revoke on an unknown saved route', 'DELETE', (f) => `${club(f)}/routes/987654/share`, undefined, 404, 'not_found'],
    ['run in the past', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.savedId, startsAt: inHours(-1) }), 422, 'run_in_the_past'],
    ['run more than a year ahead', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.savedId, startsAt: inHours(400 * 24) }), 422, 'run_too_far_ahead'],
    ['run start without offset', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.savedId, startsAt: '2099-01-01T10:00:00' }), 400, 'invalid_json'],
    ['run start not a date', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.savedId, startsAt: 'tomorrow' }), 400, 'invalid_json'],
    ['run without saved route', 'POST', (f) => `${club(f)}/runs`, () => ({ startsAt: inHours(5) }), 400, 'invalid_json'],
    ['run saved route as text', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: String(f.savedId), startsAt: inHours(5) }), 400, 'invalid_json'],
    ['run on a route of another club', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.otherSavedId, startsAt: inHours(5) }), 422, 'unknown_saved_route'],
    ['run id not a number', 'DELETE', (f) => `${club(f)}/runs/x`, undefined, 400, 'invalid_param'],
    ['weekly run and startsAt both', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.savedId, startsAt: inHours(5), weekly: tuesdays() }), 400, 'invalid_json'],
    ['run with neither startsAt nor weekly', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.savedId }), 400, 'invalid_json'],
    ['weekly run on no weekday', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.savedId, weekly: tuesdays({ day: 'tuesday' }) }), 400, 'invalid_json'],
    ['weekly run at 25:00', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.savedId, weekly: tuesdays({ startTime: '25:00' }) }), 400, 'invalid_json'],
    ['weekly run from a non-date', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.savedId, weekly: tuesdays({ from: '2027-02-30' }) }), 400, 'invalid_json'],
    ['weekly run with an unknown field', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.savedId, weekly: tuesdays({ every: 2 }) }), 400, 'invalid_json'],
    ['weekly run until before from', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.savedId, weekly: tuesdays({ from: day(10), until: day(3) }) }), 400, 'invalid_json'],
    ['weekly run from yesterday', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.savedId, weekly: tuesdays({ from: day(-1) }) }), 422, 'run_in_the_past'],
    ['weekly run from over a year ahead', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.savedId, weekly: tuesdays({ from: day(400) }) }), 422, 'run_too_far_ahead'],
    // From a Wednesday until the Monday after: no Tuesday between.
    ['weekly run with no occurrence', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.savedId, weekly: tuesdays({ from: nextWednesday(), until: addDays(nextWednesday(), 5) }) }), 422, 'no_occurrence'],
    ['weekly run on a route of another club', 'POST', (f) => `${club(f)}/runs`, (f) => ({ savedRouteId: f.otherSavedId, weekly: tuesdays() }), 422, 'unknown_saved_route'],
    ['calendar of an unknown club', 'GET', () => '/api/clubs/987654/runs.ics', undefined, 404, 'not_found'],
    ['calendar of a bad club id', 'GET', () => '/api/clubs/x/runs.ics', undefined, 400, 'invalid_param'],
    ['a feed link of an unknown club', 'POST', () => '/api/clubs/987654/feed', undefined, 404, 'not_found'],
    ['a feed of a bad club id', 'DELETE', () => '/api/clubs/x/feed', undefined, 400, 'invalid_param'],
    ['a feed that is not .ics', 'GET', () => '/api/club-feeds/abc.json', undefined, 400, 'invalid_param'],
    ['a feed token far too long', 'GET', () => `/api/club-feeds/${'a'.repeat(300)}.ics`, undefined, 400, 'invalid_param'],
    ['empty saved route patch', 'PATCH', (f) => `${club(f)}/routes/${f.savedId}`, () => ({}), 400, 'invalid_json'],
    ['saved route renamed blank', 'PATCH', (f) => `${club(f)}/routes/${f.savedId}`, () => ({ name: '  ' }), 400, 'invalid_json'],
    ['saved route name too long', 'PATCH', (f) => `${club(f)}/routes/${f.savedId}`, () => ({ name: 'x'.repeat(201) }), 400, 'invalid_json'],
    ['saved route notes too long', 'PATCH', (f) => `${club(f)}/routes/${f.savedId}`, () => ({ notes: 'x'.repeat(2001) }), 400, 'invalid_json'],
    ['saved route usual time 7pm', 'PATCH', (f) => `${club(f)}/routes/${f.savedId}`, () => ({ usualStartTime: '7pm' }), 400, 'invalid_json'],
    ['saved route name as a number', 'PATCH', (f) => `${club(f)}/routes/${f.savedId}`, () => ({ name: 7 }), 400, 'invalid_json'],
    ['saved route patch with its route id', 'PATCH', (f) => `${club(f)}/routes/${f.savedId}`, (f) => ({ name: 'X', routeId: f.routeId }), 400, 'invalid_json'],
    ['saved route patch not JSON', 'PATCH', (f) => `${club(f)}/routes/${f.savedId}`, () => '{"name":', 400, 'bad_request'],
    ['patch an unknown saved route', 'PATCH', (f) => `${club(f)}/routes/987654`, () => ({ name: 'X' }), 404, 'not_found'],
    ['patch a saved route of another club', 'PATCH', (f) => `${club(f)}/routes/${f.otherSavedId}`, () => ({ name: 'X' }), 404, 'not_found'],
    ['patch a saved route id not a number', 'PATCH', (f) => `${club(f)}/routes/abc`, () => ({ name: 'X' }), 400, 'invalid_param'],
    ['share with showEnds as text', 'POST', (f) => `${club(f)}/routes/${f.savedId}/share`, () => ({ showEnds: 'yes' }), 400, 'invalid_json'],
    ['share with an unknown field', 'POST', (f) => `${club(f)}/routes/${f.savedId}/share`, () => ({ showEnds: true, expires: 'never' }), 400, 'invalid_json'],
    ['share body not JSON', 'POST', (f) => `${club(f)}/routes/${f.savedId}/share`, () => '{"showEnds":', 400, 'bad_request'],
    ['unknown run', 'DELETE', (f) => `${club(f)}/runs/987654`, undefined, 404, 'not_found'],
  ]

  it.each(CASES)('%s: refused with the error shape, changing nothing', async (_, method, path, body, status, code) => {
    const app = await createTestApp(sql)
    const organiser = await signedIn(sql, 'club')
    const other = await signedIn(sql, 'club')
    const f0 = await clubWithRun(app, organiser.cookie)
    const otherClub = await clubWithRun(app, other.cookie)
    const expiredRouteId = await insertRoute(sql, { expires: 'expired' })
    const [past] = await sql<{ id: number }[]>`
      INSERT INTO club_runs (club_id, club_route_id, starts_at) VALUES (${f0.clubId}, ${f0.savedId}, now() - interval '1 day') RETURNING id`
    const f: Fixture = { ...f0, expiredRouteId, otherSavedId: otherClub.savedId, pastRunId: past!.id }
    const before = await clubState(sql)
    const counts = await countRows(sql)
    const res = await call(app, organiser.cookie, method, path(f), body?.(f))
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    expect(res.body.error.code).toBe(code)
    expect(await countRows(sql)).toEqual(counts)
    expect(await clubState(sql)).toBe(before)
  })

  it.each([
    ['from not a date', '?from=soon', 'invalid_query'],
    ['to before from', '?from=2030-02-01&to=2030-01-01', 'invalid_query'],
    ['window over a year', '?from=2030-01-01&to=2031-06-01', 'invalid_query'],
    ['date not a calendar day', '?from=2030-02-31', 'invalid_query'],
  ])('the officers list refuses %s with 400', async (_, query, code) => {
    const app = await createTestApp(sql)
    const { cookie } = await signedIn(sql, 'officer')
    const res = await call(app, cookie, 'GET', `/api/club-runs${query}`)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe(code)
  })

  it.each([
    ['run id not a number', '/api/club-runs/x/join', 400, 'invalid_param'],
    ['unknown run', '/api/club-runs/987654/join', 404, 'not_found'],
  ])('joining refuses %s', async (_, path, status, code) => {
    const app = await createTestApp(sql)
    const { cookie } = await signedIn(sql, 'officer')
    const res = await call(app, cookie, 'POST', path)
    expect(res.status).toBe(status)
    expect(res.body.error.code).toBe(code)
    expect(await countRows(sql)).toEqual({ clubs: 0, saved: 0, runs: 0, joined: 0 })
  })

  it.each([
    ['a date that is not one', (f: { runDate: string }) => `date=${f.runDate.slice(0, 8)}31x`, 400, 'invalid_query'],
    ['an impossible date', () => 'date=2027-02-30', 400, 'invalid_query'],
    ['a date the run is not on', (f: { runDate: string }) => `date=${addDays(f.runDate, 1)}`, 404, 'not_found'],
    ['a date a week later (a one-off run)', (f: { runDate: string }) => `date=${addDays(f.runDate, 7)}`, 404, 'not_found'],
  ])('joining or leaving an occurrence refuses %s, changing nothing', async (_, query, status, code) => {
    const app = await createTestApp(sql)
    const organiser = await signedIn(sql, 'club')
    const { cookie } = await signedIn(sql, 'officer')
    const f = await clubWithRun(app, organiser.cookie)
    const before = await clubState(sql)
    for (const method of ['POST', 'DELETE']) {
      const res = await call(app, cookie, method, `/api/club-runs/${f.runId}/join?${query(f)}`)
      expect(res.status, JSON.stringify(res.body)).toBe(status)
      expect(res.body.error.code).toBe(code)
    }
    expect(await clubState(sql)).toBe(before)
  })

  it('refuses a body that is not application/json (415)', async () => {
    const app = await createTestApp(sql)
    const { cookie } = await signedIn(sql, 'club')
    const res = await app.request('/api/clubs', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost', 'content-type': 'text/plain' },
      body: JSON.stringify({ name: 'X', meetingPoint: MEETING_POINT }),
    })
    expect(res.status).toBe(415)
    expect(await countRows(sql)).toEqual({ clubs: 0, saved: 0, runs: 0, joined: 0 })
  })
})
