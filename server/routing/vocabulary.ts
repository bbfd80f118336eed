import { z } from 'zod'
import { lngLat } from '../concerns/vocabulary.ts'
import { onParsed } from '../refine.ts'

/** How a route weighs safety against distance (server/routing/cost.ts gives each its weights). */
export const PROFILES = ['safest', 'balanced', 'shortest'] as const
export type Profile = (typeof PROFILES)[number]

/** A computed route's id: 16 random bytes as base64url, 22 characters (routing/store.ts makes them). */
export const ROUTE_ID = /^[A-Za-z0-9_-]{22}$/

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
