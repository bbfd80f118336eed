import { describe, expect, it } from 'vitest'
import { EXTENT, encodeTile } from '../../server/tiles/encode.ts'
import { decodeTile, tileFor } from '../support/tiles.ts'

const Z = 16
const { x: X, y: Y } = tileFor(-0.125, 51.615, Z)
/** The WGS 84 position of tile coordinates (tx, ty) in the test tile. */
function lngLat(tx: number, ty: number): [number, number] {
  const n = 2 ** Z
  const lng = ((X + tx / EXTENT) / n) * 360 - 180
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (Y + ty / EXTENT)) / n))) * 180) / Math.PI
  return [lng, lat]
}

describe('encodeTile', () => {
  it('writes points, lines and polygons that decode to the same tile coordinates and properties', () => {
    const bytes = encodeTile(
      {
        crimes: [{ type: 'Feature', geometry: { type: 'Point', coordinates: lngLat(10, 20) }, properties: { category: 'burglary' } }],
        paths: [
          {
            type: 'Feature',
            id: 7,
            geometry: { type: 'LineString', coordinates: [lngLat(0, 0), lngLat(100, 50), lngLat(200, 0)] },
            properties: { lit: 'no', in_open_space: true },
          },
        ],
        open_spaces: [
          {
            type: 'Feature',
            id: 3,
            geometry: {
              type: 'MultiPolygon',
              coordinates: [
                [[lngLat(0, 0), lngLat(0, 100), lngLat(100, 100), lngLat(100, 0), lngLat(0, 0)]],
                [[lngLat(200, 200), lngLat(200, 300), lngLat(300, 300), lngLat(300, 200), lngLat(200, 200)]],
              ],
            },
            properties: { name: 'Grovelands Park', area_m2: 12.5 },
          },
        ],
      },
      Z,
      X,
      Y,
    )
    const features = decodeTile(bytes)
    expect(features.map((f) => [f.layer, f.id, f.type])).toEqual([
      ['crimes', undefined, 1],
      ['paths', 7, 2],
      ['open_spaces', 3, 3],
    ])
    expect(features[0]!.geometry).toEqual([[{ x: 10, y: 20 }]])
    expect(features[1]!.properties).toEqual({ lit: 'no', in_open_space: true })
    expect(features[1]!.geometry[0]).toEqual([{ x: 0, y: 0 }, { x: 100, y: 50 }, { x: 200, y: 0 }])
    expect(features[2]!.geometry).toHaveLength(2)
    expect(features[2]!.properties).toEqual({ name: 'Grovelands Park', area_m2: 12.5 })
  })

  it('clips what reaches past the tile to its buffer', () => {
    const [feature] = decodeTile(
      encodeTile(
        { paths: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [lngLat(100, 100), lngLat(9000, 100)] }, properties: {} }] },
        Z,
        X,
        Y,
      ),
    )
    expect(feature!.geometry[0]).toEqual([{ x: 100, y: 100 }, { x: EXTENT + 64, y: 100 }])
  })

  it('leaves out empty layers and drops null properties', () => {
    const features = decodeTile(
      encodeTile(
        {
          paths: [],
          crimes: [{ type: 'Feature', geometry: { type: 'Point', coordinates: lngLat(1, 1) }, properties: { street: null, month: '2018-01' } }],
        },
        Z,
        X,
        Y,
      ),
    )
    expect(features).toHaveLength(1)
    expect(features[0]!.properties).toEqual({ month: '2018-01' })
  })
})
