import { Duplex } from 'node:stream'
import { promisify } from 'node:util'
import { brotliCompress, constants, createBrotliCompress, createGzip, gzip } from 'node:zlib'
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress'
import { createMiddleware } from 'hono/factory'
import Negotiator from 'negotiator'

export type Encoding = 'br' | 'gzip'
const ENCODINGS: Encoding[] = ['br', 'gzip']

/** Smaller answers go as they are: the headers alone are about this size. */
const THRESHOLD_BYTES = 1024
/**
 * Answers made per request use brotli 4, about as fast as gzip 6 and smaller; files compressed
 * once at build (vite-plugin-compression2) and cached tiles get 11.
 */
const BROTLI_LIVE = 4
const BROTLI_ONCE = 11
/** Mapbox Vector Tiles are protobuf: repetitive, and compressed by every tile server. */
const MVT = 'application/vnd.mapbox-vector-tile'

// negotiator 1.x breaks ties between equal q-values by a `preferred` list; its types don't say so.
type Negotiating = { encoding(available: readonly string[], options: { preferred: readonly string[] }): string | undefined }

/** The encoding the client prefers of those we make (Accept-Encoding with its q-values; brotli on a tie), if any. */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as unknown as Negotiating
  const chosen = negotiator.encoding(ENCODINGS, { preferred: ENCODINGS })
  return chosen === 'br' || chosen === 'gzip' ? chosen : undefined
}

const brotliAsync = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** Bytes compressed once and kept (tiles): brotli at its best, gzip at 9. */
export async function compressOnce(bytes: Uint8Array, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotliAsync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_ONCE, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } })
    : gzipAsync(bytes, { level: 9 })
}

const compressible = (type: string | null) => type !== null && (COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) || type.startsWith(MVT))

/**
 * Compresses every compressible answer (JSON, GeoJSON, GPX, iCalendar, CSV, MVT, HTML, …) for a
 * client that takes brotli or gzip, and says `Vary: Accept-Encoding` on them. Left alone: an
 * answer already encoded (a precompressed file, a cached tile), HEAD, 204/304/206, and
 * `Cache-Control: no-transform`. A strong ETag becomes weak, as the bytes are no longer the same.
 */
export const compress = createMiddleware(async (c, next) => {
  await next()
  const res = c.res
  const type = res.headers.get('content-type')
  if (!res.body || c.req.method === 'HEAD' || [204, 206, 304].includes(res.status) || !compressible(type)) return
  if (res.headers.has('content-encoding') || /(^|,)\s*no-transform\s*(,|$)/i.test(res.headers.get('cache-control') ?? '')) return
  const vary = res.headers.get('vary')
  if (!vary || !/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary)) res.headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding')
  const length = res.headers.get('content-length')
  if (length !== null && Number(length) < THRESHOLD_BYTES) return
  const encoding = preferredEncoding(c.req.header('accept-encoding'))
  if (!encoding) return
  const headers = new Headers(res.headers)
  headers.set('content-encoding', encoding)
  const etag = headers.get('etag')
  if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`)
  let body: BodyInit
  if (length === null) {
    // Answers built in memory (c.json, c.body) have no length yet: they are read whole, and
    // small ones left as they are.
    const bytes = new Uint8Array(await res.arrayBuffer())
    if (bytes.byteLength < THRESHOLD_BYTES) {
      c.res = undefined
      c.res = new Response(bytes, { status: res.status, headers: res.headers })
      return
    }
    body = encoding === 'br' ? await brotliAsync(bytes, brotliLive(bytes.byteLength)) : await gzipAsync(bytes)
    headers.set('content-length', String(body.byteLength))
  } else {
    // Files stream through the compressor.
    const zlib = encoding === 'br' ? createBrotliCompress(brotliLive(Number(length))) : createGzip()
    body = res.body.pipeThrough(Duplex.toWeb(zlib) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)
    headers.delete('content-length')
  }
  c.res = undefined
  c.res = new Response(body, { status: res.status, headers })
})

const brotliLive = (size: number) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_LIVE, [constants.BROTLI_PARAM_SIZE_HINT]: size } })
