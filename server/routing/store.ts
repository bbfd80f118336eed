import { randomBytes } from 'node:crypto'
import type { Sql } from '../db/database.ts'
import { ROUTE_ID, type Profile } from './vocabulary.ts'
import type { ComputedRoute } from './compute.ts'

/** Computed routes are kept this long; saved ones for good. */
export const KEEP_HOURS = 24

/** 16 random bytes as base64url: 22 characters, unguessable (a route often starts at a home). */
const newRouteId = () => randomBytes(16).toString('base64url')
export { ROUTE_ID }

export type StoredRoute = ComputedRoute & { id: string; properties: ComputedRoute['properties'] & { id: string } }

/** Stores the features with fresh ids, and clears routes past their time. */
export async function storeRoutes(sql: Sql, kind: 'route' | 'loop', departAt: Date, features: ComputedRoute[]): Promise<StoredRoute[]> {
  const stored = features.map((f) => {
    const id = newRouteId()
    return { ...f, id, properties: { id, ...f.properties } }
  })
  // One statement: routes past their time are cleared as the new ones go in.
  await sql`
    WITH expired AS (DELETE FROM routes WHERE expires_at < now())
    INSERT INTO routes (id, kind, profile, depart_at, properties, geom, expires_at)
    SELECT r.id, ${kind}, r.profile, ${departAt}, r.properties::jsonb, ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326),
           now() + make_interval(hours => ${KEEP_HOURS})
    FROM unnest(${stored.map((f) => f.id)}::text[], ${stored.map((f) => f.properties.profile as Profile)}::text[],
                ${stored.map((f) => JSON.stringify(f.properties))}::text[], ${stored.map((f) => JSON.stringify(f.geometry))}::text[])
         AS r(id, profile, properties, geometry)`
  return stored
}

/** A stored route that has not expired, or null. */
export async function findRoute(sql: Sql, id: string): Promise<(StoredRoute & { kind: string; departAt: Date }) | null> {
  const [row] = await sql<{ kind: string; departAt: Date; properties: StoredRoute['properties']; geometry: string }[]>`
    SELECT kind, depart_at AS "departAt", properties, ST_AsGeoJSON(geom, 7) AS geometry
    FROM routes WHERE id = ${id} AND (expires_at IS NULL OR expires_at > now())`
  if (!row) return null
  return { type: 'Feature', id, kind: row.kind, departAt: row.departAt, geometry: JSON.parse(row.geometry), properties: row.properties }
}
