import { Temporal } from 'temporal-polyfill'

/**
 * London time, for the server and the web alike: patrol schedules, time bands, the planners'
 * date and time fields. Every wall time is Europe/London's, whatever the device's or the
 * server's own zone, on the Temporal polyfill.
 *
 * The one rule for wall times that don't happen exactly once (Temporal's `compatible`, as
 * iCalendar and JavaScript's Date read them):
 * - the hour the clocks go back (last Sunday of October, 01:00–01:59 happens twice): the earlier
 *   reading, BST — "01:30" on 25 Oct 2026 is 00:30 UTC;
 * - the hour they skip (last Sunday of March, 01:00–01:59 never happens): moved on by the gap —
 *   "01:30" on 28 Mar 2027 is 02:30 BST, 01:30 UTC.
 * test/unit/london-time.test.ts holds the cases: spring forward, fall back, New Year, a date
 * far ahead.
 */
export const LONDON = 'Europe/London'

/** An instant's London wall clock: date "YYYY-MM-DD", time "HH:MM", and ISO weekday (1 Monday … 7 Sunday). */
export type LondonClock = {
  date: string
  time: string
  year: number
  month: number
  day: number
  hour: number
  minute: number
  weekday: number
  weekend: boolean
}

export function londonClock(at: Date): LondonClock {
  const z = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(LONDON)
  return {
    date: z.toPlainDate().toString(),
    time: `${pad(z.hour)}:${pad(z.minute)}`,
    year: z.year,
    month: z.month,
    day: z.day,
    hour: z.hour,
    minute: z.minute,
    weekday: z.dayOfWeek,
    weekend: z.dayOfWeek >= 6,
  }
}

/** The London calendar date of an instant, "YYYY-MM-DD". */
export const londonDate = (at: Date): string => londonClock(at).date

/** "17:40": an instant on the London clock. */
export const londonTime = (at: Date): string => londonClock(at).time

const instants = new Map<string, number>()
/** A few years of days × start times: every plan's sessions are worked out on every list. */
const MAX_INSTANTS = 50_000

/**
 * The instant of a London date ("2026-11-24") and wall time ("18:00"), by the rule above.
 * Throws a RangeError when either is not one. Answers are kept: a wall time's instant never changes.
 */
export function londonInstant(date: string, time: string): Date {
  const key = `${date}T${time}`
  let instant = instants.get(key)
  if (instant === undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}(:\d{2})?$/.test(time)) throw new RangeError(`Not a London date and time: ${key}`)
    instant = Temporal.PlainDateTime.from(key, { overflow: 'reject' }).toZonedDateTime(LONDON, { disambiguation: 'compatible' }).epochMilliseconds
    if (instants.size >= MAX_INSTANTS) instants.clear()
    instants.set(key, instant)
  }
  return new Date(instant)
}

/** The calendar date `days` after `date` (both "YYYY-MM-DD"; days may be negative). */
export const addDays = (date: string, days: number): string => Temporal.PlainDate.from(date).add({ days }).toString()

/** An instant as a `datetime-local` value ("YYYY-MM-DDTHH:MM") on the London clock. */
export function toLondonLocal(at: Date): string {
  const c = londonClock(at)
  return `${c.date}T${c.time}`
}

/** A `datetime-local` value read on the London clock (by the rule above); null when it is not a date and time. */
export function fromLondonLocal(value: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)$/.exec(value)
  if (!m) return null
  try {
    return londonInstant(m[1]!, m[2]!)
  } catch {
    return null
  }
}

const pad = (n: number) => String(n).padStart(2, '0')
