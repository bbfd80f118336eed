import { describe, expect, it } from 'vitest'
import { bboxParam, MAX_BBOX_DEGREES } from '../../server/map/bbox.ts'

describe('bboxParam', () => {
  it('reads minLng,minLat,maxLng,maxLat', () => {
    expect(bboxParam.parse('-0.13,51.61,-0.12,51.62')).toEqual([-0.13, 51.61, -0.12, 51.62])
  })

  it('accepts a box exactly as large as allowed', () => {
    expect(bboxParam.safeParse(`0,0,${MAX_BBOX_DEGREES},${MAX_BBOX_DEGREES}`).success).toBe(true)
  })

  it.each([
    ['a degenerate box', '0,0,0,0.01', /inverted or empty/],
    ['latitude past the pole', '0,89.95,0.01,90.05', /out of range/],
    ['a trailing comma', '0,0,0.01,0.01,', /four numbers/],
    ['Infinity', '0,0,Infinity,0.01', /four numbers/],
  ])('rejects %s', (_, value, message) => {
    const result = bboxParam.safeParse(value)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toMatch(message)
  })
})
