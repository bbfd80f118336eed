import { intl, t } from './i18n/intl.ts'

// Instants as people read them, on the London clock (the intl's time zone) in the language of the
// page, and how long to wait.

const CLOCK = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const
const SHORT_WHEN = { weekday: 'short', day: 'numeric', month: 'short', ...CLOCK } as const

/** "18:00": an instant's time on the London clock. */
export const londonClockText = (at: Date): string => intl().formatTime(at, CLOCK)

/** An instant on the London clock, "Tue 24 Nov, 18:00"; with `until`, "Tue 24 Nov, 18:00–19:00". */
export function londonWhenText(iso: string, until?: string): string {
  const start = intl().formatDate(new Date(iso), SHORT_WHEN)
  return until ? `${start}–${londonClockText(new Date(until))}` : start
}

/**
 * How long to wait, as said to a resident: "in 30 seconds", "in about a minute", "in 4 minutes",
 * "in about 2 hours"; "later" when the server did not say. Rounded up, so that nobody is sent
 * back before the wait is over.
 */
export function waitText(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return t('time.wait.later')
  const s = Math.ceil(seconds)
  if (s < 45) return t('time.wait.seconds', { count: s })
  const minutes = Math.ceil(s / 60)
  if (minutes === 1) return t('time.wait.aboutMinute')
  if (minutes < 60) return t('time.wait.minutes', { count: minutes })
  if (minutes <= 90) return t('time.wait.aboutHour')
  return t('time.wait.hours', { count: Math.ceil(minutes / 60) })
}
