import { z } from 'zod'
import { lngLat, rowId, timeBand } from '../concerns/vocabulary.ts'
import { bboxWithin } from '../map/bbox.ts'
import { isoWeekParam, scheduleSchema } from './schedule.ts'
import { periodQuery as period } from '../period.ts'
import { onParsed } from '../refine.ts'

export const MAX_WAYPOINTS = 200
/** A GPX of a few hours' walk is well under this; the body limit of the plan endpoints follows it. */
export const MAX_GPX_CHARACTERS = 2_000_000
/** The widest area the patrol and coverage endpoints take, in degrees a side (a force, not a country). */
export const MAX_PATROL_BBOX_DEGREES = 0.5
/** The longest period listed or exported at once. */
export const MAX_PERIOD_DAYS = 366


const waypoint = z.strictObject({
  lng: z.number().finite().min(-180).max(180),
  lat: z.number().finite().min(-90).max(90),
  dwellMinutes: z.number().int().min(0).max(60).optional(),
})
const waypoints = z.array(waypoint).min(2, 'give at least 2 waypoints').max(MAX_WAYPOINTS)

/** Optional free text: "" or null clears it. */
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional()

export const patrolBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    team: optionalText(200),
    notes: optionalText(2000),
    public: z.boolean(),
    waypoints: waypoints.optional(),
    gpx: z.string().min(1).max(MAX_GPX_CHARACTERS).optional(),
    schedule: scheduleSchema,
  })
  .refine((b) => (b.waypoints === undefined) !== (b.gpx === undefined), {
    ...onParsed,
    message: 'give either waypoints or gpx, not both',
    path: ['waypoints'],
  })
export type PatrolBody = z.infer<typeof patrolBody>

export const previewBody = z.strictObject({ waypoints })

export const suggestBody = z.strictObject({
  start: lngLat,
  timeBand,
  minutes: z.number().int().min(15).max(240),
  week: isoWeekParam.optional(),
  dwellMinutes: z.number().int().min(0).max(30).optional(),
  /** The area the shares before and after are measured over ("w,s,e,n", as the dashboard's bbox); default: the walk's reach. */
  area: bboxWithin(MAX_PATROL_BBOX_DEGREES).optional(),
})
export type SuggestBody = z.infer<typeof suggestBody>

export const linkBody = z.strictObject({ concernId: rowId })

/** `from`/`to` (instants or London dates, both optional) and an optional bbox. */
export const periodQuery = period({ bbox: bboxWithin(MAX_PATROL_BBOX_DEGREES).optional() }, MAX_PERIOD_DAYS)

export const coverageQuery = z.object({ bbox: bboxWithin(MAX_PATROL_BBOX_DEGREES), week: isoWeekParam.optional() })

export const nearQuery = z.object({
  lng: z.coerce.number().finite().min(-180).max(180),
  lat: z.coerce.number().finite().min(-90).max(90),
})
