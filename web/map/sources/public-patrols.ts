import type { GeoJSONSourceSpecification } from 'maplibre-gl'

/** The public patrol plans of the chosen hours (properties: id, selected); filled by the patrols panel. */
export const publicPatrolSourceId = 'public-patrols'

/** Added to the map while the patrols panel is open; filled with setData(). */
export function publicPatrolSources(): Record<string, GeoJSONSourceSpecification> {
  return { [publicPatrolSourceId]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } }
}
