import { describe, expect, it } from 'vitest'
import { createTestApp } from '../support/app.ts'
import { useTestSql } from '../support/db.ts'

const sql = useTestSql()
const app = await createTestApp(sql)

async function errorOf(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  const body = await res.json()
  expect(Object.keys(body)).toEqual(['error'])
  return body.error as { code: string; message: string }
}

describe('an unknown path or method under /api', () => {
  it.each([['/api/no-such-endpoint'], ['/api/place'], ['/api'], ['/api/concerns/receipt'], ['/api/tiles/14/1']])(
    'answers GET %s with 404 in the error shape',
    async (path) => {
      const res = await app.request(path)
      expect(res.status).toBe(404)
      expect((await errorOf(res)).code).toBe('not_found')
    },
  )

  it.each([
    ['POST', '/api/health', 'GET, HEAD'],
    ['DELETE', '/api/map', 'GET, HEAD'],
    ['PUT', '/api/concerns', 'POST, GET, HEAD'],
    ['GET', '/api/auth/login', 'POST'],
    ['PATCH', '/api/routes', 'POST'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const res = await app.request(path, { method })
    expect(res.status).toBe(405)
    expect((await errorOf(res)).code).toBe('method_not_allowed')
    expect(res.headers.get('allow')!.split(', ').sort()).toEqual(allow.split(', ').sort())
  })
})
