import { describe, expect, it } from 'vitest'
import { toCsv, type OfficerConcern } from '../../server/concerns/officer.ts'
import { sampleFor } from '../../server/concerns/samples.ts'
import { seededRandom } from '../../server/seeded-random.ts'
import { reportBody } from '../../server/concerns/vocabulary.ts'

const concern: OfficerConcern = {
  id: 1, category: 'other', timeBands: ['evening', 'night'], days: 'any', description: '@SUM(A1), "hi"\nthere',
  source: 'public', status: 'new', publicSummary: null, publicResponse: '-1', hidden: false, mergedInto: null,
  supportCount: 2, month: '2026-01', createdAt: '2026-01-02T03:04:05Z', sample: false, lng: -0.1, lat: 51.6, patrolIds: [3],
}

describe('toCsv', () => {
  it('quotes, joins time bands and defuses formulas', () => {
    const [header, line] = toCsv([concern]).split('\r\n')
    expect(header).toBe('id,category,timeBands,days,description,source,status,publicSummary,publicResponse,hidden,mergedInto,supportCount,month,createdAt,lng,lat')
    expect(toCsv([concern])).toContain(`"'@SUM(A1), ""hi""\nthere"`)
    expect(line).toContain(`,'-1,`)
    expect(line!.startsWith('1,other,evening;night,any,')).toBe(true)
  })
})

describe('reportBody', () => {
  const ok = { location: { lng: -0.1, lat: 51.6 }, category: 'followed', when: { timeBands: ['night'], days: 'weekends' } }
  it('accepts a report and refuses what the contract refuses', () => {
    expect(reportBody.safeParse(ok).success).toBe(true)
    expect(reportBody.safeParse({ ...ok, location: { lng: Number.NaN, lat: 51.6 } }).success).toBe(false)
    expect(reportBody.safeParse({ ...ok, location: { lng: Infinity, lat: 51.6 } }).success).toBe(false)
    expect(reportBody.safeParse({ ...ok, when: { timeBands: [], days: 'any' } }).success).toBe(false)
    expect(reportBody.safeParse({ ...ok, description: 'x'.repeat(1001) }).success).toBe(false)
    expect(reportBody.safeParse({ ...ok, source: 'sample' }).success).toBe(false)
  })
})

describe('samples', () => {
  it('draws the same sequence from the same seed', () => {
    const a = seededRandom(5)
    const b = seededRandom(5)
    const xs = Array.from({ length: 5 }, a)
    expect(Array.from({ length: 5 }, b)).toEqual(xs)
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
  })

  it('never puts poor lighting in the daytime', () => {
    const random = seededRandom(9)
    for (let i = 0; i < 500; i++) {
      const s = sampleFor({ id: 1, highway: 'footway', lit: 'no', inOpenSpace: i % 2 === 0, lengthM: 10 }, random)
      if (s.category === 'poor_lighting') expect(s.timeBands).not.toContain('daytime')
    }
  })
})
