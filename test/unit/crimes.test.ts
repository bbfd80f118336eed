import { describe, expect, it } from 'vitest'
import { CRIME_CATEGORIES, crimeCategory } from '../../server/importers/crime-categories.ts'
import { coordinates, monthStart } from '../../server/importers/crimes.ts'

describe('crime categories', () => {
  it('maps the 14 current police.uk crime types to the API slugs', () => {
    const slugs = new Set(Object.values(CRIME_CATEGORIES))
    for (const slug of [
      'anti-social-behaviour', 'bicycle-theft', 'burglary', 'criminal-damage-arson', 'drugs', 'other-theft', 'possession-of-weapons',
      'public-order', 'robbery', 'shoplifting', 'theft-from-the-person', 'vehicle-crime', 'violent-crime', 'other-crime',
    ]) {
      expect(slugs).toContain(slug)
    }
    expect(crimeCategory('Violence and sexual offences')).toBe('violent-crime')
    expect(crimeCategory('Criminal damage and arson')).toBe('criminal-damage-arson')
  })

  it('turns a crime type it does not know into a slug rather than failing', () => {
    expect(crimeCategory('Fraud and forgery')).toBe('fraud-and-forgery')
  })
})

describe('months and coordinates', () => {
  it('turns YYYY-MM into the first day of the month and refuses anything else', () => {
    expect(monthStart('2017-01')).toBe('2017-01-01')
    for (const bad of ['2017-13', '2017-1', '17-01', '2017-01-05', '', null, 201701]) expect(monthStart(bad)).toBeUndefined()
  })

  it('reads coordinates from the strings the API sends, and refuses empty or out-of-range ones', () => {
    expect(coordinates('-0.123456', '51.654321')).toEqual([-0.123456, 51.654321])
    expect(coordinates('', '51.4')).toBeUndefined()
    expect(coordinates('west', '51.4')).toBeUndefined()
    expect(coordinates('530000', '180000')).toBeUndefined()
  })
})
