import { z } from 'zod'
import { bboxWithin } from '../map/bbox.ts'

/** A finite number from a query string ('' and 'NaN' refused, unlike Number()). */
export const queryNumber = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number')
  .transform(Number)
  .pipe(z.number().finite())

/** `true`/`false` in a query string. */
export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true')

/**
 * The clusters endpoint's bbox: like the feature endpoints' but of any size, since clustering
 * is what makes a large area affordable.
 */
export const clusterBbox = bboxWithin(Number.POSITIVE_INFINITY)
