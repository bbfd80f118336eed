/**
 * How fast people go, in metres a minute: the one place for it. A reassurance patrol walks
 * slower than someone going somewhere (about 4.5 km/h, as the hot-spot patrol literature plans
 * it): it stops, looks and talks.
 */
export const PACE = {
  walking: 5000 / 60,
  running: 10_000 / 60,
  patrol: 4500 / 60,
} as const

/**
 * Whole minutes to walk and to run `metres` at PACE (never under one): the times every computed
 * route and loop carries, which the web words ("1 h 5 min walking, 38 min running").
 */
export function tripMinutes(metres: number): { walkingMinutes: number; runningMinutes: number } {
  const minutes = (pace: number) => Math.max(1, Math.round(metres / pace))
  return { walkingMinutes: minutes(PACE.walking), runningMinutes: minutes(PACE.running) }
}
