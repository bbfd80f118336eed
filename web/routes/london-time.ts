/*
 * The route panel's date and time are UK clock time (Europe/London), whatever the device's own
 * time zone: the routes are in London and the server wants an ISO date-time with its offset.
 */
const ZONE = 'Europe/London'

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/** The wall-clock fields of an instant in London. */
function londonFields(at: Date) {
  const f = Object.fromEntries(parts.formatToParts(at).map((p) => [p.type, p.value])) as Record<string, string>
  return { y: f.year!, mo: f.month!, d: f.day!, h: f.hour!, mi: f.minute!, s: f.second! }
}

/** An instant as a `datetime-local` value ("YYYY-MM-DDTHH:MM") on the London clock. */
export function toLondonLocal(at: Date): string {
  const { y, mo, d, h, mi } = londonFields(at)
  return `${y}-${mo}-${d}T${h}:${mi}`
}

/** London's offset from UTC at an instant, in minutes (0 in winter, 60 in summer). */
function offsetMinutes(at: Date): number {
  const { y, mo, d, h, mi, s } = londonFields(at)
  const asUtc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s)
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000)
}

/**
 * A `datetime-local` value read on the London clock, as ISO 8601 with its offset
 * ("2026-11-21T18:30:00+00:00"); null when it is not a date and time. In the hour the clocks go
 * back, the second (GMT) reading is taken; a time in the hour they skip is read as GMT too.
 */
export function londonLocalToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value)
  if (!m) return null
  const [, y, mo, d, h, mi, s = '00'] = m
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s)
  if (Number.isNaN(wall)) return null
  // The offset at the wall time read as UTC, then at the instant that gives: two steps settle it.
  let offset = offsetMinutes(new Date(wall))
  offset = offsetMinutes(new Date(wall - offset * 60_000))
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${sign}${hh}:${mm}`
}

/** "HH:MM" of a datetime-local value, for a club's usual start time. */
export const clockOf = (value: string): string => /T(\d{2}:\d{2})/.exec(value)?.[1] ?? ''

/** The London calendar date of an instant, "YYYY-MM-DD" (the patrol schedule's days are London days). */
export function londonDate(at: Date): string {
  const { y, mo, d } = londonFields(at)
  return `${y}-${mo}-${d}`
}

/** A London date and clock time ("2026-11-24", "18:00") as an ISO 8601 instant with offset; null when either is not one. */
export const londonInstant = (date: string, time: string): string | null => londonLocalToIso(`${date}T${time}`)

const shortWhen = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})
const clock = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** "18:00": an instant's time on the London clock. */
export const londonClockText = (at: Date): string => clock.format(at)

/** An instant on the London clock, "Tue 24 Nov, 18:00"; with `until`, "Tue 24 Nov, 18:00–19:00". */
export function londonWhenText(iso: string, until?: string): string {
  const start = shortWhen.format(new Date(iso))
  return until ? `${start}–${clock.format(new Date(until))}` : start
}
