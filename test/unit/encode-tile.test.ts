import { describe, expect, it } from 'vitest'
import { encodeTile } from '../../server/tiles/encode.ts'
import { decodeTile } from '../support/tiles.ts'

describe('encodeTile', () => {
  it('writes points, lines and polygons that decode to the same coordinates and properties', () => {
    const bytes = encodeTile({
      crimes: [{ id: null, geometry: { type: 'Point', coordinates: [10, 20] }, properties: { category: 'burglary' } }],
      paths: [
        {
          id: 7,
          geometry: { type: 'LineString', coordinates: [[0, 0], [100, 50], [200, 0]] },
          properties: { lit: 'no', in_open_space: true },
        },
      ],
      open_spaces: [
        {
          id: 3,
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [[[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]]],
              [[[200, 200], [300, 200], [300, 300], [200, 300], [200, 200]]],
            ],
          },
          properties: { name: 'Grovelands Park', area_m2: 12.5 },
        },
      ],
    })
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

  it('leaves out empty layers and drops null properties', () => {
    const features = decodeTile(
      encodeTile({
        paths: [],
        crimes: [{ id: null, geometry: { type: 'Point', coordinates: [1, 1] }, properties: { street: null, month: '2018-01' } }],
      }),
    )
    expect(features).toHaveLength(1)
    expect(features[0]!.properties).toEqual({ month: '2018-01' })
  })
})
