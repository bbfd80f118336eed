import { open, type FileHandle } from 'node:fs/promises'
import { inflateSync } from 'node:zlib'
import { PbfReader } from 'pbf'
import { ImportError } from './import-error.ts'
import { EMPTY_TAGS, roundCoordinate, type OsmElement, type OsmMember, type Tags } from './osm-elements.ts'

/*
 * The OSM PBF format (https://wiki.openstreetmap.org/wiki/PBF_Format): a sequence of
 *   int32 (big-endian) length | BlobHeader (that many bytes) | Blob (BlobHeader.datasize bytes)
 * The first blob is an OSMHeader, the rest OSMData PrimitiveBlocks. Field numbers below are
 * those of fileformat.proto and osmformat.proto.
 */
const MAX_HEADER_BYTES = 64 * 1024
const MAX_BLOB_BYTES = 32 * 1024 * 1024
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes'])
const MEMBER_TYPES: OsmMember['type'][] = ['node', 'way', 'relation']

/** Reads an .osm.pbf file a blob at a time and yields the elements of each PrimitiveBlock. */
export async function* readOsmPbf(file: string): AsyncGenerator<OsmElement[]> {
  const handle = await open(file)
  try {
    const { size } = await handle.stat()
    let position = 0
    for (let block = 1; position < size; block++) {
      const fail = (reason: string): never => {
        throw new ImportError(file, `block ${block}`, reason)
      }
      const prefix = await readAt(handle, position, 4)
      if (!prefix) fail('the file ends inside a blob header length')
      const headerLength = new DataView(prefix!.buffer, prefix!.byteOffset, 4).getUint32(0)
      if (headerLength > MAX_HEADER_BYTES) fail(`blob header of ${headerLength} bytes: not an OSM PBF file`)
      const headerBytes = (await readAt(handle, position + 4, headerLength)) ?? fail('the file ends inside a blob header')
      const header = decoding(fail, () => readBlobHeader(headerBytes))
      if (header.dataSize > MAX_BLOB_BYTES) fail(`blob of ${header.dataSize} bytes is larger than the format allows`)
      const blobBytes = (await readAt(handle, position + 4 + headerLength, header.dataSize)) ?? fail('the file ends inside a blob')
      position += 4 + headerLength + header.dataSize

      if (header.type === 'OSMHeader') {
        const unsupported = decoding(fail, () => readRequiredFeatures(readBlob(blobBytes, fail))).filter(
          (f) => !SUPPORTED_FEATURES.has(f),
        )
        if (unsupported.length) fail(`needs features this reader lacks: ${unsupported.join(', ')}`)
      } else if (header.type === 'OSMData') {
        yield decoding(fail, () => readPrimitiveBlock(readBlob(blobBytes, fail)))
      } else if (block === 1) {
        fail(`first blob is ${JSON.stringify(header.type)}, not OSMHeader: not an OSM PBF file`)
      }
    }
  } finally {
    await handle.close()
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array | undefined> {
  const buffer = new Uint8Array(length)
  const { bytesRead } = await handle.read(buffer, 0, length, position)
  return bytesRead === length ? buffer : undefined
}

/** Runs a decoder; a corrupt block (pbf reads past its end, bad wire type) names the block. */
function decoding<T>(fail: (reason: string) => never, decode: () => T): T {
  try {
    return decode()
  } catch (error) {
    if (error instanceof ImportError) throw error
    return fail(`corrupt data (${(error as Error).message})`)
  }
}

function readBlobHeader(bytes: Uint8Array) {
  const header = { type: '', dataSize: 0 }
  new PbfReader(bytes).readFields((field, h, pbf) => {
    if (field === 1) h.type = pbf.readString()
    else if (field === 3) h.dataSize = pbf.readVarint()
  }, header)
  return header
}

function readBlob(bytes: Uint8Array, fail: (reason: string) => never): Uint8Array {
  const blob: { raw?: Uint8Array; zlib?: Uint8Array; rawSize: number; other?: string } = { rawSize: 0 }
  new PbfReader(bytes).readFields((field, b, pbf) => {
    if (field === 1) b.raw = pbf.readBytes()
    else if (field === 2) b.rawSize = pbf.readVarint()
    else if (field === 3) b.zlib = pbf.readBytes()
    else if (field === 4 || field === 5 || field === 6 || field === 7) b.other = ['lzma', 'bzip2', 'lz4', 'zstd'][field - 4]
  }, blob)
  if (blob.raw) return blob.raw
  if (blob.zlib) return inflateSync(blob.zlib, { maxOutputLength: MAX_BLOB_BYTES })
  return fail(blob.other ? `${blob.other} compression is not supported (only zlib)` : 'empty blob')
}

function readRequiredFeatures(bytes: Uint8Array): string[] {
  const features: string[] = []
  new PbfReader(bytes).readFields((field, list, pbf) => {
    if (field === 4) list.push(pbf.readString())
  }, features)
  return features
}

/** A PrimitiveBlock: a string table, then groups of nodes, dense nodes, ways or relations. */
function readPrimitiveBlock(bytes: Uint8Array): OsmElement[] {
  const pbf = new PbfReader(bytes)
  const strings: string[] = []
  const groups: [start: number, end: number][] = []
  let granularity = 100
  let latOffset = 0
  let lonOffset = 0
  for (let field = pbf.nextField(); field; field = pbf.nextField()) {
    if (field === 1) {
      const end = pbf.readVarint() + pbf.pos
      for (let f = pbf.nextField(end); f; f = pbf.nextField(end)) if (f === 1) strings.push(pbf.readString())
    } else if (field === 2) {
      const end = pbf.readVarint() + pbf.pos
      groups.push([pbf.pos, end])
      pbf.pos = end
    } else if (field === 17) granularity = pbf.readVarint()
    else if (field === 19) latOffset = pbf.readVarint(true)
    else if (field === 20) lonOffset = pbf.readVarint(true)
  }

  const string = (index: number) => {
    const s = strings[index]
    if (s === undefined) throw new Error(`string index ${index} out of range`)
    return s
  }
  const tagsOf = (keys: number[], values: number[]): Tags => {
    if (keys.length === 0) return EMPTY_TAGS
    const tags: Tags = new Map()
    keys.forEach((k, i) => tags.set(string(k), string(values[i] ?? 0)))
    return tags
  }
  const degrees = (offset: number, value: number) => roundCoordinate(1e-9 * (offset + granularity * value))

  const elements: OsmElement[] = []
  for (const [start, end] of groups) {
    pbf.pos = start
    for (let field = pbf.nextField(end); field; field = pbf.nextField(end)) {
      const itemEnd = pbf.readVarint() + pbf.pos
      if (field === 1) {
        const n = { id: 0, keys: [] as number[], values: [] as number[], lat: 0, lon: 0 }
        pbf.readFields((f, n, pbf) => {
          if (f === 1) n.id = pbf.readSVarint()
          else if (f === 2) pbf.readPackedVarint(n.keys)
          else if (f === 3) pbf.readPackedVarint(n.values)
          else if (f === 8) n.lat = pbf.readSVarint()
          else if (f === 9) n.lon = pbf.readSVarint()
        }, n, itemEnd)
        elements.push({ type: 'node', id: n.id, lat: degrees(latOffset, n.lat), lon: degrees(lonOffset, n.lon), tags: tagsOf(n.keys, n.values) })
      } else if (field === 2) {
        const dense = { ids: [] as number[], lats: [] as number[], lons: [] as number[], keysVals: [] as number[] }
        pbf.readFields((f, d, pbf) => {
          if (f === 1) pbf.readPackedSVarint(d.ids)
          else if (f === 8) pbf.readPackedSVarint(d.lats)
          else if (f === 9) pbf.readPackedSVarint(d.lons)
          else if (f === 10) pbf.readPackedVarint(d.keysVals)
        }, dense, itemEnd)
        // Ids and coordinates are delta-coded; keys_vals is k,v,k,v,0 per node (empty when no node has tags).
        let id = 0
        let lat = 0
        let lon = 0
        let kv = 0
        for (let i = 0; i < dense.ids.length; i++) {
          id += dense.ids[i]!
          lat += dense.lats[i] ?? 0
          lon += dense.lons[i] ?? 0
          let tags = EMPTY_TAGS
          if (dense.keysVals.length && dense.keysVals[kv] !== 0) {
            tags = new Map()
            while (kv < dense.keysVals.length && dense.keysVals[kv] !== 0) {
              tags.set(string(dense.keysVals[kv]!), string(dense.keysVals[kv + 1] ?? 0))
              kv += 2
            }
          }
          kv++
          elements.push({ type: 'node', id, lat: degrees(latOffset, lat), lon: degrees(lonOffset, lon), tags })
        }
      } else if (field === 3) {
        const w = { id: 0, keys: [] as number[], values: [] as number[], refs: [] as number[] }
        pbf.readFields((f, w, pbf) => {
          if (f === 1) w.id = pbf.readVarint()
          else if (f === 2) pbf.readPackedVarint(w.keys)
          else if (f === 3) pbf.readPackedVarint(w.values)
          else if (f === 8) pbf.readPackedSVarint(w.refs)
        }, w, itemEnd)
        for (let i = 1; i < w.refs.length; i++) w.refs[i]! += w.refs[i - 1]!
        elements.push({ type: 'way', id: w.id, refs: w.refs, tags: tagsOf(w.keys, w.values) })
      } else if (field === 4) {
        const r = { id: 0, keys: [] as number[], values: [] as number[], roles: [] as number[], refs: [] as number[], types: [] as number[] }
        pbf.readFields((f, r, pbf) => {
          if (f === 1) r.id = pbf.readVarint()
          else if (f === 2) pbf.readPackedVarint(r.keys)
          else if (f === 3) pbf.readPackedVarint(r.values)
          else if (f === 8) pbf.readPackedVarint(r.roles)
          else if (f === 9) pbf.readPackedSVarint(r.refs)
          else if (f === 10) pbf.readPackedVarint(r.types)
        }, r, itemEnd)
        let ref = 0
        const members = r.refs.map((delta, i): OsmMember => {
          ref += delta
          const type = MEMBER_TYPES[r.types[i] ?? -1]
          if (!type) throw new Error(`relation ${r.id} has a member of unknown type ${r.types[i]}`)
          return { type, ref, role: string(r.roles[i] ?? 0) }
        })
        elements.push({ type: 'relation', id: r.id, members, tags: tagsOf(r.keys, r.values) })
      }
      pbf.pos = itemEnd
    }
  }
  return elements
}
