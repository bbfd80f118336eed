import { request as apiRequest, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addDays, isoWeekOf, today } from '../../web/patrols/week.ts'
import { addAppUser } from '../support/app-users.ts'
import { launchChromium, axeViolations, untilIdle } from '../support/browser.ts'

const SCREENSHOT = new URL('../../docs/patrols-officer.png', import.meta.url)
const DESKTOP = { width: 1280, height: 800 }

/** Broomfield Park, Southgate: the demo's parks, where the suggested evening patrol starts. */
const BROOMFIELD = { lng: -0.1181, lat: 51.6186 }
const OFFICER = { email: 'officer.patrols@example.org', password: 'a long password for the patrol planning test' }
const TITLE = 'Evening parks patrol (browser test)'
const ORGANISER = { email: 'organiser.patrols@example.org', password: 'a long password for the club organiser here' }
const RUN_ROUTE = 'Broomfield evening 3k (browser test)'

const appUrl = inject('appUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
  await addAppUser(inject('appDataDir'), { ...OFFICER, name: 'Patrolling Officer', role: 'officer' })
  await addAppUser(inject('appDataDir'), { ...ORGANISER, name: 'Club Organiser', role: 'club' })
  await addClubRun()
})

/** A club's run from Broomfield Park in three days, made by its organiser through the API. */
async function addClubRun() {
  const origin = new URL(appUrl).origin
  const api = await apiRequest.newContext({ baseURL: appUrl, extraHTTPHeaders: { origin } })
  const post = async <T>(path: string, data: unknown): Promise<T> => {
    const response = await api.post(path, { data })
    if (!response.ok()) throw new Error(`${path} answered ${response.status()}: ${await response.text()}`)
    return (await response.json()) as T
  }
  await post('api/auth/login', ORGANISER)
  const plan = await post<{ routes: { properties: { id: string } }[] }>('api/routes', { from: BROOMFIELD, distanceMeters: 3000 })
  const club = await post<{ id: number }>('api/clubs', { name: 'Broomfield Runners', meetingPoint: BROOMFIELD })
  const saved = await post<{ id: number }>(`api/clubs/${club.id}/routes`, { routeId: plan.routes[0]!.properties.id, name: RUN_ROUTE })
  await post(`api/clubs/${club.id}/runs`, { savedRouteId: saved.id, startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString() })
  await api.dispose()
}

afterAll(async () => {
  await browser?.close()
})

/** Clicks the map where a point is drawn. */
async function clickMapAt(page: Page, at: { lng: number; lat: number }) {
  const box = (await page.locator('.moderation-map canvas').boundingBox())!
  const { x, y } = await page.evaluate((p) => window.__map!.project([p.lng, p.lat]), at)
  await page.mouse.click(box.x + x, box.y + y)
}

const shareShown = async (page: Page) => Number(await page.locator('[data-testid="coverage-share"]').getAttribute('data-share'))

/** The geometry types in a GeoJSON source of the map. */
const sourceGeometries = (page: Page, id: string) =>
  page.evaluate(async (source) => {
    const data = (await (window.__map!.getSource(source) as unknown as { getData(): Promise<GeoJSON.FeatureCollection> }).getData()) ?? null
    return data?.features.map((f) => f.geometry.type) ?? []
  }, id)

describe('reassurance patrols, the officer side', () => {
  it('ranks uncovered hot spots, suggests an evening patrol with its gain, saves it weekly and public, and draws a plan by clicking', async () => {
    const page = await browser.newPage({ viewport: DESKTOP })
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(new URL(`officer?test#map=15/${BROOMFIELD.lat}/${BROOMFIELD.lng}`, appUrl).href)
    await page.getByLabel('Email').fill(OFFICER.email)
    await page.getByLabel('Password').fill(OFFICER.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Concerns to moderate' }).waitFor()
    await page.waitForFunction(() => window.__map !== undefined)

    await page.getByRole('button', { name: 'Patrols', exact: true }).click()
    await page.getByRole('heading', { name: 'Patrols and coverage' }).waitFor()

    // Next week, so that a weekly plan from today covers all of it whatever day the test runs.
    const week = isoWeekOf(addDays(today(), 7))
    await page.getByLabel('Week', { exact: true }).fill(week)

    // The demo's hot spots, most uncovered first, listed and drawn.
    const hotspots = page.locator('[data-testid="hotspot-list"] li')
    await expect.poll(() => hotspots.count(), { timeout: 30_000 }).toBeGreaterThan(0)
    expect(await hotspots.first().locator('.hotspot-rank').textContent()).toBe('1')
    expect(await hotspots.first().locator('strong').textContent()).toMatch(/^[\d.]+ of [\d.]+ uncovered$/)
    expect(await hotspots.first().textContent()).toMatch(/Dosage met: (yes|no)/)
    await expect.poll(() => sourceGeometries(page, 'patrol-hotspots')).toContain('Point')
    const before = await shareShown(page)
    expect(before).toBeGreaterThanOrEqual(0)
    expect(before).toBeLessThan(1)
    const calendar = page.getByRole('link', { name: 'Export calendar (.ics)' })
    expect(await calendar.getAttribute('href')).toMatch(/^\/api\/patrols\.ics\?from=.+&to=.+/)

    // A click on a hot spot in the list flies the map to it.
    const centreBefore = await page.evaluate(() => window.__map!.getCenter().toArray())
    await hotspots.first().getByRole('button').click()
    await expect.poll(() => page.evaluate(() => window.__map!.getCenter().toArray())).not.toEqual(centreBefore)
    await untilIdle(page)
    expect(await axeViolations(page)).toEqual([])

    // Suggest a 60-minute evening patrol from Broomfield Park: the gain comes before saving.
    await page.getByRole('button', { name: 'Suggest a patrol' }).click()
    await page.evaluate((p) => window.__map!.jumpTo({ center: [p.lng, p.lat], zoom: 15 }), BROOMFIELD)
    await page.getByRole('button', { name: 'Start at the centre of the map' }).click()
    await page.getByLabel('Time of day').selectOption('evening')
    expect(await page.getByLabel('Minutes', { exact: true }).inputValue()).toBe('60')
    await page.getByRole('button', { name: 'Suggest a patrol' }).click()
    const suggestion = page.locator('[data-testid="suggestion"]')
    await expect.poll(() => suggestion.locator('.gain').textContent(), { timeout: 60_000 }).toMatch(/^Coverage \d+% → \d+%, \+[\d.]+ weight, \d+ concerns?$/)
    await expect.poll(() => sourceGeometries(page, 'patrol-suggestion')).toEqual(['LineString'])
    expect(await suggestion.textContent()).toMatch(/It visits these hot spots/)
    await page.waitForFunction(() => !window.__map!.isMoving())
    await untilIdle(page)
    expect(await axeViolations(page)).toEqual([])
    await page.screenshot({ path: SCREENSHOT.pathname })

    // Use it: the draw form gets its waypoints with their minutes; schedule it every evening.
    await page.getByRole('button', { name: 'Use this patrol' }).click()
    await page.getByRole('heading', { name: 'Draw a patrol' }).waitFor()
    await expect.poll(() => page.getByText(/^Snapped to the paths/).isVisible()).toBe(true)
    const minutes = await page.getByLabel(/^Minutes at point \d+$/).evaluateAll((inputs) => inputs.map((i) => Number((i as HTMLInputElement).value)))
    expect(minutes.some((m) => m === 10)).toBe(true)
    await page.getByLabel('Title').fill(TITLE)
    await page.getByLabel('Team (optional)').fill('Southgate SNT')
    await page.getByRole('radio', { name: 'Every week' }).check()
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) await page.getByLabel(day).check()
    await page.getByLabel('Start time').fill('18:00')
    await page.getByLabel('Duration (minutes)').fill('60')
    expect(await page.getByLabel('Valid from').inputValue()).toBe(today())
    await page.getByLabel('Show to the public').check()
    await page.getByRole('button', { name: 'Save the patrol' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).textContent(), { timeout: 30_000 }).toContain(TITLE)
    await expect.poll(() => page.locator('[data-testid="officer-plan-list"]').textContent()).toContain(TITLE)

    // The dashboard reloads: the week's share rises.
    await expect.poll(() => shareShown(page), { timeout: 30_000 }).toBeGreaterThan(before)

    // Changing a saved plan starts from its waypoints and their minutes.
    await page.getByRole('button', { name: `Change ${TITLE}` }).click()
    await page.getByRole('heading', { name: `Change “${TITLE}”` }).waitFor()
    const kept = await page.getByLabel(/^Minutes at point \d+$/).evaluateAll((inputs) => inputs.map((i) => Number((i as HTMLInputElement).value)))
    expect(kept).toEqual(minutes)
    expect(await page.getByLabel('Show to the public').isChecked()).toBe(true)
    await page.getByRole('button', { name: 'Cancel' }).click()

    // A second plan by hand: three clicks, and the snapped line is drawn as they come.
    await page.getByRole('button', { name: 'Draw a patrol' }).click()
    await page.evaluate((p) => window.__map!.jumpTo({ center: [p.lng, p.lat], zoom: 16 }), BROOMFIELD)
    await untilIdle(page)
    await clickMapAt(page, { lng: BROOMFIELD.lng - 0.002, lat: BROOMFIELD.lat + 0.001 })
    await clickMapAt(page, { lng: BROOMFIELD.lng + 0.001, lat: BROOMFIELD.lat + 0.0015 })
    await expect.poll(() => sourceGeometries(page, 'patrol-preview'), { timeout: 20_000 }).toEqual(['LineString'])
    await clickMapAt(page, { lng: BROOMFIELD.lng + 0.002, lat: BROOMFIELD.lat - 0.001 })
    await expect.poll(() => page.getByLabel(/^Minutes at point \d+$/).count()).toBe(3)
    await expect.poll(() => page.getByText(/^Snapped to the paths/).textContent()).toMatch(/\d/)
    expect(await sourceGeometries(page, 'patrol-preview')).toEqual(['LineString'])
    expect(await sourceGeometries(page, 'patrol-waypoints')).toEqual(['Point', 'Point', 'Point'])
    await page.getByRole('button', { name: 'Undo last point' }).click()
    await expect.poll(() => page.getByLabel(/^Minutes at point \d+$/).count()).toBe(2)
    await expect.poll(() => sourceGeometries(page, 'patrol-waypoints')).toEqual(['Point', 'Point'])
    expect(await axeViolations(page)).toEqual([])

    // Saved once, for officers only; then deleted after a confirmation.
    const SHORT = 'Morning check (browser test)'
    await page.getByLabel('Title').fill(SHORT)
    await page.getByRole('radio', { name: 'Once' }).check()
    await page.getByLabel('Date', { exact: true }).fill(addDays(today(), 1))
    await page.getByLabel('Start time').fill('07:30')
    await page.getByLabel('Duration (minutes)').fill('30')
    await page.getByRole('button', { name: 'Save the patrol' }).click()
    const plansList = page.locator('[data-testid="officer-plan-list"]')
    await expect.poll(() => plansList.textContent(), { timeout: 30_000 }).toContain(SHORT)
    expect(await plansList.locator('li', { hasText: SHORT }).textContent()).toMatch(/officers only/)
    await page.getByRole('button', { name: `Delete ${SHORT}` }).click()
    await page.getByRole('button', { name: 'Yes, delete it' }).click()
    await expect.poll(() => plansList.textContent()).not.toContain(SHORT)
    expect(await plansList.textContent()).toContain(TITLE)

    // A point far from any path: the server's refusal, in words beside the form.
    await page.getByRole('button', { name: 'Draw a patrol' }).click()
    await page.evaluate(() => window.__map!.jumpTo({ center: [1.3, 52.6], zoom: 16 }))
    await untilIdle(page)
    await clickMapAt(page, { lng: 1.299, lat: 52.6 })
    await clickMapAt(page, { lng: 1.301, lat: 52.6 })
    await expect.poll(() => page.locator('.patrol-form [role=alert]').first().textContent(), { timeout: 20_000 }).toMatch(/No path within 200 m of waypoint 1/)
    await page.getByRole('button', { name: 'Cancel' }).click()

    // A club run to join, and to leave again.
    const run = page.locator('.run-list li', { hasText: RUN_ROUTE })
    await expect.poll(() => run.textContent()).toContain('Broomfield Runners')
    await run.getByRole('button', { name: /^Join / }).click()
    await expect.poll(() => run.textContent()).toContain('officers going: Patrolling Officer')
    await run.getByRole('button', { name: /^Leave / }).click()
    await expect.poll(() => run.textContent()).not.toContain('officers going')

    // "You said, we did": a concern answered with the plan, from the moderation editor.
    await page.getByRole('button', { name: 'Concerns', exact: true }).click()
    await page.getByRole('heading', { name: 'Concerns to moderate' }).waitFor()
    // Samples too: this test must not depend on another having reported a concern first.
    await page.getByLabel('Samples too').check()
    await page.locator('.concern-list .item').first().click()
    const editor = page.locator('.editor')
    const planChoice = editor.getByLabel('Answer with patrol plan')
    await expect.poll(() => planChoice.locator('option', { hasText: TITLE }).count()).toBe(1)
    await planChoice.selectOption({ label: `${TITLE} (public)` })
    await editor.getByRole('button', { name: 'Link', exact: true }).click()
    await expect.poll(() => editor.getByRole('status').last().textContent()).toBe(`Linked to “${TITLE}”. The reporter's receipt now says when it passes.`)
    await expect.poll(() => editor.getByRole('list', { name: 'Patrol plans linked to this concern' }).textContent()).toContain(TITLE)
    expect(await axeViolations(page)).toEqual([])

    expect(errors).toEqual([])
    await page.close()

    // The plan is public: the API lists it to anyone, without the officers' notes and waypoints.
    const anonymous = await apiRequest.newContext()
    const listed = await anonymous.get(new URL('api/patrols', appUrl).href)
    expect(listed.status()).toBe(200)
    const publicPlans = (await listed.json()) as { features: { properties: Record<string, unknown> }[] }
    await anonymous.dispose()
    const ours = publicPlans.features.find((f) => f.properties.title === TITLE)
    expect(ours?.properties.public).toBe(true)
    expect(ours?.properties).not.toHaveProperty('waypoints')

    // Signed out, on the public map: the plan is listed.
    const visitor = await browser.newPage({ viewport: DESKTOP })
    await visitor.goto(new URL(`?test#map=15/${BROOMFIELD.lat}/${BROOMFIELD.lng}`, appUrl).href)
    await visitor.getByRole('button', { name: 'Patrols', exact: true }).click()
    await expect.poll(() => visitor.locator('[data-testid="patrol-list"]').textContent(), { timeout: 30_000 }).toContain(TITLE)
    await visitor.close()
  })
})
