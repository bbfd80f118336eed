import { describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { useTestSql } from '../support/db.ts'
import { createTestApp } from '../support/app.ts'

const sql = useTestSql()

describe('GET /api/health', () => {
  it('reports the database kind, the PostGIS version and the migrations applied', async () => {
    const app = await createTestApp(sql)
    const res = await app.request('/api/health')
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ status: 'ok', database: inject('databaseKind') })
    expect(body.postgis).toMatch(/^3\.\d+/)
    expect(body.migrations).toBeGreaterThanOrEqual(2)
  })

  it('answers an unknown API path with the one error shape', async () => {
    const app = await createTestApp(sql)
    const res = await app.request('/api/nothing-here')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
  })
})
