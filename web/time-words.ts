import { LONDON } from '../common/london-time.ts'

// Instants as people read them, on the London clock (common/london-time.ts converts; this words).

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
