import { z } from 'zod'
import type { TimeBand } from '../concerns/vocabulary.ts'
import { londonClock, londonDate, londonInstant } from '../../common/london-time.ts'
import { BAND_HOURS, timeBandAt } from '../../common/time-bands.ts'
import { onParsed } from '../refine.ts'

// Patrol schedules (docs/patrols-api.md "Plans"): a one-off session or a weekly pattern, both in
// Europe/London wall-clock time. Pure functions, no I/O.

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Day = (typeof DAYS)[number]

const DAY_MS = 86_400_000
const MINUTE_MS = 60_000
const MAX_SPAN_DAYS = 731
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** Day names by ISO weekday (1 = Monday). */
const WEEKDAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

// Calendar dates are handled as whole days since the epoch, so date arithmetic can't meet a DST change.
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)
const weekdayOf = (day: number) => new Date(day * DAY_MS).getUTCDay()
const pad = (n: number) => String(n).padStart(2, '0')

const durationMinutes = z.number().int().min(5).max(720)

const onceSchedule = z.strictObject({
  start: z.iso.datetime({ offset: true }),
  durationMinutes,
})

const weeklySchedule = z
  .strictObject({
    days: z
      .array(z.enum(DAYS))
      .min(1, 'pick at least one day')
      .refine((d) => new Set(d).size === d.length, { ...onParsed, message: 'days must not repeat' }),
    startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'startTime must be HH:MM, 00:00–23:59'),
    durationMinutes,
    validFrom: z.iso.date(),
    validUntil: z.iso.date(),
  })
  .refine((s) => s.validUntil >= s.validFrom, {
    ...onParsed,
    message: "validUntil is before validFrom: a schedule can't end before it starts",
    path: ['validUntil'],
  })
  .refine((s) => dayNumber(s.validUntil) - dayNumber(s.validFrom) < MAX_SPAN_DAYS, {
    ...onParsed,
    message: `a weekly schedule spans at most ${MAX_SPAN_DAYS} days`,
    path: ['validUntil'],
  })

export type OnceSchedule = z.infer<typeof onceSchedule>
export type WeeklySchedule = z.infer<typeof weeklySchedule>
export type Schedule = OnceSchedule | WeeklySchedule

/**
 * A schedule is weekly when the object has `days`, else one-off. Choosing the shape first (rather
 * than a plain z.union) reports that shape's own errors instead of one "Invalid input".
 */
export const scheduleSchema = z.unknown().transform((value, ctx): Schedule => {
  const weekly = typeof value === 'object' && value !== null && 'days' in value
  const result = (weekly ? weeklySchedule : onceSchedule).safeParse(value)
  if (result.success) return result.data
  for (const { message, path } of result.error.issues) ctx.issues.push({ code: 'custom', message, path, input: value })
  return z.NEVER
})

export type Session = { start: Date; end: Date }

const isWeekly = (s: Schedule): s is WeeklySchedule => 'days' in s

function onceSession(s: OnceSchedule): Session {
  const start = new Date(s.start)
  return { start, end: new Date(start.getTime() + s.durationMinutes * MINUTE_MS) }
}

function weeklySession(s: WeeklySchedule, day: number): Session {
  const start = londonInstant(dateOf(day), s.startTime)
  return { start, end: new Date(start.getTime() + s.durationMinutes * MINUTE_MS) }
}

const matches = (s: WeeklySchedule, day: number) => s.days.includes(DAYS[(weekdayOf(day) + 6) % 7]!)

/** Every session overlapping [from, to), soonest first. */
export function sessions(schedule: Schedule, from: Date, to: Date): Session[] {
  if (!isWeekly(schedule)) {
    const session = onceSession(schedule)
    return session.start < to && session.end > from ? [session] : []
  }
  const out: Session[] = []
  // A session lasts at most 12 hours, so one that started the London day before `from` may still run.
  const last = dayNumber(schedule.validUntil)
  for (let day = Math.max(dayNumber(schedule.validFrom), dayNumber(londonDate(from)) - 1); day <= last; day++) {
    if (!matches(schedule, day)) continue
    const session = weeklySession(schedule, day)
    if (session.start >= to) break
    if (session.end > from) out.push(session)
  }
  return out
}

/** The first session's start and the last session's end; null for a weekly schedule none of whose days fall in its range. */
export function scheduleSpan(schedule: Schedule): { first: Date; last: Date } | null {
  if (!isWeekly(schedule)) {
    const { start, end } = onceSession(schedule)
    return { first: start, last: end }
  }
  const from = dayNumber(schedule.validFrom)
  const until = dayNumber(schedule.validUntil)
  let first = from
  while (first <= until && !matches(schedule, first)) first++
  if (first > until) return null
  let last = until
  while (!matches(schedule, last)) last--
  return { first: weeklySession(schedule, first).start, last: weeklySession(schedule, last).end }
}

const listText = (names: string[]) => (names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`)
const dateText = (date: string) => {
  const [y, m, d] = date.split('-').map(Number)
  return `${d} ${MONTHS[m! - 1]} ${y}`
}

/**
 * "Tue and Thu 18:00–20:00, 23 Nov 2026 – 31 Mar 2027" or "Tue 24 Nov 2026 18:00–19:30", in London
 * time. English, for API clients (`scheduleText`) and the calendar export; the UI words the
 * schedule itself, in the page's language (web/patrols/public-words.ts `scheduleWords`).
 */
export function describeSchedule(schedule: Schedule): string {
  if (!isWeekly(schedule)) {
    const { start, end } = onceSession(schedule)
    const c = londonClock(start)
    const e = londonClock(end)
    return `${WEEKDAY_NAMES[c.weekday]} ${c.day} ${MONTHS[c.month - 1]} ${c.year} ${pad(c.hour)}:${pad(c.minute)}–${pad(e.hour)}:${pad(e.minute)}`
  }
  const days = DAYS.filter((d) => schedule.days.includes(d))
  const dayText =
    days.length === 7
      ? 'Every day'
      : days.join() === 'mon,tue,wed,thu,fri'
        ? 'Weekdays'
        : days.join() === 'sat,sun'
          ? 'Weekends'
          : listText(days.map((d) => d[0]!.toUpperCase() + d.slice(1)))
  // The nominal end on the wall clock, wrapping past midnight ("23:00–01:00").
  const [h, m] = schedule.startTime.split(':').map(Number)
  const endMinute = (h! * 60 + m! + schedule.durationMinutes) % 1440
  const endTime = `${pad(Math.floor(endMinute / 60))}:${pad(endMinute % 60)}`
  return `${dayText} ${schedule.startTime}–${endTime}, ${dateText(schedule.validFrom)} – ${dateText(schedule.validUntil)}`
}

/** The day number of the Monday of ISO week 1 of a year (the week holding 4 January). */
function isoWeekOneMonday(year: number): number {
  const jan4 = dayNumber(`${String(year).padStart(4, '0')}-01-04`)
  return jan4 - ((weekdayOf(jan4) + 6) % 7)
}

const weeksInYear = (year: number) => (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7

/** "2026-W48": a valid ISO 8601 week (W53 only in the years that have one). */
export const isoWeekParam = z
  .string()
  .regex(/^\d{4}-W\d{2}$/, 'week must look like 2026-W48')
  .refine((w) => {
    const week = Number(w.slice(6))
    return week >= 1 && week <= weeksInYear(Number(w.slice(0, 4)))
  }, { ...onParsed, message: 'no such ISO week' })

/**
 * An ISO week, Monday 00:00 London to the next Monday 00:00 London (167 or 169 hours across a
 * DST change), and its seven London dates.
 */
export function isoWeek(week: string): { from: Date; to: Date; dates: string[] } {
  const monday = isoWeekOneMonday(Number(week.slice(0, 4))) + 7 * (Number(week.slice(6)) - 1)
  return {
    from: londonInstant(dateOf(monday), '00:00'),
    to: londonInstant(dateOf(monday + 7), '00:00'),
    dates: [0, 1, 2, 3, 4, 5, 6].map((k) => dateOf(monday + k)),
  }
}

/** The ISO week ("2026-W48") of an instant's London date. */
export function currentIsoWeek(at: Date): string {
  const day = dayNumber(londonDate(at))
  const monday = day - ((weekdayOf(day) + 6) % 7)
  const year = new Date((monday + 3) * DAY_MS).getUTCFullYear() // the week's Thursday decides its year
  return `${year}-W${pad((monday - isoWeekOneMonday(year)) / 7 + 1)}`
}

export type SessionBand = { date: string; weekend: boolean; band: TimeBand; minutes: number }

/** Band starts on the wall clock (hours), in order; 24 is the next London midnight. */
const BAND_EDGES = [...new Set(Object.values(BAND_HOURS).map(([from]) => from)), 24].sort((a, b) => a - b)

/**
 * How a session's minutes fall over London dates and time bands. Pieces end at band edges and at
 * London midnight on the wall clock; minutes are real elapsed minutes (no edge falls in a DST
 * change's hour, so those only lengthen or shorten a night piece).
 */
export function sessionBands(session: Session): SessionBand[] {
  const out: SessionBand[] = []
  let t = session.start
  while (t < session.end) {
    const c = londonClock(t)
    const date = c.date
    const edge = BAND_EDGES.find((h) => h > c.hour)!
    const edgeAt = edge === 24 ? londonInstant(dateOf(dayNumber(date) + 1), '00:00') : londonInstant(date, `${pad(edge)}:00`)
    const next = edgeAt < session.end ? edgeAt : session.end
    const band = timeBandAt(t)
    const minutes = (next.getTime() - t.getTime()) / MINUTE_MS
    const previous = out.at(-1)
    if (previous && previous.date === date && previous.band === band) previous.minutes += minutes
    else out.push({ date, weekend: c.weekend, band, minutes })
    t = next
  }
  return out
}
