import { mkdir } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addAppUser } from '../support/app-users.ts'
import { launchChromium, axeViolations, untilIdle } from '../support/browser.ts'
import { mapScreenshot } from '../support/map-screenshot.ts'

const SCREENSHOT = new URL('../../docs/patrols-public.png', import.meta.url)
const DESKTOP = { width: 1280, height: 800 }

/** Broomfield Park, Palmers Green, in the demo area: the patrol walks across it. */
const PARK = { lng: -0.1181, lat: 51.6186 }
const WAYPOINTS = [
  { lng: -0.1207, lat: 51.6179, dwellMinutes: 0 },
  { lng: -0.1181, lat: 51.6186, dwellMinutes: 10 },
  { lng: -0.1158, lat: 51.6195, dwellMinutes: 0 },
]

const OFFICER = { email: 'officer.patrols-public@example.org', name: 'Patrol Officer', role: 'officer' as const, password: 'a long password for the public patrols test' }
const PUBLIC_TITLE = 'Broomfield evening reassurance walk'
const PRIVATE_TITLE = 'Plain-clothes observation at the lake'

const appUrl = inject('appUrl')
const origin = new URL(appUrl).origin
let browser: Browser
let publicId: number
let receipt: string

const ZONE = 'Europe/London'
const londonDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
const londonWeekday = (at: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, weekday: 'short' }).format(at)

/** The first Tuesday after today (London), and the Wednesday after it, as YYYY-MM-DD. */
function nextTuesday(): { tuesday: string; wednesday: string } {
  const day = 24 * 3_600_000
  let at = Date.now() + day
  while (londonWeekday(new Date(at)) !== 'Tue') at += day
  return { tuesday: londonDay(new Date(at)), wednesday: londonDay(new Date(at + day)) }
}

/** A JSON call to the running app from the test, as a browser on its own site would make it. */
async function call(method: string, path: string, body?: unknown, cookie?: string): Promise<Response> {
  return fetch(new URL(path, appUrl), {
    method,
    headers: { origin, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

async function json<T>(pending: Promise<Response>, status: number): Promise<T> {
  const response = await pending
  const text = await response.text()
  expect(response.status, text).toBe(status)
  return (text ? JSON.parse(text) : undefined) as T
}

beforeAll(async () => {
  browser = await launchChromium()
  await addAppUser(inject('appDataDir'), OFFICER)
  await mkdir(new URL('.', SCREENSHOT), { recursive: true })

  const login = await call('POST', 'api/auth/login', { email: OFFICER.email, password: OFFICER.password })
  expect(login.status).toBe(200)
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')

  const today = londonDay(new Date())
  const until = londonDay(new Date(Date.now() + 60 * 24 * 3_600_000))
  const weekly = { days: ['tue', 'thu'], startTime: '18:00', durationMinutes: 120, validFrom: today, validUntil: until }
  const plan = (title: string, isPublic: boolean) => ({ title, team: 'Palmers Green SNT', public: isPublic, waypoints: WAYPOINTS, schedule: weekly })
  const shown = await json<{ id: number }>(call('POST', 'api/patrols', plan(PUBLIC_TITLE, true), cookie), 201)
  const hidden = await json<{ id: number }>(call('POST', 'api/patrols', plan(PRIVATE_TITLE, false), cookie), 201)
  publicId = shown.id

  // A resident's report by the line, linked by the officer to both plans: its receipt may name the public one only.
  const report = await json<{ id: number; receipt: string }>(
    call('POST', 'api/concerns', { location: PARK, category: 'poor_lighting', when: { timeBands: ['evening'], days: 'any' } }),
    201,
  )
  receipt = report.receipt
  for (const id of [shown.id, hidden.id]) await json(call('POST', `api/patrols/${id}/concerns`, { concernId: report.id }, cookie), 204)
})

afterAll(async () => {
  await browser?.close()
})

/** Every body the page received, to look for what must never reach a resident. */
function recordResponses(page: Page): () => Promise<string[]> {
  const bodies: Promise<string>[] = []
  page.on('response', (response) => {
    bodies.push(
      response
        .body()
        .then((body) => `${response.url()}\n${body.toString('utf8')}`)
        .catch(() => ''),
    )
  })
  return () => Promise.all(bodies)
}

const listed = (page: Page) => page.locator('[data-testid="patrol-list"] > li')

async function drawnPatrolIds(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const source = window.__map!.getSource('public-patrols') as unknown as { getData(): Promise<GeoJSON.FeatureCollection> }
    return (await source.getData()).features.map((f) => Number(f.properties?.id))
  })
}

/**
 * Samples points around a drawn plan and compares MapLibre's coverage band (what it draws and
 * hit-tests with the same width) with the distance to the line: inside 90 m every point must be
 * in the band, beyond 110 m none. Returns how many were checked each way, and the wrong ones.
 */
async function bandMismatches(page: Page, id: number, metres: number) {
  return page.evaluate(
    async ({ id, metres }) => {
      const map = window.__map!
      // The whole line, from the source's data (a tile's features are clipped to the tile).
      const drawnLine = async (id: number) => {
        const source = map.getSource('public-patrols') as unknown as { getData(): Promise<GeoJSON.FeatureCollection> }
        const feature = (await source.getData()).features.find((f) => Number(f.properties?.id) === id)!
        return (feature.geometry as GeoJSON.LineString).coordinates
      }
      const points = (await drawnLine(id)).map((c) => map.project(c as [number, number]))
      const metresPerPixel = (40_075_016.686 * Math.cos((map.getCenter().lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom())
      const toLine = (x: number, y: number) => {
        let best = Infinity
        for (let i = 1; i < points.length; i++) {
          const a = points[i - 1]!
          const b = points[i]!
          const dx = b.x - a.x
          const dy = b.y - a.y
          const t = dx || dy ? Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / (dx * dx + dy * dy))) : 0
          best = Math.min(best, Math.hypot(x - (a.x + t * dx), y - (a.y + t * dy)))
        }
        return best * metresPerPixel
      }
      const { width, height } = map.getCanvas().getBoundingClientRect()
      const result = { inside: 0, outside: 0, wrong: [] as string[] }
      for (let x = 10; x < width; x += 23) {
        for (let y = 10; y < height; y += 23) {
          const distance = toLine(x, y)
          if (distance > metres * 0.9 && distance < metres * 1.1) continue
          const inBand = map.queryRenderedFeatures([x, y], { layers: ['public-patrol-coverage'] }).some((f) => Number(f.properties.id) === id)
          if (distance <= metres * 0.9) result.inside++
          else result.outside++
          if (inBand !== distance <= metres * 0.9) result.wrong.push(`${Math.round(distance)} m at ${x},${y}`)
        }
      }
      return result
    },
    { id, metres },
  )
}

/** Shows a Tuesday 19:00 and brings the public plan into view by its list item. */
async function showPublicPlan(page: Page, tuesday: string) {
  await page.getByRole('button', { name: 'Patrols', exact: true }).click()
  await page.getByRole('heading', { name: 'Patrols', exact: true }).waitFor()
  await page.getByLabel(/^A day and time/).check()
  await page.getByLabel('Day and time', { exact: true }).fill(`${tuesday}T19:00`)
  const item = listed(page).filter({ hasText: PUBLIC_TITLE })
  await expect.poll(() => item.count()).toBe(1)
  return item
}

/** The band reaches `metres` from the line and no further, at this zoom and 1.5 levels in. */
async function expectBand(page: Page, metres: number) {
  for (const zoomBy of [0, 1.5]) {
    if (zoomBy) {
      await page.evaluate((by) => window.__map!.jumpTo({ zoom: window.__map!.getZoom() + by }), zoomBy)
      await untilIdle(page)
    }
    const band = await bandMismatches(page, publicId, metres)
    expect(band.wrong).toEqual([])
    expect(band.inside).toBeGreaterThan(20)
    expect(band.outside).toBeGreaterThan(20)
    if (zoomBy) {
      await page.evaluate((by) => window.__map!.jumpTo({ zoom: window.__map!.getZoom() - by }), zoomBy)
      await untilIdle(page)
    }
  }
}

describe('planned patrols for residents', () => {
  it('lists and draws public patrols for the chosen hours, answers "next patrol near here", and never shows a private plan', async () => {
    const page = await browser.newPage({ viewport: DESKTOP })
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    const received = recordResponses(page)
    const { tuesday, wednesday } = nextTuesday()

    await page.goto(new URL(`?test#map=16/${PARK.lat}/${PARK.lng}`, appUrl).href)
    await page.waitForFunction(() => window.__map !== undefined)
    await untilIdle(page)

    // A Tuesday at 19:00: the public plan is listed, with its team, days and next session, and drawn.
    const item = await showPublicPlan(page, tuesday)
    const text = (await item.textContent()) ?? ''
    expect(text).toContain('Palmers Green SNT')
    expect(text).toMatch(/Patrols pass here Tue and Thu 18:00–20:00/)
    expect(text).toMatch(/Next: Tue \d+ \w{3} 18:00–20:00/)
    await expect.poll(() => drawnPatrolIds(page)).toContain(publicId)
    expect(await page.locator('[data-testid="patrol-list"]').textContent()).not.toContain(PRIVATE_TITLE)
    await untilIdle(page)
    expect(await axeViolations(page)).toEqual([])

    // The Wednesday after: not then.
    await page.getByLabel('Day and time', { exact: true }).fill(`${wednesday}T19:00`)
    await expect.poll(() => item.count()).toBe(0)
    await expect.poll(() => drawnPatrolIds(page)).not.toContain(publicId)

    // Back to the Tuesday; the list item brings the line into view.
    await page.getByLabel('Day and time', { exact: true }).fill(`${tuesday}T19:00`)
    await expect.poll(() => item.count()).toBe(1)
    await item.getByRole('button').click()
    await expect.poll(() => item.getByRole('button').getAttribute('aria-pressed')).toBe('true')
    await page.waitForTimeout(700)
    await untilIdle(page)

    // The coverage band reaches COVERAGE_METRES (100 m by default) from the line and no further.
    await expectBand(page, 100)

    // A tap beside the line (off it and off any concern): the next patrol near there, in words.
    const beside = await page.evaluate(async (id) => {
      const map = window.__map!
      const source = map.getSource('public-patrols') as unknown as { getData(): Promise<GeoJSON.FeatureCollection> }
      const line = (await source.getData()).features.find((f) => Number(f.properties?.id) === id)!
      const coordinates = (line.geometry as GeoJSON.LineString).coordinates
      const middle = map.project(coordinates[Math.floor(coordinates.length / 2)] as [number, number])
      const free = (x: number, y: number) =>
        map.queryRenderedFeatures(
          [
            [x - 12, y - 12],
            [x + 12, y + 12],
          ],
          { layers: ['public-patrol-line', 'concern-points', 'concern-clusters'] },
        ).length === 0
      for (const [dx, dy] of [[0, 40], [0, -40], [40, 0], [-40, 0], [30, 30], [-30, -30], [30, -30], [-30, 30]] as const) {
        if (free(middle.x + dx, middle.y + dy)) return { x: middle.x + dx, y: middle.y + dy, line: { x: middle.x, y: middle.y } }
      }
      throw new Error('no free place beside the line')
    }, publicId)
    await page.locator('.maplibregl-canvas').click({ position: { x: beside.x, y: beside.y } })
    const near = page.locator('[data-testid="patrol-near"]')
    await expect
      .poll(() => near.textContent())
      .toMatch(/^Next patrol near here: .+, \w{3} \d+ \w{3} \d\d:\d\d–\d\d:\d\d \(about \d+ m away\)$/)
    expect(await near.textContent()).not.toContain(PRIVATE_TITLE)

    // A tap on the line itself: what it is, in a popup.
    await page.locator('.maplibregl-canvas').click({ position: beside.line })
    const popup = page.locator('.maplibregl-popup')
    await expect.poll(() => popup.textContent()).toContain(PUBLIC_TITLE)
    expect(await popup.textContent()).toMatch(/Patrols pass here Tue and Thu 18:00–20:00/)
    await untilIdle(page)
    expect(await axeViolations(page)).toEqual([])
    await mapScreenshot(page, SCREENSHOT.pathname)

    // "Next 7 days" lists it too; the private plan never reached the page in any answer.
    await page.getByLabel(/^Next 7 days/).check()
    await expect.poll(() => item.count()).toBe(1)
    const bodies = await received()
    expect(bodies.some((b) => b.includes('/api/patrols?'))).toBe(true)
    expect(bodies.filter((b) => b.includes(PRIVATE_TITLE)).map((b) => b.split('\n')[0])).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it('widens the band to the COVERAGE_METRES an operator sets', async () => {
    const wider = inject('widerCoverage')
    const page = await browser.newPage({ viewport: DESKTOP })
    await page.goto(new URL(`?test#map=15/${PARK.lat}/${PARK.lng}`, wider.url).href)
    await page.waitForFunction(() => window.__map !== undefined)
    await untilIdle(page)
    await showPublicPlan(page, nextTuesday().tuesday)
    await expect.poll(() => drawnPatrolIds(page)).toContain(publicId)
    await untilIdle(page)
    await expectBand(page, wider.metres)
    await page.close()
  })

  it('fits the patrols button beside the others on a phone, and its panel passes axe', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await page.goto(new URL(`?test#map=15/${PARK.lat}/${PARK.lng}`, appUrl).href)
    await page.waitForFunction(() => window.__map !== undefined)
    const buttons = await Promise.all(
      ['Report a place', 'Plan a safer route', 'Patrols'].map((name) => page.getByRole('button', { name, exact: true }).boundingBox()),
    )
    for (const [i, a] of buttons.entries()) {
      expect(a!.x).toBeGreaterThanOrEqual(0)
      expect(a!.x + a!.width).toBeLessThanOrEqual(390)
      for (const b of buttons.slice(i + 1)) {
        const apart = a!.y + a!.height <= b!.y || b!.y + b!.height <= a!.y || a!.x + a!.width <= b!.x || b!.x + b!.width <= a!.x
        expect(apart).toBe(true)
      }
    }
    await page.getByRole('button', { name: 'Patrols', exact: true }).click()
    await page.getByRole('heading', { name: 'Patrols', exact: true }).waitFor()
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Patrols')
    await page.getByLabel(/^This evening/).check()
    await page.locator('.patrol-results h3').filter({ hasText: /this evening, 17:00 to 22:00/ }).waitFor()
    await untilIdle(page)
    expect(await axeViolations(page)).toEqual([])
    await page.close()
  })

  it('tells the reporter that a reassurance patrol now passes their place', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    const received = recordResponses(page)
    await page.goto(new URL(`receipt/${receipt}`, appUrl).href)
    const linked = page.locator('[data-testid="receipt-patrols"]')
    await expect
      .poll(() => linked.textContent())
      .toMatch(new RegExp(`^A reassurance patrol now passes here: ${PUBLIC_TITLE} — Tue and Thu 18:00–20:00.*; next on \\w{3} \\d+ \\w{3} 18:00–20:00\\.$`))
    expect(await linked.locator('li').count()).toBe(1)
    expect(await axeViolations(page)).toEqual([])
    expect((await received()).filter((b) => b.includes(PRIVATE_TITLE))).toEqual([])
    await page.close()
  })
})
