import { addDays, londonDate, londonInstant } from '../../common/london-time.ts'
import { DAYS, type Day } from '../patrols/schedule.ts'
import { ApiError } from '../errors.ts'
import { MAX_RUN_DAYS_AHEAD } from './vocabulary.ts'

// When a club run happens: a one-off at its instant, or a weekly run on its weekday at its London
// clock time, worked out in Europe/London for each date (common/london-time.ts), so that 19:00
// stays 19:00 on either side of a clock change. Pure functions, no I/O.

/** A weekly run as stored: ISO weekday (1 Monday … 7 Sunday), "HH:MM", last London date or null. */
export type WeeklyRow = { weekday: number; startTime: string; until: string | null }
/** A run's timing: its first occurrence, and its weekly pattern (null for a one-off). */
export type RunTiming = { startsAt: Date; weekly: WeeklyRow | null }
export type Occurrence = { date: string; startsAt: Date }

/** The weekly pattern as the API says it: `day` like the patrols' weekly schedules ("tue"). */
export const weeklyJson = (w: WeeklyRow | null) => (w ? { day: DAYS[w.weekday - 1]!, startTime: w.startTime, until: w.until } : null)

/** ISO weekday of a calendar date; dates are whole days, so no clock change can move them. */
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1
/** The first date on or after `date` that falls on `weekday`. */
const onOrAfter = (date: string, weekday: number) => addDays(date, (weekday - isoWeekday(date) + 7) % 7)
/** The last date on or before `date` that falls on `weekday`. */
const onOrBefore = (date: string, weekday: number) => addDays(date, -((isoWeekday(date) - weekday + 7) % 7))

/** An instant as the API writes it: ISO 8601 UTC to the second, like the database's isoTime. */
export const isoSecond = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z')

/** The occurrences starting in [from, to), soonest first, at most `max`. */
export function occurrences(run: RunTiming, from: Date, to: Date, max = Infinity): Occurrence[] {
  const { weekly } = run
  if (!weekly) return run.startsAt >= from && run.startsAt < to && max > 0 ? [{ date: londonDate(run.startsAt), startsAt: run.startsAt }] : []
  const first = londonDate(run.startsAt)
  const out: Occurrence[] = []
  // Whatever `from` is, an occurrence on its London date starts on that date too: start there.
  const fromDate = londonDate(from)
  for (let date = fromDate > first ? onOrAfter(fromDate, weekly.weekday) : first; out.length < max; date = addDays(date, 7)) {
    if (weekly.until !== null && date > weekly.until) break
    const startsAt = londonInstant(date, weekly.startTime)
    if (startsAt >= to) break
    if (startsAt >= from) out.push({ date, startsAt })
  }
  return out
}

/** The latest instant a Date holds: the end of a weekly run that has none. */
export const END_OF_TIME = new Date(8.64e15)

/** The next `max` occurrences starting after `now`. */
export const occurrencesAfter = (run: RunTiming, now: Date, max: number): Occurrence[] => occurrences(run, new Date(now.getTime() + 1), END_OF_TIME, max)

/** The next occurrence starting after `now`, or null when the run has none left. */
export const nextOccurrence = (run: RunTiming, now = new Date()): Occurrence | null => occurrencesAfter(run, now, 1)[0] ?? null

/** The occurrence on a London date, or null when the run has none that day. */
export function occurrenceOn(run: RunTiming, date: string): Occurrence | null {
  const { weekly } = run
  if (!weekly) return londonDate(run.startsAt) === date ? { date, startsAt: run.startsAt } : null
  const inRange = date >= londonDate(run.startsAt) && (weekly.until === null || date <= weekly.until)
  return inRange && isoWeekday(date) === weekly.weekday ? { date, startsAt: londonInstant(date, weekly.startTime) } : null
}

export type WeeklyRequest = { day: Day; startTime: string; from?: string | undefined; until?: string | null | undefined }

/**
 * A weekly run as it is stored, from what the organiser asked: the first occurrence on or after
 * `from` (default today, London) that is still to come, and `until` moved back to the last date
 * that falls on the weekday, so the last occurrence is exact (deleting a route checks it).
 */
export function planWeekly(request: WeeklyRequest, now = new Date()) {
  const weekday = DAYS.indexOf(request.day) + 1
  const today = londonDate(now)
  const from = request.from ?? today
  if (from < today) throw new ApiError(422, 'run_in_the_past', 'from must be today or later')
  if (from > addDays(today, MAX_RUN_DAYS_AHEAD)) {
    throw new ApiError(422, 'run_too_far_ahead', `A run is planned at most ${MAX_RUN_DAYS_AHEAD} days ahead`, { maxDays: MAX_RUN_DAYS_AHEAD })
  }
  let firstDate = onOrAfter(from, weekday)
  if (londonInstant(firstDate, request.startTime) <= now) firstDate = addDays(firstDate, 7)
  const until = request.until ? onOrBefore(request.until, weekday) : null
  if (until !== null && until < firstDate) {
    throw new ApiError(422, 'no_occurrence', `No ${request.day} at ${request.startTime} falls between ${from} and ${request.until}`)
  }
  return {
    weekly: { weekday, startTime: request.startTime, until },
    startsAt: londonInstant(firstDate, request.startTime),
    lastStartsAt: until === null ? null : londonInstant(until, request.startTime),
  }
}
