// Spherical mercator in [0..1], as supercluster projects points before it clusters them: the
// levels' `xy` are in it, so queries and answers go through it.

export const lngX = (lng: number) => lng / 360 + 0.5

export function latY(lat: number) {
  const sin = Math.sin((lat * Math.PI) / 180)
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI
  return y < 0 ? 0 : y > 1 ? 1 : y
}

export const xLng = (x: number) => (x - 0.5) * 360

export const yLat = (y: number) => (360 * Math.atan(Math.exp(((180 - y * 360) * Math.PI) / 180))) / Math.PI - 90
