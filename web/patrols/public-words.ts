import { fromLondonLocal, LONDON, londonDate, londonInstant } from '../../common/london-time.ts'
import { BAND_HOURS, hourText } from '../../common/time-bands.ts'
import type { Settings } from '../map/info.ts'
import { londonClockText } from '../time-words.ts'
import type { NearPatrol } from './api.ts'

/*
 * Patrols in residents' words, on the London clock whatever the device's zone: when a patrol
 * passes, which hours the map shows, and the answer to "next patrol near here".
 */
const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, weekday: 'short', day: 'numeric', month: 'short' })

/** "Tue 24 Nov 18:00–20:00" (London time); the end's day is named too when it is another day. */
export function sessionText(session: { start: string; end: string }): string {
  const start = new Date(session.start)
  const end = new Date(session.end)
  const startDay = dayFormat.format(start).replace(',', '')
  const endDay = dayFormat.format(end).replace(',', '')
  const endText = endDay === startDay ? londonClockText(end) : `${endDay} ${londonClockText(end)}`
  return `${startDay} ${londonClockText(start)}–${endText}`
}

/** "about 120 m" (to the nearest 10 m). */
function nearText(metres: number): string {
  if (metres < 10) return 'less than 10 m'
  if (metres >= 1000) return `about ${(metres / 1000).toFixed(1)} km`
  return `about ${Math.round(metres / 10) * 10} m`
}

/** The answer to a tap on the map while the patrols panel is open; `reach` is how far the server looked. */
export function nextPatrolText(near: NearPatrol | undefined, reach: Settings['nearPatrol']): string {
  if (!near) return `No patrol passes within ${reach.metres} m in the next ${reach.days} days`
  return `Next patrol near here: ${near.patrol.title}, ${sessionText(near)} (${nearText(near.distanceMeters)} away)`
}

/** The hours the map shows patrols for. */
export type WhenChoice = 'now' | 'evening' | 'week' | 'at'

export const whenChoices: { slug: WhenChoice; label: string; hint: string }[] = [
  { slug: 'now', label: 'Now', hint: 'the coming hour' },
  { slug: 'evening', label: 'This evening', hint: `${hourText(BAND_HOURS.evening[0])} to ${hourText(BAND_HOURS.evening[1])}` },
  { slug: 'week', label: 'Next 7 days', hint: 'from now' },
  { slug: 'at', label: 'A day and time', hint: 'the hour from it' },
]

const HOUR_MS = 3_600_000
/** "This evening" is the evening time band. */
const EVENING = { from: hourText(BAND_HOURS.evening[0]), to: hourText(BAND_HOURS.evening[1]) }

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
      return { from: londonInstant(today, EVENING.from).toISOString(), to: londonInstant(today, EVENING.to).toISOString() }
    }
    case 'at': {
      const start = fromLondonLocal(at)
      return start ? { from: start.toISOString(), to: iso(start.getTime() + HOUR_MS) } : null
    }
  }
}

/** "Tue 24 Nov, 19:00 to 20:00" of a window, for the list's heading. */
export function windowText(choice: WhenChoice, window: { from: string; to: string }): string {
  switch (choice) {
    case 'now':
      return 'in the coming hour'
    case 'week':
      return 'in the next 7 days'
    case 'evening':
      return `this evening, ${EVENING.from} to ${EVENING.to}`
    case 'at': {
      const from = new Date(window.from)
      return `on ${dayFormat.format(from).replace(',', '')}, ${londonClockText(from)} to ${londonClockText(new Date(window.to))}`
    }
  }
}
