import { mkdir } from 'node:fs/promises'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addAppUser } from '../support/app-users.ts'
import { LONDON_CASES } from '../support/london-cases.ts'
import { launchChromium, axeViolations, untilIdle } from '../support/browser.ts'
import { mapScreenshot } from '../support/map-screenshot.ts'

const SCREENSHOTS = {
  phone: new URL('../../docs/routes.png', import.meta.url),
  desktop: new URL('../../docs/routes-desktop.png', import.meta.url),
}

/**
 * By Southgate station (N14): the demo extract's paths stop short of it (its nearest path is
 * about 900 m south), so a start here is refused in words.
 */
const STATION = { lng: -0.1301, lat: 51.6321 }
/** Southgate in the demo area, where the map opens without data: the loops start from a tap here. */
const START = { lng: -0.127, lat: 51.614 }
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }
/** Planning a loop is the slow part of the app; the machine running the suite may be slow too. */
const PLAN_TIMEOUT = 120_000

const ORGANISER = {
  email: 'organiser.routes@example.org',
  name: 'Route Organiser',
  role: 'club' as const,
  password: 'a long password for the club organiser',
}
const CLUB = 'Southgate Striders'
const ROUTE_NAME = 'Grovelands evening loop'

const appUrl = inject('appUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
  await addAppUser(inject('appDataDir'), ORGANISER)
  await mkdir(new URL('.', SCREENSHOTS.phone), { recursive: true })
})

afterAll(async () => {
  await browser?.close()
})

type Opened = { context: BrowserContext; page: Page; errors: string[] }

async function openMap(viewport: { width: number; height: number }): Promise<Opened> {
  const context = await browser.newContext({ viewport, permissions: ['clipboard-read', 'clipboard-write'] })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (message) => {
    // "Who is signed in?" answers 401 to a resident: the browser logs every 4xx response.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(new URL(`?test#map=15/${START.lat}/${START.lng}`, appUrl).href)
  await page.waitForFunction(() => window.__map !== undefined)
  await untilIdle(page)
  return { context, page, errors }
}

type Point = { lng: number; lat: number }

/** Opens the planner and taps the map at `start`. */
async function openPlannerAndTapStart(page: Page, start: Point = START) {
  await page.getByRole('button', { name: 'Plan a safer route' }).click()
  await page.getByRole('heading', { name: 'Plan a safer route' }).waitFor()
  await tapMapAt(page, start)
}

/** Taps the map at a point, first brought into the part of the map the sheet leaves free. */
async function tapMapAt(page: Page, point: Point) {
  const free = await page.evaluate(() => {
    const sheet = document.querySelector('.route-panel')!.getBoundingClientRect()
    const frame = window.__map!.getContainer().getBoundingClientRect()
    // A phone's sheet covers the bottom of the map; a wide screen's covers its right side.
    return sheet.width >= frame.width - 1
      ? { x: frame.width / 2, y: Math.max(120, sheet.top / 2 + 30) }
      : { x: sheet.left / 2, y: frame.height / 2 }
  })
  await page.evaluate(
    ({ start, free }) => {
      const map = window.__map!
      map.jumpTo({ center: [start.lng, start.lat], zoom: 15 })
      const at = map.project([start.lng, start.lat])
      map.panBy([at.x - free.x, at.y - free.y], { animate: false })
    },
    { start: point, free },
  )
  await untilIdle(page)
  const at = await page.evaluate((start) => {
    const p = window.__map!.project([start.lng, start.lat])
    return { x: p.x, y: p.y }
  }, point)
  await page.locator('.maplibregl-canvas').click({ position: at })
  await expect.poll(() => page.getByText(/^Start set/).isVisible()).toBe(true)
  await expect.poll(() => page.locator('.route-marker-start').count()).toBe(1)
}

/** This evening at 19:30 on the London clock, as a datetime-local value. */
function thisEvening(): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  return `${day}T19:30`
}

/** Asks for the 8 km evening loop; resolves with the alternatives listed, or the error in words. */
async function planEveningLoop(page: Page): Promise<{ error: string | null }> {
  expect(await page.getByLabel('Distance (km)').inputValue()).toBe('8')
  await page.getByLabel('Date and time').fill(thisEvening())
  await page.getByLabel(/^Safest/).check()
  await page.getByRole('button', { name: 'Find loops' }).click()
  const error = page.locator('.route-panel .error[role="alert"]')
  await page.locator('.route-results h3').or(error).waitFor({ timeout: PLAN_TIMEOUT })
  return { error: (await error.count()) ? await error.textContent() : null }
}

const listed = (page: Page) => page.locator('.route-list > li')

async function drawnRoutes(page: Page): Promise<number> {
  await untilIdle(page)
  return page.evaluate(
    () => window.__map!.queryRenderedFeatures({ layers: ['route-alternatives'] }).length,
  )
}

describe('safer routes and running loops', () => {
  it('has no accessibility problems in the route panel (axe, any impact)', async () => {
    const { context, page } = await openMap(PHONE)
    await page.getByRole('button', { name: 'Plan a safer route' }).click()
    await page.getByRole('heading', { name: 'Plan a safer route' }).waitFor()
    // The heading takes the focus, so a screen reader starts at the panel.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Plan a safer route')
    expect(await axeViolations(page)).toEqual([])
    // Without a start, the plan asks for one in words.
    await page.getByRole('button', { name: 'Find loops' }).click()
    expect(await page.getByRole('alert').textContent()).toContain('Choose the start first')
    await context.close()
  })

  it('reads the planner’s date and time on the London clock, as the server does (common/london-time.ts)', async () => {
    const { context, page } = await openMap(DESKTOP)
    await openPlannerAndTapStart(page)
    // What the planner would ask the server for, caught before it leaves the browser.
    const asked: string[] = []
    await page.route('**/api/routes', async (route) => {
      asked.push((route.request().postDataJSON() as { departAt?: string }).departAt ?? 'none')
      await route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"unavailable","message":"held by the test"}}' })
    })
    for (const [i, { date, time }] of LONDON_CASES.entries()) {
      await page.getByLabel('Date and time').fill(`${date}T${time}`)
      await page.getByRole('button', { name: 'Find loops' }).click()
      await expect.poll(() => asked.length).toBe(i + 1)
      await page.locator('.route-panel .error[role="alert"]').waitFor()
    }
    expect(asked).toEqual(LONDON_CASES.map((c) => c.utc))
    await context.close()
  })

  it('plans a route when a place to go to is picked and a loop when a distance is given, and asks for what it shows', async () => {
    const { context, page } = await openMap(PHONE)
    await openPlannerAndTapStart(page)
    const asked: Record<string, unknown>[] = []
    await page.route('**/api/routes', async (route) => {
      asked.push(route.request().postDataJSON() as Record<string, unknown>)
      await route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"unavailable","message":"held by the test"}}' })
    })
    const loop = page.getByRole('radio', { name: 'A loop back to the start' })
    const route = page.getByRole('radio', { name: 'From here to there' })
    expect(await loop.isChecked()).toBe(true)
    // Picking a place to go to makes it a route there.
    await page.getByRole('combobox', { name: /^Or find a place to go to/ }).fill('broomfield park')
    await page.getByRole('option', { name: /^Broomfield Park/ }).first().click()
    await expect.poll(() => route.isChecked()).toBe(true)
    expect(await page.getByText('Give a distance to plan a loop instead.').isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Find routes' }).click()
    await expect.poll(() => asked.length).toBe(1)
    expect(asked[0]).toMatchObject({ from: expect.any(Object), to: expect.any(Object) })
    expect(asked[0]).not.toHaveProperty('distanceMeters')
    // Giving a distance makes it a loop of it.
    await page.getByLabel('Distance (km)').fill('5')
    await expect.poll(() => loop.isChecked()).toBe(true)
    await page.getByRole('button', { name: 'Find loops' }).click()
    await expect.poll(() => asked.length).toBe(2)
    expect(asked[1]).toMatchObject({ from: asked[0]!.from, distanceMeters: 5000 })
    expect(asked[1]).not.toHaveProperty('to')
    await context.close()
  })

  it('plans an 8 km evening loop for a resident, lists and draws the alternatives, and gives a GPX', async () => {
    const { context, page, errors } = await openMap(PHONE)
    // By the station there are no paths in the demo data: the panel says so, and what to do.
    await openPlannerAndTapStart(page, STATION)
    expect((await planEveningLoop(page)).error).toContain('No paths near this point — move the start closer to a path')
    // A start on the paths of Southgate.
    await tapMapAt(page, START)
    expect(await page.locator('.route-panel .error').count()).toBe(0)
    expect((await planEveningLoop(page)).error).toBeNull()

    const count = await listed(page).count()
    expect(count).toBeGreaterThanOrEqual(1)
    expect(count).toBeLessThanOrEqual(3)
    const scores: number[] = []
    for (let i = 0; i < count; i++) {
      const item = listed(page).nth(i)
      // Each choice with its time walking and running ("1 h 37 min walking, 49 min running") and its score.
      const facts = (await item.locator('.route-facts').textContent())!
      const [, km, walking, running] = /^([\d.]+) km: (.+) walking, (.+) running$/.exec(facts) ?? []
      expect(km, facts).toBeDefined()
      const [, score] = /^Avoidance score (\d+) of 100$/.exec((await item.locator('.route-score').textContent())!) ?? []
      const minutes = (text: string) => Number(/(\d+) h/.exec(text)?.[1] ?? 0) * 60 + Number(/(\d+) min/.exec(text)?.[1] ?? 0)
      expect(Math.abs(minutes(walking!) - Number(km) * 12)).toBeLessThanOrEqual(4)
      expect(Math.abs(minutes(running!) - Number(km) * 6)).toBeLessThanOrEqual(2)
      scores.push(Number(score))
      expect(await item.locator('.why li').count()).toBeGreaterThan(0)
    }
    // Best first, and what the score counts said once above the list, never "safety".
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    const counts = page.getByTestId('score-counts')
    expect(await counts.textContent()).toMatch(/^Best first by avoidance score.*It counts:/)
    expect(await counts.locator('li').allTextContents()).toEqual(expect.arrayContaining(['places people have reported near it, for that time of day']))
    expect(await page.locator('.route-results').textContent()).not.toMatch(/safety/i)
    expect(await listed(page).first().getByRole('button').getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => drawnRoutes(page)).toBeGreaterThan(0)
    expect(await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['route-shortest'] }).length)).toBeGreaterThan(0)
    // Arrows the way the selected loop goes, and its kilometres numbered from 1, on the map.
    await expect.poll(() => page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['route-arrows'] }).length)).toBeGreaterThan(0)
    const kms = await page.evaluate(() =>
      window.__map!.queryRenderedFeatures({ layers: ['route-km'] }).map((f) => ({ km: Number(f.properties.km), index: Number(f.properties.index) })),
    )
    expect(kms.length).toBeGreaterThan(0)
    expect(new Set(kms.map((k) => k.index))).toEqual(new Set([0]))
    expect(Math.min(...kms.map((k) => k.km))).toBe(1)

    // Choosing another alternative in the list selects it on the map too.
    if (count > 1) {
      await listed(page).nth(1).getByRole('button').click()
      expect(await listed(page).nth(1).getByRole('button').getAttribute('aria-pressed')).toBe('true')
      await untilIdle(page)
      // Selection is feature-state on the drawn alternatives (ids are their places in the list).
      const selected = await page.evaluate(() =>
        [0, 1, 2].filter((id) => window.__map!.getFeatureState({ source: 'routes', id }).selected === true),
      )
      expect(selected).toEqual([1])
      // The kilometres shown are the selected loop's.
      await expect
        .poll(() => page.evaluate(() => [...new Set(window.__map!.queryRenderedFeatures({ layers: ['route-km'] }).map((f) => f.properties.index))]))
        .toEqual([1])
      await listed(page).first().getByRole('button').click()
    }

    expect(await axeViolations(page)).toEqual([])
    await untilIdle(page)
    await mapScreenshot(page, SCREENSHOTS.phone.pathname)

    const gpx = await page.getByRole('link', { name: 'Download GPX' }).getAttribute('href')
    expect(gpx).toMatch(/^\/api\/routes\/[A-Za-z0-9_-]{22}\.gpx$/)
    const file = await context.request.get(new URL(gpx!, appUrl).href)
    expect(file.status()).toBe(200)
    expect(await file.text()).toContain('<gpx')
    // A resident has no club: the panel offers the organisers' sign-in instead.
    expect(await page.getByText('Running club? Sign in to save routes for your club').isVisible()).toBe(true)
    expect(errors).toEqual([])
    await context.close()
  })

  it('lets a club organiser sign in, save a loop to a new club, share it, schedule a club run on it, and keep it on the club page', async () => {
    const { context, page, errors } = await openMap(DESKTOP)
    await page.getByRole('button', { name: 'Plan a safer route' }).click()
    await page.getByText('Running club? Sign in to save routes for your club').click()
    await page.getByLabel('Email').fill(ORGANISER.email)
    await page.getByLabel('Password').fill(ORGANISER.password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByText(/club organiser: plan a route/).waitFor()
    // Opening the planner again taps the start in the free part of the map.
    await page.getByRole('button', { name: 'Close the route planner' }).click()
    await openPlannerAndTapStart(page)
    expect((await planEveningLoop(page)).error).toBeNull()
    await expect.poll(() => drawnRoutes(page)).toBeGreaterThan(0)
    await untilIdle(page)
    await mapScreenshot(page, SCREENSHOTS.desktop.pathname)

    await page.getByRole('button', { name: 'Save to club' }).click()
    await page.getByLabel('Club name').fill(CLUB)
    await page.getByLabel('Route name').fill(ROUTE_NAME)
    await page.getByLabel('Notes (optional)').fill('Meet by the station clock.')
    await page.getByLabel('Usual start time').fill('18:30')
    await page.getByRole('button', { name: 'Create the club and save' }).click()
    await page.getByText(`Saved to ${CLUB} as “${ROUTE_NAME}”.`).waitFor()

    await page.getByRole('button', { name: 'Copy share link' }).click()
    await page.getByText(/^Copied/).waitFor()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toMatch(new RegExp(`^${appUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}shared/[A-Za-z0-9_-]{43}$`))
    expect(await page.locator('.share-link a').getAttribute('href')).toBe(copied)

    // A club run on it tomorrow at 18:30 (UK time), which officers will see and can join.
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + 86_400_000))
    await page.getByLabel('Club run on (UK time)').fill(`${tomorrow}T18:30`)
    await page.getByLabel('Notes for the run (optional)').fill('Officers welcome')
    await page.getByRole('button', { name: 'Schedule a club run' }).click()
    await page.getByText(/^Club run on .*18:30: officers can see it and join\.$/).waitFor()
    const runs = await page.evaluate(async () => {
      const { clubs } = (await (await fetch('/api/clubs')).json()) as { clubs: { id: number }[] }
      return Promise.all(clubs.map(async (c) => ((await (await fetch(`/api/clubs/${c.id}/runs`)).json()) as { runs: { routeName: string; notes: string }[] }).runs))
    })
    expect(runs.flat()).toContainEqual(expect.objectContaining({ routeName: ROUTE_NAME, notes: 'Officers welcome' }))
    expect(await axeViolations(page)).toEqual([])
    expect(errors).toEqual([])

    // Anyone with the link: a fresh browser, signed in as nobody.
    const stranger = await browser.newContext({ viewport: PHONE })
    const shared = await stranger.newPage()
    const sharedErrors: string[] = []
    shared.on('pageerror', (error) => sharedErrors.push(error.message))
    await shared.goto(copied)
    await shared.getByRole('heading', { name: ROUTE_NAME }).waitFor()
    expect(await shared.getByText(`Shared by ${CLUB}`).isVisible()).toBe(true)
    // The usual start time (the club's next run, also at 18:30, is said with its date).
    expect(await shared.getByText('18:30', { exact: true }).isVisible()).toBe(true)
    expect(await shared.getByText('Meet by the station clock.').isVisible()).toBe(true)
    const sharedGpx = await shared.getByRole('link', { name: 'Download GPX' }).getAttribute('href')
    expect((await stranger.request.get(new URL(sharedGpx!, appUrl).href)).status()).toBe(200)
    expect(sharedErrors).toEqual([])
    await stranger.close()

    // The club page, by its address: the saved route (shared) and the run; then sharing stops.
    await page.goto(new URL('club', appUrl).href)
    await page.getByRole('heading', { name: CLUB, level: 1 }).waitFor()
    const saved = page.locator('.saved-routes > li').filter({ hasText: ROUTE_NAME })
    await expect.poll(() => saved.textContent()).toContain('usually at 18:30, shared by link')
    expect(await page.locator('.club-runs > li').filter({ hasText: ROUTE_NAME }).textContent()).toContain('Officers welcome')
    expect(await axeViolations(page)).toEqual([])
    const sharedAnswer = copied.replace('/shared/', '/api/shared-routes/')
    expect((await context.request.get(sharedAnswer)).status()).toBe(200)
    page.once('dialog', (dialog) => void dialog.accept()) // "Stop sharing …? The link stops working …"
    await saved.getByRole('button', { name: 'Stop sharing' }).click()
    await expect.poll(() => saved.textContent()).not.toContain('shared by link')
    expect((await context.request.get(sharedAnswer)).status()).toBe(404)
    // To the map by the page's link, and back by the browser's button.
    await page.getByRole('link', { name: '← Common Ground map' }).click()
    await page.locator('.maplibregl-canvas').waitFor()
    await page.goBack()
    await page.getByRole('heading', { name: CLUB, level: 1 }).waitFor()
    expect(errors).toEqual([])
    await context.close()
  })
})
