import { LONDON } from '../common/london-time.ts'

// Instants as people read them, on the London clock (common/london-time.ts converts; this words),
// and how long to wait.

const clock = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
const shortWhen = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** "18:00": an instant's time on the London clock. */
export const londonClockText = (at: Date): string => clock.format(at)

/** An instant on the London clock, "Tue 24 Nov, 18:00"; with `until`, "Tue 24 Nov, 18:00–19:00". */
export function londonWhenText(iso: string, until?: string): string {
  const start = shortWhen.format(new Date(iso))
  return until ? `${start}–${clock.format(new Date(until))}` : start
}

/**
 * How long to wait, as said to a resident: "in 30 seconds", "in about a minute", "in 4 minutes",
 * "in about 2 hours"; "later" when the server did not say. Rounded up, so that nobody is sent
 * back before the wait is over.
 */
export function waitText(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return 'later'
  const s = Math.ceil(seconds)
  if (s < 45) return `in ${s} ${s === 1 ? 'second' : 'seconds'}`
  const minutes = Math.ceil(s / 60)
  if (minutes === 1) return 'in about a minute'
  if (minutes < 60) return `in ${minutes} minutes`
  if (minutes <= 90) return 'in about an hour'
  return `in about ${Math.ceil(minutes / 60)} hours`
}
