/** OpenStreetMap elements as both readers (osm-xml.ts, osm-pbf.ts) yield them. */
export type Tags = Map<string, string>
export type OsmNode = { type: 'node'; id: number; lon: number; lat: number; tags: Tags }
export type OsmWay = { type: 'way'; id: number; refs: number[]; tags: Tags }
export type OsmMember = { type: 'node' | 'way' | 'relation'; ref: number; role: string }
export type OsmRelation = { type: 'relation'; id: number; members: OsmMember[]; tags: Tags }
export type OsmElement = OsmNode | OsmWay | OsmRelation

/** A reader yields the elements of one file in batches (a chunk of XML, a PBF block). */
export type OsmReader = (file: string) => AsyncGenerator<OsmElement[]>

export const EMPTY_TAGS: Tags = new Map()

/** Coordinates in degrees to 7 decimals, the precision OSM stores. */
export const roundCoordinate = (degrees: number) => Math.round(degrees * 1e7) / 1e7
