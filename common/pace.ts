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
