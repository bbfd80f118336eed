import type { Sql } from '../db/database.ts'
import { refreshPlaces } from '../places/gazetteer.ts'
import { ImportError } from './import-error.ts'
import { NodeLocations } from './node-locations.ts'
import type { OsmNode, OsmReader, OsmRelation, OsmWay } from './osm-elements.ts'
import { readOsmPbf } from './osm-pbf.ts'
import { readOsmXml } from './osm-xml.ts'
import { areaLinework, openSpaceKind, writeOpenSpaces, type OpenSpace } from './open-spaces.ts'
import { isWalkable, refreshInOpenSpace, splitIntoEdges, writeEdges } from './path-network.ts'
import type { ProgressMeter } from './progress.ts'
import { isStreetLamp, writeStreetLamps } from './street-lamps.ts'

/** Relation types whose member ways outline an area. */
const AREA_RELATIONS = new Set(['multipolygon', 'boundary'])

export function osmReaderFor(file: string): OsmReader {
  if (/\.pbf$/i.test(file)) return readOsmPbf
  if (/\.(osm|xml)$/i.test(file)) return readOsmXml
  throw new ImportError(file, 'file name', 'expected an .osm (XML) or .osm.pbf file')
}

/**
 * Imports OpenStreetMap files as one area: the walkable path network, open spaces and street
 * lamps. All files are read first (a way may use nodes of another file), then written in one
 * transaction, then path_edges.in_open_space is refreshed for every edge.
 */
export async function importOsmFiles(sql: Sql, files: string[], options: { meter: ProgressMeter }) {
  const { meter } = options
  const readers = files.map(osmReaderFor)
  const nodes = new NodeLocations()
  const lamps = new Map<number, OsmNode>()
  // Every way's nodes, because any way can be a member of a multipolygon that comes later.
  const wayRefs = new Map<number, number[]>()
  const walkable = new Map<number, OsmWay>()
  const areaWays = new Map<number, OsmWay>()
  const areaRelations = new Map<number, OsmRelation>()
  let relations = 0

  for (const [i, file] of files.entries()) {
    for await (const batch of readers[i]!(file)) {
      for (const element of batch) {
        if (element.type === 'node') {
          nodes.add(element.id, element.lon, element.lat)
          if (isStreetLamp(element)) lamps.set(element.id, element)
          meter.add('nodes')
        } else if (element.type === 'way') {
          wayRefs.set(element.id, element.refs)
          if (isWalkable(element.tags)) walkable.set(element.id, element)
          else walkable.delete(element.id)
          const closed = element.refs.length >= 4 && element.refs[0] === element.refs[element.refs.length - 1]
          if (closed && openSpaceKind(element.tags)) areaWays.set(element.id, element)
          else areaWays.delete(element.id)
          meter.add('ways')
        } else {
          relations++
          const type = element.tags.get('type')
          if (type && AREA_RELATIONS.has(type) && openSpaceKind(element.tags)) areaRelations.set(element.id, element)
          meter.add('relations')
        }
      }
    }
  }

  const { edges, waysCut } = splitIntoEdges(walkable.values(), nodes)
  const edgeCounts = new Map<number, number>([...wayRefs.keys()].map((id) => [id, 0]))
  for (const edge of edges) edgeCounts.set(edge.wayId, edge.segment + 1)

  const openSpaces: OpenSpace[] = []
  const addArea = (sourceId: string, element: OsmWay | OsmRelation, rings: number[][]) => {
    const shape = areaLinework(rings, nodes)
    if (!shape) return
    openSpaces.push({
      source: 'osm',
      sourceId,
      name: element.tags.get('name') ?? null,
      kind: openSpaceKind(element.tags)!,
      openingHours: element.tags.get('opening_hours') ?? null,
      shape,
    })
  }
  for (const way of areaWays.values()) addArea(`way/${way.id}`, way, [way.refs])
  for (const relation of areaRelations.values()) {
    const rings = relation.members.flatMap((m) => (m.type === 'way' ? [wayRefs.get(m.ref) ?? []] : []))
    addArea(`relation/${relation.id}`, relation, rings)
  }

  return sql.begin(async (tx) => {
    await writeEdges(tx, edges, edgeCounts, meter)
    const openSpacesWritten = await writeOpenSpaces(tx, openSpaces, 'linework', meter)
    const lampsWritten = await writeStreetLamps(tx, [...lamps.values()], meter)
    const inOpenSpace = await refreshInOpenSpace(tx)
    return {
      nodes: nodes.size,
      ways: wayRefs.size,
      relations,
      edges: edges.length,
      'ways cut by the extract edge': waysCut,
      'open spaces': openSpacesWritten,
      'open spaces without area': areaWays.size + areaRelations.size - openSpacesWritten,
      'street lamps': lampsWritten,
      'edges in open spaces': inOpenSpace,
      'places by name': await refreshPlaces(tx),
    }
  })
}
