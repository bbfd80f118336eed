import type { TimeBand } from '../server/concerns/vocabulary.ts'
import { londonClock } from './london-time.ts'

/**
 * The hours of the time bands people say they feel unsafe in, on the London clock: from the
 * first hour to the second (night runs past midnight). The one place for them.
 */
export const BAND_HOURS: Record<TimeBand, readonly [from: number, to: number]> = {
  early_morning: [5, 8],
  daytime: [8, 17],
  evening: [17, 22],
  night: [22, 5],
}

/** The time band an instant falls in. */
export function timeBandAt(at: Date): TimeBand {
  const { hour } = londonClock(at)
  for (const [band, [from, to]] of Object.entries(BAND_HOURS) as [TimeBand, readonly [number, number]][]) {
    if (from < to ? hour >= from && hour < to : hour >= from || hour < to) return band
  }
  return 'night'
}

/** "17:00" of an hour. */
export const hourText = (hour: number) => `${String(hour % 24).padStart(2, '0')}:00`
