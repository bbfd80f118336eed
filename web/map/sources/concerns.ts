import type { GeoJSONSourceSpecification } from 'maplibre-gl'

/** Residents' concerns for the view: clusters and single concerns from /api/concerns/clusters. */
export const concernSourceId = 'concerns'
/** The officer's precise points, from /api/officer/concerns (only on the moderation page). */
export const officerConcernSourceId = 'officer-concerns'

const empty = (): GeoJSONSourceSpecification => ({
  type: 'geojson',
  data: { type: 'FeatureCollection', features: [] },
})

/** Filled by the components with setData(); empty in the style. */
export function concernSources(): Record<string, GeoJSONSourceSpecification> {
  return { [concernSourceId]: empty(), [officerConcernSourceId]: empty() }
}
