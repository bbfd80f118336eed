import { z } from 'zod'
import { lngLat } from '../concerns/vocabulary.ts'
import { onParsed } from '../refine.ts'
import { PROFILES } from './cost.ts'

/** The distances a loop may be asked for: a kilometre to a marathon. The web reads them from /api/map. */
export const LOOP_METRES = { min: 1000, max: 42_195 } as const

/** POST /api/routes: a route A→B (`to`) or a loop (`distanceMeters`) from `from`, for a time and a profile. */
export const routeBody = z
  .strictObject({
    from: lngLat,
    to: lngLat.optional(),
    distanceMeters: z.number().int().min(LOOP_METRES.min).max(LOOP_METRES.max).optional(),
    departAt: z.iso.datetime({ offset: true }).optional(),
    profile: z.enum(PROFILES).optional(),
  })
  .refine((b) => (b.to === undefined) !== (b.distanceMeters === undefined), {
    ...onParsed,
    message: 'give either to (a route from A to B) or distanceMeters (a loop), not both',
    path: ['to'],
  })
