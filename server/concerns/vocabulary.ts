import { z } from 'zod'
import { onParsed } from '../refine.ts'

/** StreetSafe's categories, so the data can be shared with the national form. */
export const CATEGORIES = [
  'poor_lighting',
  'no_cctv',
  'isolated',
  'poor_layout',
  'restricted_visibility',
  'run_down',
  'drugs_alcohol',
  'harassment_individual',
  'harassment_group',
  'followed',
  'harassment_other',
  'other',
] as const
export type Category = (typeof CATEGORIES)[number]

export const TIME_BANDS = ['early_morning', 'daytime', 'evening', 'night'] as const
export type TimeBand = (typeof TIME_BANDS)[number]

export const DAYS = ['any', 'weekdays', 'weekends'] as const
export type Days = (typeof DAYS)[number]
export const STATUSES = ['new', 'acknowledged', 'action_planned', 'actioned', 'closed'] as const
export type Status = (typeof STATUSES)[number]
export const SOURCES = ['public', 'walk_and_talk', 'club', 'sample'] as const
export type Source = (typeof SOURCES)[number]

export const MAX_DESCRIPTION = 1000

export const category = z.enum(CATEGORIES)
export const timeBand = z.enum(TIME_BANDS)

/** A row's id in a path or body (a concern, club, plan…): a positive integer a bigint column can hold. */
export const rowId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER)
export const concernId = rowId

/** A longitude/latitude pair: finite, in range (JSON can't carry NaN, but strings and nulls are refused too). */
export const lngLat = z.strictObject({
  lng: z.number().finite().min(-180).max(180),
  lat: z.number().finite().min(-90).max(90),
})

/** The body of a report, public or walk-and-talk. */
export const reportBody = z.strictObject({
  location: lngLat,
  category,
  when: z.strictObject({
    timeBands: z
      .array(timeBand)
      .min(1, 'pick at least one time band')
      .max(TIME_BANDS.length)
      .refine((b) => new Set(b).size === b.length, { ...onParsed, message: 'time bands must not repeat' }),
    days: z.enum(DAYS),
  }),
  description: z.string().trim().max(MAX_DESCRIPTION).optional(),
  // 'sample' is the seed's alone, so it is not accepted here.
  source: z.enum(['public', 'walk_and_talk', 'club']).optional(),
})
export type ReportBody = z.infer<typeof reportBody>
