import type { GeoJSONSourceSpecification } from 'maplibre-gl'

/** Saved patrol plans (feature ids: the plans'; properties: id, title, public). */
export const patrolPlanSourceId = 'patrol-plans'
/** The week's hot spots from GET /api/coverage (feature ids: their ranks; properties: rank, weight, uncoveredWeight, state). */
export const hotspotSourceId = 'patrol-hotspots'
/** A suggested patrol's route, not yet saved. */
export const suggestionSourceId = 'patrol-suggestion'
/** The plan being drawn: the line snapped by POST /api/patrols/preview. */
export const previewSourceId = 'patrol-preview'
/** The clicked waypoints of the plan being drawn (properties: n, dwellMinutes), and a suggestion's start (n: 0). */
export const waypointSourceId = 'patrol-waypoints'

const empty = (): GeoJSONSourceSpecification => ({
  type: 'geojson',
  data: { type: 'FeatureCollection', features: [] },
})

/** Added to the map while the officer's Patrols view is open; filled with setData(). */
export function patrolPlanningSources(): Record<string, GeoJSONSourceSpecification> {
  return {
    [patrolPlanSourceId]: empty(),
    [hotspotSourceId]: empty(),
    [suggestionSourceId]: empty(),
    [previewSourceId]: empty(),
    [waypointSourceId]: empty(),
  }
}
