import { z } from 'zod'
import type { Query } from '../db/database.ts'

/** The largest bbox side the feature endpoints accept, in degrees (about 11 km north–south). */
export const MAX_BBOX_DEGREES = 0.1

export type Bbox = [minLng: number, minLat: number, maxLng: number, maxLat: number]

/**
 * `bbox=minLng,minLat,maxLng,maxLat` in WGS 84: present, in range, not inverted, and no side
 * longer than `maxDegrees`.
 */
export const bboxWithin = (maxDegrees: number) =>
  z
    .string({ error: 'bbox is required: minLng,minLat,maxLng,maxLat' })
    .transform((value, ctx) => {
      const parts = value.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)))
      if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
        ctx.addIssue({ code: 'custom', message: 'bbox must be four numbers: minLng,minLat,maxLng,maxLat' })
        return z.NEVER
      }
      const [minLng, minLat, maxLng, maxLat] = parts as Bbox
      if (minLng < -180 || maxLng > 180 || minLat < -90 || maxLat > 90) {
        ctx.addIssue({ code: 'custom', message: 'bbox is out of range: longitude -180..180, latitude -90..90' })
      } else if (minLng >= maxLng || minLat >= maxLat) {
        ctx.addIssue({ code: 'custom', message: 'bbox is inverted or empty: min must be less than max' })
      } else if (maxLng - minLng > maxDegrees || maxLat - minLat > maxDegrees) {
        ctx.addIssue({ code: 'custom', message: `bbox is too large: at most ${maxDegrees}° a side` })
      }
      return [minLng, minLat, maxLng, maxLat] as Bbox
    })

/** A bbox as a PostGIS envelope in EPSG:4326, the geometry columns' SRID (so their GiST indexes are used). */
export const envelope = (sql: Query, [minLng, minLat, maxLng, maxLat]: Bbox) => sql`ST_MakeEnvelope(${minLng}, ${minLat}, ${maxLng}, ${maxLat}, 4326)`

/** The feature endpoints' bbox. */
export const bboxParam = bboxWithin(MAX_BBOX_DEGREES)

/** `YYYY-MM` → the first day of that month, as the `month` columns hold it. */
export const monthParam = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
  .transform((m) => `${m}-01`)
