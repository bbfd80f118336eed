import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { metresBetween } from '../../common/geo.ts'
import { addDays, londonDate } from '../../common/london-time.ts'
import { addAppUser } from '../support/app-users.ts'
import { axeViolations, launchChromium, untilIdle } from '../support/browser.ts'

// The organiser's home (/club): a saved route found, renamed and shared, a weekly run scheduled
// that an officer joins, the calendar and sign-out; and a resident's share link to a computed
// route, opened signed out, without its first and last 200 m.

const PHONE = { width: 390, height: 844 }
/** Southgate in the demo area, on its paths. */
const START = { lng: -0.127, lat: 51.614 }
/** Planning a loop is the slow part of the app; the machine running the suite may be slow too. */
const PLAN_TIMEOUT = 120_000
const ORGANISER = { email: 'organiser.clubs@example.org', name: 'Club Organiser', role: 'club' as const, password: 'a long password for the club page' }
const OFFICER = { email: 'officer.clubs@example.org', name: 'PC Rivers', role: 'officer' as const, password: 'a long password for the officer' }
const CLUB = 'Broomfield Runners'

const appUrl = inject('appUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
  await addAppUser(inject('appDataDir'), ORGANISER)
  await addAppUser(inject('appDataDir'), OFFICER)
})

afterAll(async () => {
  await browser?.close()
})

type Opened = { context: BrowserContext; page: Page; errors: string[] }

async function open(path: string, permissions: string[] = []): Promise<Opened> {
  const context = await browser.newContext({ viewport: PHONE, permissions })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (message) => {
    // "Who is signed in?" answers 401 to a resident: the browser logs every 4xx response.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(new URL(path, appUrl).href)
  return { context, page, errors }
}

/** A JSON call from the context, same-site like the front end, with its session cookie. */
async function api<T>(context: BrowserContext, method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
  const res = await context.request.fetch(new URL(path, appUrl).href, { method, headers: { origin: new URL(appUrl).origin }, ...(data === undefined ? {} : { data }) })
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300)
  return (await res.json()) as T
}

const signIn = (context: BrowserContext, who: { email: string; password: string }) => api(context, 'POST', 'api/auth/login', { email: who.email, password: who.password })

const metres = (a: number[], b: number[]) => metresBetween(a[0]!, a[1]!, b[0]!, b[1]!)
/** How far along `line` a point on it lies (by the segment it is nearest to). */
function along(line: number[][], point: number[]): number {
  let best = { off: Infinity, at: 0 }
  let walked = 0
  for (let i = 1; i < line.length; i++) {
    const seg = metres(line[i - 1]!, line[i]!)
    const off = metres(line[i - 1]!, point) + metres(point, line[i]!) - seg
    if (off < best.off) best = { off, at: walked + metres(line[i - 1]!, point) }
    walked += seg
  }
  return best.at
}

describe('the club page', () => {
  it('lets an organiser find a saved route, rename and share it, schedule a weekly run that an officer joins, and sign out', async () => {
    // The library as it stands after planning and saving a loop (routes.test.ts does that through the map).
    const { context, page, errors } = await open('club', ['clipboard-read', 'clipboard-write'])
    await signIn(context, ORGANISER)
    const plan = await api<{ routes: { properties: { id: string } }[] }>(context, 'POST', 'api/routes', { from: START, distanceMeters: 3000 })
    const club = await api<{ id: number }>(context, 'POST', 'api/clubs', { name: CLUB, meetingPoint: START })
    await api(context, 'POST', `api/clubs/${club.id}/routes`, { routeId: plan.routes[0]!.properties.id, name: 'Park loop', usualStartTime: '19:00' })

    await page.reload()
    await page.getByRole('heading', { name: CLUB, level: 1 }).waitFor()
    const saved = page.locator('.saved-routes > li').filter({ hasText: 'Park loop' })
    await expect.poll(() => saved.textContent()).toContain('usually at 19:00')

    // Renamed, with notes for members.
    await saved.getByRole('button', { name: 'Edit details' }).click()
    await saved.getByLabel('Name of the route').fill('Broomfield evening loop')
    await saved.getByLabel('Notes for members (optional)').fill('Meet at the café.')
    await saved.getByRole('button', { name: 'Save the details' }).click()
    const renamed = page.locator('.saved-routes > li').filter({ hasText: 'Broomfield evening loop' })
    await renamed.locator('p', { hasText: 'Meet at the café.' }).waitFor()
    await expect.poll(() => renamed.getByLabel('Name of the route').count()).toBe(0) // the form closes once saved

    // Shared with its ends hidden (the default), then the link withdrawn, after saying yes.
    expect(await renamed.getByLabel('Show the start and finish').isChecked()).toBe(false)
    await renamed.getByRole('button', { name: 'Copy share link' }).click()
    await expect.poll(() => renamed.textContent()).toContain('shared by link')
    const link = await page.evaluate(() => navigator.clipboard.readText())
    expect((await context.request.get(link.replace('/shared/', '/api/shared-routes/'))).status()).toBe(200)
    page.once('dialog', (dialog) => void dialog.accept())
    await renamed.getByRole('button', { name: 'Stop sharing' }).click()
    await expect.poll(() => renamed.textContent()).not.toContain('shared by link')
    expect((await context.request.get(link.replace('/shared/', '/api/shared-routes/'))).status()).toBe(404)

    // A weekly run, from a week today at 19:00 UK time.
    const first = addDays(londonDate(new Date()), 7)
    await renamed.getByRole('button', { name: 'Schedule a run' }).click()
    await renamed.getByLabel('Repeat every week').check()
    await renamed.getByLabel('First run on (UK time)').fill(`${first}T19:00`)
    await renamed.getByRole('button', { name: 'Schedule a club run' }).click()
    await renamed.getByText(/^Weekly club run from .*19:00: officers can see each date and join\.$/).waitFor()
    const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${first}T12:00:00Z`))
    const run = page.locator('.club-runs > li').filter({ hasText: `Every ${weekday} at 19:00` })
    await expect.poll(() => run.textContent()).toContain('Broomfield evening loop')

    // An officer joins the second date, from their side.
    const officer = await browser.newContext()
    await signIn(officer, OFFICER)
    const listed = await api<{ features: { properties: { id: number; date: string; routeName: string } }[] }>(officer, 'GET', `api/club-runs?from=${first}&to=${addDays(first, 8)}`)
    const dates = listed.features.filter((f) => f.properties.routeName === 'Broomfield evening loop')
    expect(dates.map((f) => f.properties.date)).toEqual([first, addDays(first, 7)])
    await api(officer, 'POST', `api/club-runs/${dates[1]!.properties.id}/join?date=${dates[1]!.properties.date}`)
    await officer.close()

    // The organiser sees who joined which date.
    await page.reload()
    const dateItems = page.locator('.club-runs > li').filter({ hasText: `Every ${weekday} at 19:00` }).locator('.run-dates > li')
    await expect.poll(() => dateItems.count()).toBe(4)
    expect(await dateItems.nth(0).textContent()).toMatch(/no officer has joined yet\.$/)
    expect(await dateItems.nth(1).textContent()).toMatch(/19:00: joined by PC Rivers\.$/)
    expect(await axeViolations(page)).toEqual([])

    // The club calendar repeats it weekly in London time.
    const calendar = await page.getByRole('link', { name: 'Download the club calendar (.ics)' }).getAttribute('href')
    const ics = await (await context.request.get(new URL(calendar!, appUrl).href)).text()
    expect(ics).toMatch(/DTSTART;TZID=Europe\/London:\d{8}T190000/)
    expect(ics).toMatch(/RRULE:FREQ=WEEKLY;BYDAY=[A-Z]{2}/)

    // A calendar link to subscribe to: it opens without a session, as a calendar app asks.
    await page.getByRole('button', { name: 'Make a calendar link' }).click()
    const feed = page.locator('.calendar-feed .share-link a')
    await feed.waitFor()
    const feedUrl = await feed.getAttribute('href')
    expect(feedUrl).toMatch(/\/api\/club-feeds\/[A-Za-z0-9_-]{43}\.ics$/)
    await page.getByRole('button', { name: 'Make a new calendar link' }).waitFor()
    const anonymous = await browser.newContext()
    const subscribed = await anonymous.request.get(feedUrl!)
    expect(subscribed.status()).toBe(200)
    expect(await subscribed.text()).toMatch(/RRULE:FREQ=WEEKLY;BYDAY=[A-Z]{2}/)
    await anonymous.close()
    expect(await axeViolations(page)).toEqual([])

    // Signing out leaves the organiser's sign-in.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('heading', { name: 'Running clubs' }).waitFor()
    expect((await context.request.get(new URL('api/clubs', appUrl).href)).status()).toBe(401)
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('a resident’s share link', () => {
  it('shares a computed route that opens signed out, without its first and last 200 m', async () => {
    const { context, page, errors } = await open(`?test#map=15/${START.lat}/${START.lng}`)
    await page.waitForFunction(() => window.__map !== undefined)
    await untilIdle(page)
    await page.getByRole('button', { name: 'Plan a safer route' }).click()
    await page.getByRole('heading', { name: 'Plan a safer route' }).waitFor()
    // The start: tapped on the map, in the part of it the sheet leaves free.
    const at = await page.evaluate((start) => {
      const map = window.__map!
      const sheet = document.querySelector('.route-panel')!.getBoundingClientRect()
      map.jumpTo({ center: [start.lng, start.lat], zoom: 15 })
      map.panBy([0, map.getContainer().clientHeight / 2 - Math.max(120, sheet.top / 2 + 30)], { animate: false })
      const p = map.project([start.lng, start.lat])
      return { x: p.x, y: p.y }
    }, START)
    await untilIdle(page)
    await page.locator('.maplibregl-canvas').click({ position: at })
    await expect.poll(() => page.getByText(/^Start set/).isVisible()).toBe(true)
    await page.getByLabel('Distance (km)').fill('3')
    await page.getByRole('button', { name: 'Find loops' }).click()
    await page.locator('.route-results h3').waitFor({ timeout: PLAN_TIMEOUT })

    // The selected loop's whole line, as its planner has it.
    const gpx = await page.locator('.route-actions a[href$=".gpx"]').first().getAttribute('href')
    const whole = (await (await context.request.get(new URL(gpx!.replace(/\.gpx$/, '.geojson'), appUrl).href)).json()) as { geometry: { coordinates: number[][] } }

    await page.getByRole('button', { name: 'Share', exact: true }).click()
    expect(await page.getByLabel('Show the start and finish').isChecked()).toBe(false)
    await page.getByRole('button', { name: 'Make a share link' }).click()
    const address = await page.locator('.share-route .share-link a').getAttribute('href')
    expect(address).toMatch(/\/shared\/[A-Za-z0-9_-]{43}$/)
    await page.getByRole('button', { name: 'Copy the link' }).waitFor()
    expect(await page.getByText(/^Anyone with the link can see this route until /).isVisible()).toBe(true)
    expect(errors).toEqual([])
    await context.close()

    // A stranger: a fresh browser, signed in as nobody.
    const stranger = await open('about:blank')
    const answer = stranger.page.waitForResponse((res) => res.url().includes('/api/shared-routes/'))
    await stranger.page.goto(`${address}?test`) // ?test: the page exposes its map, to wait for it to draw
    const shared = (await (await answer).json()) as { geometry: { coordinates: number[][] } }
    await stranger.page.getByRole('heading', { name: 'Shared route' }).waitFor()
    await stranger.page.getByText('The first and last 200 m are not shown, to keep where it starts private.').waitFor()
    const line = shared.geometry.coordinates
    const total = whole.geometry.coordinates.slice(1).reduce((sum, p, i) => sum + metres(whole.geometry.coordinates[i]!, p), 0)
    expect(along(whole.geometry.coordinates, line[0]!)).toBeGreaterThan(199)
    expect(along(whole.geometry.coordinates, line.at(-1)!)).toBeLessThan(total - 199)
    expect(line).not.toContainEqual(whole.geometry.coordinates[0])
    // No pin at a start it does not show, and no link to the whole route's files.
    await stranger.page.waitForFunction(() => window.__map !== undefined)
    const drawn = async () => {
      await untilIdle(stranger.page)
      return stranger.page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['route-alternatives'] }).length)
    }
    await expect.poll(drawn, { timeout: 20_000 }).toBeGreaterThan(0)
    expect(await stranger.page.locator('.route-marker-start').count()).toBe(0)
    const download = await stranger.page.getByRole('link', { name: 'Download GPX' }).getAttribute('href')
    expect(download).toMatch(/^\/api\/shared-routes\/[A-Za-z0-9_-]{43}\/route\.gpx$/)
    expect(await stranger.page.locator('a[href*="/api/routes/"]').count()).toBe(0)
    expect(await axeViolations(stranger.page)).toEqual([])
    expect(stranger.errors).toEqual([])
    await stranger.context.close()
  })
})
