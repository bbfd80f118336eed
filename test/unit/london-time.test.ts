import { describe, expect, it } from 'vitest'
import { addDays, fromLondonLocal, londonClock, londonDate, londonInstant, londonTime, toLondonLocal } from '../../common/london-time.ts'
import { LONDON_CASES } from '../support/london-cases.ts'

describe('London time', () => {
  it.each(LONDON_CASES)('reads $date $time as $utc', ({ date, time, utc }) => {
    expect(londonInstant(date, time).toISOString()).toBe(utc)
    expect(fromLondonLocal(`${date}T${time}`)?.toISOString()).toBe(utc)
  })

  it('gives the wall clock of an instant, both readings of the repeated hour included', () => {
    expect(londonClock(new Date('2026-10-25T00:30:00Z'))).toMatchObject({ date: '2026-10-25', time: '01:30', weekday: 7, weekend: true })
    expect(londonTime(new Date('2026-10-25T01:30:00Z'))).toBe('01:30')
    expect(londonDate(new Date('2026-12-31T23:59:00Z'))).toBe('2026-12-31')
    expect(londonDate(new Date('2027-06-30T23:30:00Z'))).toBe('2027-07-01')
    expect(toLondonLocal(new Date('2027-03-28T01:00:00Z'))).toBe('2027-03-28T02:00')
  })

  it('counts calendar days, not hours, across the clock changes and the year end', () => {
    expect(addDays('2027-03-27', 1)).toBe('2027-03-28')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
  })

  it('refuses what is not a date and a time', () => {
    expect(fromLondonLocal('2026-02-30T10:00')).toBeNull()
    expect(fromLondonLocal('tomorrow')).toBeNull()
    expect(fromLondonLocal('2026-11-24T25:00')).toBeNull()
    expect(() => londonInstant('2026-11-24', '7pm')).toThrow(RangeError)
  })
})
