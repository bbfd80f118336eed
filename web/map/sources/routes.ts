import type { GeoJSONSourceSpecification } from 'maplibre-gl'

/** The planned alternatives (properties: id, index, selected); filled by the route panel. */
export const routeSourceId = 'routes'
/** The route (or loop) planned on distance alone, drawn for comparison. */
export const shortestRouteSourceId = 'route-shortest'
/** The 1 km, 2 km, … points along each alternative (properties: index, km); the selected one's are shown. */
export const routeKmSourceId = 'route-km'

const empty = (): GeoJSONSourceSpecification => ({
  type: 'geojson',
  data: { type: 'FeatureCollection', features: [] },
})

/** Added to the map when the route panel or a shared route opens; filled with setData(). */
export function routeSources(): Record<string, GeoJSONSourceSpecification> {
  return { [routeSourceId]: empty(), [shortestRouteSourceId]: empty(), [routeKmSourceId]: empty() }
}
