import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { preferredEncoding } from '../compression.ts'
import { validate } from '../errors.ts'
import { onParsed } from '../refine.ts'
import { MAX_TILE_ZOOM } from '../tiles/tile.ts'

const tileIndex = z.coerce.number().int().min(0)
const tileParams = z
  .object({
    z: z.coerce.number().int().min(0).max(MAX_TILE_ZOOM),
    x: tileIndex,
    y: z.string().regex(/^\d+\.mvt$/, 'must end in .mvt').transform((y) => Number(y.slice(0, -'.mvt'.length))).pipe(z.number().int().min(0)),
  })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { ...onParsed, message: 'x and y must be below 2^z' })

/** An ETag in If-None-Match, compared weakly (a compressed answer's ETag is weak). */
const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag)

/**
 * GET /api/tiles/{z}/{x}/{y}.mvt: the basemap as a Mapbox Vector Tile, drawn once per import
 * (tiles/tile-cache.ts), compressed once per encoding, with an ETag: 304 when it still matches.
 */
export const tiles = new Hono<Env>().get('/:z/:x/:y', validate('param', tileParams), async (c) => {
  const { z: zoom, x, y } = c.req.valid('param')
  const tile = await c.var.tiles.get(c.var.db.sql, c.var.tileEncoder, zoom, x, y)
  const headers: Record<string, string> = {
    'Content-Type': 'application/vnd.mapbox-vector-tile',
    // Imports change the data: browsers reuse a tile for a minute, then ask again with its ETag.
    'Cache-Control': 'public, max-age=60',
    ETag: tile.etag,
    Vary: 'Accept-Encoding',
  }
  if (matches(c.req.header('if-none-match'), tile.etag)) return c.body(null, 304, headers)
  const encoding = preferredEncoding(c.req.header('accept-encoding'))
  if (!encoding) return c.body(tile.bytes as Uint8Array<ArrayBuffer>, 200, headers)
  const body = await c.var.tiles.encoded(tile, encoding)
  return c.body(body as Uint8Array<ArrayBuffer>, 200, { ...headers, 'Content-Encoding': encoding })
})
