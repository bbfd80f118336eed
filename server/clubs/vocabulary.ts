import { z } from 'zod'
import { lngLat } from '../concerns/vocabulary.ts'
import { ROUTE_ID } from '../routing/vocabulary.ts'
import { DAYS } from '../patrols/schedule.ts'
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

/** Renaming a saved entry: at least one field; notes or the usual start time null (or "") clears it. */
export const savedRoutePatch = z
  .strictObject({ name: name.optional(), notes: notes.optional(), usualStartTime: clockTime.nullable().optional() })
  .refine((b) => b.name !== undefined || b.notes !== undefined || b.usualStartTime !== undefined, {
    ...onParsed,
    message: 'give at least one of name, notes, usualStartTime',
  })

/** A share link's one choice: show the first and last 200 m (private-ends.ts), or hide them (the default). */
export const shareBody = z.strictObject({ showEnds: z.boolean().optional() })

/** How far ahead a run may be planned (a weekly run: its first occurrence). */
export const MAX_RUN_DAYS_AHEAD = 366

/** A weekly run: a weekday and a London clock time, from a date (default today) until a date (default: no end). */
const weekly = z
  .strictObject({ day: z.enum(DAYS), startTime: clockTime, from: z.iso.date().optional(), until: z.iso.date().nullable().optional() })
  .refine((w) => !w.from || !w.until || w.until >= w.from, { ...onParsed, message: 'until is before from', path: ['until'] })

/** A club run: one-off at `startsAt`, or `weekly`; exactly one of them. */
export const runBody = z
  .strictObject({
    savedRouteId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    weekly: weekly.optional(),
    notes: notes.optional(),
  })
  .refine((b) => (b.startsAt === undefined) !== (b.weekly === undefined), { ...onParsed, message: 'give either startsAt or weekly' })

/** Which occurrence of a run an officer joins: its London date; without it, the next one. */
export const joinQuery = z.object({ date: z.iso.date().optional() })

/** How far apart the ends of the officers' list of runs may be. */
export const MAX_WINDOW_DAYS = 366
/** The officers' list of runs: instants or London dates (period.ts). */
export const runsQuery = periodQuery({}, MAX_WINDOW_DAYS)

/** Empty or null free text is stored as null. */
export const textOrNull = (text: string | null | undefined) => (text === undefined || text === null || text === '' ? null : text)
