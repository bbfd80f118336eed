import destination from '@turf/destination'
import distance from '@turf/distance'
import { earthRadius, lengthToDegrees } from '@turf/helpers'

// Geometry in metres that the server and the web both need, on turf's sphere (earthRadius,
// 6,371,008.8 m): one value of each constant, here.

/** Metres in a degree of latitude, and of longitude at the equator. */
export const METRES_PER_DEGREE = (earthRadius * Math.PI) / 180

/**
 * The degrees of latitude and longitude that `metres` span at a latitude. North of about 35° a
 * real degree of latitude is longer than the sphere's, so a box of these sides holds the circle;
 * the 1% over makes sure of it anywhere.
 */
export function degreesSpanned(metres: number, lat: number): { dLat: number; dLng: number } {
  const dLat = lengthToDegrees(metres * 1.01, 'meters')
  return { dLat, dLng: dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01) }
}

/** The bbox [west, south, east, north] that holds every point within `metres` of lng/lat. */
export function boxAround(lng: number, lat: number, metres: number): [number, number, number, number] {
  const { dLat, dLng } = degreesSpanned(metres, lat)
  return [lng - dLng, lat - dLat, lng + dLng, lat + dLat]
}

/** Great-circle metres between two lng/lat points. */
export const metresBetween = (lng1: number, lat1: number, lng2: number, lat2: number): number =>
  distance([lng1, lat1], [lng2, lat2], { units: 'meters' })

/** The point `metres` away from lng/lat on a compass bearing (degrees clockwise from north). */
export function offsetBy(lng: number, lat: number, bearing: number, metres: number): [number, number] {
  const [x, y] = destination([lng, lat], metres, bearing, { units: 'meters' }).geometry.coordinates
  return [x!, y!]
}
