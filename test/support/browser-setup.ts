import { afterAll, expect } from 'vitest'
import { cspViolations } from './browser.ts'

// Every browser test file: the app must work under its Content-Security-Policy (no inline
// script, MapLibre's worker from our origin), so no page may have reported a violation.
afterAll(() => {
  expect(cspViolations).toEqual([])
})
