import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importFiles, type ImportSummary } from '../../server/importers/import.ts'
import type { OsmElement, OsmWay } from '../../server/importers/osm-elements.ts'
import { readOsmPbf } from '../../server/importers/osm-pbf.ts'
import { mapDataChecksums, mapDataCounts } from '../support/checksums.ts'
import { resetMapData, SHARED_DATA, useTestSql } from '../support/db.ts'

const MONACO = SHARED_DATA + 'osm/monaco.osm.pbf'
const sql = useTestSql()

/** OSM XML of the elements, written the way the OSM API does, for comparing the two readers. */
function toOsmXml(elements: OsmElement[]): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const tags = (e: OsmElement) => [...e.tags].map(([k, v]) => `  <tag k="${escape(k)}" v="${escape(v)}"/>`)
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6">']
  for (const e of elements) {
    if (e.type === 'node') lines.push(` <node id="${e.id}" lat="${e.lat}" lon="${e.lon}">`, ...tags(e), ' </node>')
    else if (e.type === 'way') lines.push(` <way id="${e.id}">`, ...e.refs.map((r) => `  <nd ref="${r}"/>`), ...tags(e), ' </way>')
    else {
      const members = e.members.map((m) => `  <member type="${m.type}" ref="${m.ref}" role="${escape(m.role)}"/>`)
      lines.push(` <relation id="${e.id}">`, ...members, ...tags(e), ' </relation>')
    }
  }
  lines.push('</osm>', '')
  return lines.join('\n')
}

describe('importing the Monaco OSM PBF', () => {
  let summary: ImportSummary
  let elements: OsmElement[]
  let dir: string | undefined
  beforeAll(async () => {
    await resetMapData(sql)
    summary = await importFiles(sql, 'osm', [MONACO])
    elements = []
    for await (const batch of readOsmPbf(MONACO)) for (const e of batch) elements.push(e)
    dir = await mkdtemp(join(tmpdir(), 'cg-pbf-'))
  })
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('decodes every node, way and relation the README lists', () => {
    expect(summary.counts).toMatchObject({ nodes: 180118, ways: 27377, relations: 212 })
  })

  it('builds a city network of thousands of edges, none a loop', async () => {
    const [row] = await sql<{ edges: number; loops: number; km: number }[]>`
      SELECT count(*)::int AS edges, count(*) FILTER (WHERE source = target)::int AS loops, sum(length_m) / 1000 AS km
      FROM path_edges`
    expect(row!.edges).toBe(summary.counts.edges)
    expect(row!.edges).toBeGreaterThan(4000)
    expect(row!.loops).toBe(0)
    expect(row!.km).toBeGreaterThan(200)
  })

  it('keeps OSM ids: every edge belongs to a walkable way of the file and ends at its nodes', async () => {
    const ways = new Map(elements.filter((e): e is OsmWay => e.type === 'way').map((w) => [w.id, w]))
    const rows = await sql<{ way: number; source: number; target: number; highway: string }[]>`
      SELECT osm_way_id::float8 AS way, source::float8 AS source, target::float8 AS target, highway FROM path_edges`
    for (const row of rows) {
      const way = ways.get(row.way)
      expect(way?.tags.get('highway')).toBe(row.highway)
      expect(way?.refs).toContain(row.source)
      expect(way?.refs).toContain(row.target)
    }
  })

  it('decodes coordinates: every edge lies in Monaco and its surroundings', async () => {
    const [box] = await sql<{ xmin: number; ymin: number; xmax: number; ymax: number }[]>`
      SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
      FROM (SELECT ST_Extent(geom)::geometry AS e FROM path_edges) s`
    expect(box!.xmin).toBeGreaterThan(7.3)
    expect(box!.xmax).toBeLessThan(7.6)
    expect(box!.ymin).toBeGreaterThan(43.65)
    expect(box!.ymax).toBeLessThan(43.8)
  })

  it('finds the parks and gardens, with their names', async () => {
    const rows = await sql<{ name: string; kind: string; valid: boolean }[]>`
      SELECT name, kind, ST_IsValid(geom) AS valid FROM open_spaces WHERE name IS NOT NULL`
    expect(rows).toContainEqual({ name: 'Parc Princesse Antoinette', kind: 'park', valid: true })
    expect(rows).toContainEqual({ name: 'Jardin Japonais', kind: 'park', valid: true })
    expect(rows).toContainEqual({ name: 'Roseraie Princesse Grace', kind: 'garden', valid: true })
    const [woods] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM open_spaces WHERE kind = 'wood'`
    expect(woods!.n).toBeGreaterThan(5)
  })

  it('marks the paths through parks as in an open space', async () => {
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM path_edges WHERE in_open_space`
    expect(row!.n).toBeGreaterThan(100)
  })

  it('gives the same database when the same file is imported again', async () => {
    const before = { counts: await mapDataCounts(sql), checksums: await mapDataChecksums(sql) }
    const again = await importFiles(sql, 'osm', [MONACO])
    expect(again.counts).toEqual(summary.counts)
    expect({ counts: await mapDataCounts(sql), checksums: await mapDataChecksums(sql) }).toEqual(before)
  })

  it('gives the same network from the PBF and from the same data as OSM XML', async () => {
    const xml = join(dir!, 'monaco.osm')
    await writeFile(xml, toOsmXml(elements))
    const fromPbf = await mapDataChecksums(sql)
    await resetMapData(sql)
    const fromXml = await importFiles(sql, 'osm', [xml])
    expect(fromXml.counts).toEqual(summary.counts)
    expect(await mapDataChecksums(sql)).toEqual(fromPbf)
  })
})
