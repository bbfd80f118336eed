import ical from 'ical-generator'
import { Temporal } from 'temporal-polyfill'
import { LONDON, londonInstant } from '../../common/london-time.ts'
import { PACE } from '../../common/pace.ts'
import type { RunTiming } from './occurrences.ts'

/**
 * Europe/London's rule since 1996 (EU summer time: last Sunday of March 01:00 UTC to last Sunday
 * of October 01:00 UTC), for the calendar's VTIMEZONE: RFC 5545 wants one for every TZID used,
 * and a calendar app then repeats 19:00 as 19:00 across the change.
 */
const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${LONDON}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n')

/** How a club calendar is sent, as a download or to a subscribed calendar app. */
export const CALENDAR_HEADERS = {
  'Content-Type': 'text/calendar; charset=utf-8',
  'Content-Disposition': 'attachment; filename="club-runs.ics"',
}

/** RRULE's BYDAY by ISO weekday. */
const BYDAY = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']
/** A run lasts as long as its route takes at running pace, and at least half an hour in a calendar. */
const MIN_MINUTES = 30

export type CalendarRun = { id: number; routeName: string; notes: string | null; lengthMeters: number | null; timing: RunTiming }

/** An instant as London wall-clock time, for DTSTART;TZID=Europe/London (never the server's own zone). */
const wallClock = (at: Date) => Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(LONDON).toPlainDateTime()

/** RFC 5545 UTC form of an instant (20270330T180000Z), as UNTIL must be when DTSTART has a TZID. */
const utcStamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')

/**
 * The club's runs as an RFC 5545 calendar (text/calendar), times in Europe/London: a one-off run
 * is one VEVENT, a weekly run one VEVENT with RRULE:FREQ=WEEKLY (and UNTIL when it ends).
 */
export function clubCalendar(clubName: string, runs: CalendarRun[]): string {
  const calendar = ical({ name: clubName, prodId: { company: 'Common Ground', product: 'club runs' } })
  calendar.timezone({ name: LONDON, generator: (zone) => (zone === LONDON ? LONDON_VTIMEZONE : null) })
  for (const run of runs) {
    const { startsAt, weekly } = run.timing
    const minutes = Math.max(MIN_MINUTES, Math.ceil((run.lengthMeters ?? 0) / PACE.running))
    const until = weekly?.until ? londonInstant(weekly.until, weekly.startTime) : null
    calendar.createEvent({
      id: `club-run-${run.id}@common-ground`,
      summary: `${clubName}: ${run.routeName}`,
      description: run.notes,
      start: wallClock(startsAt),
      end: wallClock(new Date(startsAt.getTime() + minutes * 60_000)),
      timezone: LONDON,
      repeating: weekly ? `FREQ=WEEKLY;BYDAY=${BYDAY[weekly.weekday]}${until ? `;UNTIL=${utcStamp(until)}` : ''}` : null,
    })
  }
  return calendar.toString()
}
