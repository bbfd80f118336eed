import { fromLondonLocal, londonDate, londonInstant } from '../../common/london-time.ts'
import { BAND_HOURS, hourText } from '../../common/time-bands.ts'
import type { Day, Schedule, WeeklySchedule } from '../../server/patrols/schedule.ts'
import { intl, t } from '../i18n/intl.ts'
import type { Settings } from '../map/info.ts'
import { distanceText } from '../routes/words.ts'
import { londonClockText } from '../time-words.ts'
import type { NearPatrol } from './api.ts'

/*
 * Patrols in residents' words, in the page's language and on the London clock whatever the
 * device's zone: when a patrol passes, which hours the map shows, and the answer to "next patrol
 * near here". The server's `scheduleText` is English for API clients; the UI words `schedule`.
 */

/** The days of the week, Monday first (ISO), as schedules name them. */
export const WEEK: readonly Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

const DAY = { weekday: 'short', day: 'numeric', month: 'short' } as const
const DATE = { day: 'numeric', month: 'short', year: 'numeric' } as const
const MINUTES_A_DAY = 1440

/** A London calendar date as an instant within that day: noon UTC is that day in London, summer or winter. */
const dayOf = (date: string) => new Date(`${date}T12:00:00Z`)

/** "Tuesday" or "Tue" in the page's language (2024-01-01 was a Monday). */
export function weekDayName(day: Day, width: 'long' | 'short'): string {
  return intl().formatDate(dayOf(`2024-01-0${WEEK.indexOf(day) + 1}`), { weekday: width })
}

/**
 * A wall-clock time, minutes after midnight (wrapping past it), as the page's clock says it: on
 * a January day, when London's clock is UTC's, so no clock change can move it.
 */
const wallClockText = (minutes: number) => londonClockText(new Date(Date.UTC(2024, 0, 1, 0, minutes % MINUTES_A_DAY)))

const minutesOf = (time: string) => {
  const [h, m] = time.split(':').map(Number)
  return h! * 60 + m!
}

const isWeekly = (schedule: Schedule): schedule is WeeklySchedule => 'days' in schedule

function weeklyWords(schedule: WeeklySchedule): string {
  const start = minutesOf(schedule.startTime)
  const values = {
    start: wallClockText(start),
    // The nominal end on the wall clock, wrapping past midnight ("23:00–01:00").
    end: wallClockText(start + schedule.durationMinutes),
    dates: intl().formatDateTimeRange(dayOf(schedule.validFrom), dayOf(schedule.validUntil), DATE),
  }
  const days = WEEK.filter((d) => schedule.days.includes(d))
  const pattern = days.join()
  if (days.length === WEEK.length) return t('patrols.schedule.daily', values)
  if (pattern === 'mon,tue,wed,thu,fri') return t('patrols.schedule.weekdays', values)
  if (pattern === 'sat,sun') return t('patrols.schedule.weekends', values)
  // One day is its own message: languages inflect "every Tuesday" by the day.
  if (days.length === 1) return t('patrols.schedule.oneDay', { ...values, day: days[0] })
  return t('patrols.schedule.days', { ...values, days: intl().formatList(days.map((d) => weekDayName(d, 'short'))) })
}

/**
 * When a plan's patrol passes, in the page's language, London time: "Tue and Thu 18:00–20:00,
 * 1 Dec 2026 – 28 Feb 2027", "Weekdays 07:30–08:30, …", "Tue, 8 Dec 2026, 19:00–20:00".
 */
export function scheduleWords(schedule: Schedule): string {
  if (isWeekly(schedule)) return weeklyWords(schedule)
  const start = new Date(schedule.start)
  const end = new Date(start.getTime() + schedule.durationMinutes * 60_000)
  return t('patrols.schedule.once', { date: intl().formatDate(start, { weekday: 'short', ...DATE }), start: londonClockText(start), end: londonClockText(end) })
}

/** "Tue 24 Nov 18:00–20:00" (London time); the end's day is named too when it is another day. */
export function sessionText(session: { start: string; end: string }): string {
  const start = new Date(session.start)
  const end = new Date(session.end)
  const day = intl().formatDate(start, DAY)
  const values = { day, start: londonClockText(start), end: londonClockText(end) }
  const endDay = intl().formatDate(end, DAY)
  return endDay === day ? t('patrols.session.sameDay', values) : t('patrols.session.twoDays', { ...values, endDay })
}

/** Nearer than this, a distance is said as "less than 10 m". */
const CLOSE_METRES = 10

/** The answer to a tap on the map while the patrols panel is open; `reach` is how far the server looked. */
export function nextPatrolText(near: NearPatrol | undefined, reach: Settings['nearPatrol']): string {
  if (!near) return t('patrols.near.none', { distance: distanceText(reach.metres), days: reach.days })
  const values = { title: near.patrol.title, when: sessionText(near) }
  return near.distanceMeters < CLOSE_METRES
    ? t('patrols.near.nextClose', { ...values, distance: distanceText(CLOSE_METRES) })
    : t('patrols.near.next', { ...values, distance: distanceText(near.distanceMeters) })
}

/** The hours the map shows patrols for. */
export type WhenChoice = 'now' | 'evening' | 'week' | 'at'

/** "This evening" is the evening time band. */
const [EVENING_FROM, EVENING_TO] = BAND_HOURS.evening
const eveningHours = () => ({ from: wallClockText(EVENING_FROM * 60), to: wallClockText(EVENING_TO * 60) })

/** The choices, in the page's language. */
export const whenChoices = (): { slug: WhenChoice; label: string; hint: string }[] => [
  { slug: 'now', label: t('patrols.when.now'), hint: t('patrols.when.nowHint') },
  { slug: 'evening', label: t('patrols.when.evening'), hint: t('patrols.when.eveningHint', eveningHours()) },
  { slug: 'week', label: t('patrols.when.week'), hint: t('patrols.when.weekHint') },
  { slug: 'at', label: t('patrols.when.at'), hint: t('patrols.when.atHint') },
]

const HOUR_MS = 3_600_000

/**
 * The instants [from, to) of a choice, as ISO 8601 in UTC. `at` is a `datetime-local` value on
 * the London clock (for "A day and time"); null when that choice has no valid date and time.
 */
export function patrolWindow(choice: WhenChoice, now: Date, at = ''): { from: string; to: string } | null {
  const iso = (ms: number) => new Date(ms).toISOString()
  switch (choice) {
    case 'now':
      return { from: iso(now.getTime()), to: iso(now.getTime() + HOUR_MS) }
    case 'week':
      return { from: iso(now.getTime()), to: iso(now.getTime() + 7 * 24 * HOUR_MS) }
    case 'evening': {
      const today = londonDate(now)
      return { from: londonInstant(today, hourText(EVENING_FROM)).toISOString(), to: londonInstant(today, hourText(EVENING_TO)).toISOString() }
    }
    case 'at': {
      const start = fromLondonLocal(at)
      return start ? { from: start.toISOString(), to: iso(start.getTime() + HOUR_MS) } : null
    }
  }
}

/** "in the coming hour", "on Tue 24 Nov, 19:00 to 20:00": a window, for the list's heading. */
export function windowText(choice: WhenChoice, window: { from: string; to: string }): string {
  switch (choice) {
    case 'now':
      return t('patrols.window.now')
    case 'week':
      return t('patrols.window.week')
    case 'evening':
      return t('patrols.window.evening', eveningHours())
    case 'at': {
      const from = new Date(window.from)
      return t('patrols.window.at', { day: intl().formatDate(from, DAY), from: londonClockText(from), to: londonClockText(new Date(window.to)) })
    }
  }
}
