import type { Feature, FeatureCollection, Geometry } from 'geojson'

/**
 * Rows with a `geometry` (GeoJSON text from ST_AsGeoJSON) and properties → a FeatureCollection.
 * `truncated` (a foreign member, allowed by RFC 7946) says the cap was reached.
 */
export function featureCollection<P extends Record<string, unknown>>(
  rows: readonly (P & { id: string | number; geometry: string })[],
  limit: number,
): FeatureCollection<Geometry, Omit<P, 'geometry'>> & { truncated: boolean } {
  const features = rows.slice(0, limit).map(({ id, geometry, ...properties }) => ({
    type: 'Feature' as const,
    id,
    geometry: JSON.parse(geometry) as Geometry,
    properties: { id, ...properties } as unknown as Omit<P, 'geometry'>,
  })) satisfies Feature[]
  return { type: 'FeatureCollection', features, truncated: rows.length > limit }
}
