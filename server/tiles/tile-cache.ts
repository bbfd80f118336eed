import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { compressOnce, type Encoding } from '../compression.ts'
import type { Sql } from '../db/database.ts'
import { renderTile, type TileEncoder } from './tile.ts'

/** Rendered tiles kept per process, by bytes (a z15 tile of Southgate is about 70 kB). */
const CACHE_BYTES = 64 * 1024 * 1024

/** A rendered tile: its bytes, an ETag from them, and compressed forms made on first demand. */
export type CachedTile = { version: number; bytes: Uint8Array; etag: string; encoded: Partial<Record<Encoding, Promise<Buffer>>> }

/**
 * Basemap tiles are pure functions of the imported map data, so each is rendered once per
 * version of it (map_data_version, moved by every import) and kept, with its ETag and its
 * brotli and gzip forms, until the version moves or the cache needs the room. Reading the
 * version is one primary-key lookup a request; a tile is drawn again only after an import.
 */
export class TileCache {
  readonly #tiles = new LRUCache<string, CachedTile>({
    maxSize: CACHE_BYTES,
    sizeCalculation: (tile) => Math.max(1, tile.bytes.byteLength * 2),
  })
  readonly #rendering = new Map<string, Promise<CachedTile>>()

  async get(sql: Sql, encoder: TileEncoder, z: number, x: number, y: number): Promise<CachedTile> {
    const [row] = await sql<{ version: number }[]>`SELECT version FROM map_data_version`
    const version = row!.version
    const key = `${z}/${x}/${y}`
    const cached = this.#tiles.get(key)
    if (cached && cached.version === version) return cached
    // Requests for a tile being drawn wait for that drawing instead of starting another.
    const pending = `${version}:${key}`
    let rendering = this.#rendering.get(pending)
    if (!rendering) {
      rendering = renderTile(sql, encoder, z, x, y)
        .then((bytes) => {
          const tile: CachedTile = { version, bytes, etag: etagOf(bytes), encoded: {} }
          this.#tiles.set(key, tile)
          return tile
        })
        .finally(() => this.#rendering.delete(pending))
      this.#rendering.set(pending, rendering)
    }
    return rendering
  }

  /** The tile's bytes in an encoding, compressed once and kept with it. */
  encoded(tile: CachedTile, encoding: Encoding): Promise<Buffer> {
    return (tile.encoded[encoding] ??= compressOnce(tile.bytes, encoding))
  }
}

/** A hash of the bytes: it changes exactly when the tile does, across imports and restarts. */
const etagOf = (bytes: Uint8Array) => `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`
