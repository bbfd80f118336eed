import { z } from 'zod'
import { lngLat } from '../concerns/vocabulary.ts'
import { ROUTE_ID } from '../routing/vocabulary.ts'
import { periodQuery } from '../period.ts'
import { onParsed } from '../refine.ts'

export { rowId } from '../concerns/vocabulary.ts'

/** A computed route's id: 128 random bits as base64url (sql/migrations/0006_routes.sql). */
export const routeId = z.string().regex(ROUTE_ID, 'a route id is 22 base64url characters')

export const MAX_NAME = 200
export const MAX_NOTES = 2000

const name = z.string().trim().min(1).max(MAX_NAME)
/** Optional free text: "" or null clears it. */
const notes = z.string().trim().max(MAX_NOTES).nullable()

/** "HH:MM", 24-hour clock, local time at the meeting point. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM (00:00 to 23:59)')

export const clubBody = z.strictObject({ name, meetingPoint: lngLat })
export const clubPatch = z
  .strictObject({ name: name.optional(), meetingPoint: lngLat.optional() })
  .refine((b) => b.name !== undefined || b.meetingPoint !== undefined, { ...onParsed, message: 'give at least one of name, meetingPoint' })

export const savedRouteBody = z.strictObject({
  routeId,
  name,
  notes: notes.optional(),
  usualStartTime: clockTime.nullable().optional(),
})

/** How far ahead a run may be planned. */
export const MAX_RUN_DAYS_AHEAD = 366

export const runBody = z.strictObject({
  savedRouteId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  startsAt: z.iso.datetime({ offset: true }),
  notes: notes.optional(),
})

/** How far apart the ends of the officers' list of runs may be. */
export const MAX_WINDOW_DAYS = 366
/** The officers' list of runs: instants or London dates (period.ts). */
export const runsQuery = periodQuery({}, MAX_WINDOW_DAYS)

/** Empty or null free text is stored as null. */
export const textOrNull = (text: string | null | undefined) => (text === undefined || text === null || text === '' ? null : text)
