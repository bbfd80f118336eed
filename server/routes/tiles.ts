import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { validate } from '../errors.ts'
import { MAX_TILE_ZOOM, renderTile } from '../tiles/tile.ts'

const tileIndex = z.coerce.number().int().min(0)
const tileParams = z
  .object({
    z: z.coerce.number().int().min(0).max(MAX_TILE_ZOOM),
    x: tileIndex,
    y: z.string().regex(/^\d+\.mvt$/, 'must end in .mvt').transform((y) => Number(y.slice(0, -'.mvt'.length))).pipe(z.number().int().min(0)),
  })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'x and y must be below 2^z' })

/** GET /api/tiles/{z}/{x}/{y}.mvt: the basemap as a Mapbox Vector Tile. */
export const tiles = new Hono<Env>().get('/:z/:x/:y', validate('param', tileParams), async (c) => {
  const { z: zoom, x, y } = c.req.valid('param')
  const body = await renderTile(c.var.db.sql, c.var.tileEncoder, zoom, x, y)
  return c.body(body as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': 'application/vnd.mapbox-vector-tile',
    // Imports change the data: let browsers reuse a tile briefly, not for the day.
    'Cache-Control': 'public, max-age=60',
  })
})
