import { createReadStream } from 'node:fs'
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import { ImportError } from './import-error.ts'
import { EMPTY_TAGS, type OsmElement, type OsmMember, type Tags } from './osm-elements.ts'

/**
 * Streams an OSM XML file (.osm, API 0.6 / Overpass / JOSM) and yields its nodes, ways and
 * relations, a batch per chunk read. Elements JOSM marks action="delete" are left out.
 */
export async function* readOsmXml(file: string): AsyncGenerator<OsmElement[]> {
  const parser = new SaxesParser<{ xmlns: false }>({ xmlns: false })
  const batch: OsmElement[] = []
  let current: OsmElement | undefined
  let tags: Tags = EMPTY_TAGS
  let deleted = false
  let root: string | undefined

  const fail = (reason: string): never => {
    throw new ImportError(file, `line ${parser.line}`, reason)
  }
  const id = (tag: SaxesTagPlain, name = 'id'): number => {
    const value = tag.attributes[name]
    const n = value === undefined || value.trim() === '' ? NaN : Number(value)
    return Number.isSafeInteger(n) ? n : fail(`<${tag.name}> has no valid ${name} (${JSON.stringify(value ?? null)})`)
  }
  const degrees = (tag: SaxesTagPlain, name: 'lat' | 'lon', limit: number): number => {
    const value = tag.attributes[name]
    const n = value === undefined || value.trim() === '' ? NaN : Number(value)
    return Number.isFinite(n) && Math.abs(n) <= limit
      ? n
      : fail(`<node id="${tag.attributes.id}"> has no valid ${name} (${JSON.stringify(value ?? null)})`)
  }

  parser.on('error', (error) => fail(error.message.replace(/^\d+:\d+: /, '')))
  parser.on('opentag', (tag) => {
    if (root === undefined) {
      root = tag.name
      if (root !== 'osm') fail(`not an OSM XML file (root element <${root}>)`)
      return
    }
    switch (tag.name) {
      case 'node':
        // A node without lat/lon is a deleted node of a history or change file.
        deleted = tag.attributes.action === 'delete' || tag.attributes.visible === 'false'
        tags = new Map()
        current = deleted
          ? undefined
          : { type: 'node', id: id(tag), lat: degrees(tag, 'lat', 90), lon: degrees(tag, 'lon', 180), tags }
        break
      case 'way':
        deleted = tag.attributes.action === 'delete' || tag.attributes.visible === 'false'
        tags = new Map()
        current = { type: 'way', id: id(tag), refs: [], tags }
        break
      case 'relation':
        deleted = tag.attributes.action === 'delete' || tag.attributes.visible === 'false'
        tags = new Map()
        current = { type: 'relation', id: id(tag), members: [], tags }
        break
      case 'tag':
        if (current) tags.set(tag.attributes.k ?? '', tag.attributes.v ?? '')
        break
      case 'nd':
        if (current?.type === 'way') current.refs.push(id(tag, 'ref'))
        break
      case 'member':
        if (current?.type === 'relation') {
          const type = tag.attributes.type
          if (type !== 'node' && type !== 'way' && type !== 'relation') fail(`<member> has an unknown type ${JSON.stringify(type ?? null)}`)
          current.members.push({ type: type as OsmMember['type'], ref: id(tag, 'ref'), role: tag.attributes.role ?? '' })
        }
        break
    }
  })
  parser.on('closetag', (tag) => {
    if (tag.name === 'node' || tag.name === 'way' || tag.name === 'relation') {
      if (current && !deleted) batch.push(current)
      current = undefined
      tags = EMPTY_TAGS
    }
  })

  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
    parser.write(chunk as string)
    if (batch.length) yield batch.splice(0)
  }
  parser.close()
  if (root === undefined) fail('empty file: no <osm> element')
  if (batch.length) yield batch.splice(0)
}
