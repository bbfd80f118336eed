import { request as apiRequest, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addAppUser } from '../support/app-users.ts'
import { axeViolations, launchChromium, untilIdle } from '../support/browser.ts'

// A phone in a park with no signal: the app opens from the service worker's cache, a report is
// kept on the phone (IndexedDB) through a reload, and is sent once — exactly one concern — when
// the connection returns, with its receipt shown.

const PHONE = { width: 390, height: 844 }
const VIEW = '#map=16/51.6186/-0.1181'
const OFFICER = { email: 'officer.offline@example.org', password: 'a long officer password for the offline test' }

const appUrl = inject('appUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
  await addAppUser(inject('appDataDir'), { ...OFFICER, name: 'Offline Officer', role: 'officer' })
})

afterAll(async () => {
  await browser?.close()
})

/** Officers' view of every concern with these words: how many reached the server. */
async function concernsWith(words: string): Promise<number> {
  const officer = await apiRequest.newContext({ baseURL: appUrl, extraHTTPHeaders: { origin: new URL(appUrl).origin } })
  await officer.post('api/auth/login', { data: OFFICER })
  const list = (await (await officer.get('api/officer/concerns')).json()) as { features: { properties: { description: string | null } }[] }
  await officer.dispose()
  return list.features.filter((f) => f.properties.description === words).length
}

/** The map page under the service worker's control, its tiles fetched through it (so cached). */
async function openControlled(context: BrowserContext): Promise<Page> {
  const page = await context.newPage()
  await page.goto(new URL(`?test${VIEW}`, appUrl).href)
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready
    return navigator.serviceWorker.controller !== null
  })
  // The first load's tiles came before the worker: load again, through it.
  await page.reload()
  await page.waitForFunction(() => window.__map !== undefined)
  await untilIdle(page)
  return page
}

const renderedPaths = (page: Page) => page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['roads', 'footways'] }).length)

describe('offline, on a phone', () => {
  it('keeps a report made offline through a reload and sends it once when the connection returns', async () => {
    const context = await browser.newContext({ viewport: PHONE })
    const page = await openControlled(context)
    const words = `Offline report ${Date.now()}`

    await context.setOffline(true)
    await page.getByRole('button', { name: 'Report a place' }).click()
    await page.getByRole('button', { name: 'Use the centre of the map' }).click()
    await page.getByLabel('Poor lighting').check()
    await page.getByLabel(/^Night/).check()
    await page.getByLabel('Anything else? (optional)').fill(words)
    await page.getByRole('button', { name: 'Send report' }).click()
    await page.getByRole('heading', { name: 'Saved on this phone' }).waitFor()
    expect(await axeViolations(page)).toEqual([])

    // Reloaded with no connection: the shell and the map come from the cache, and the report still waits.
    await page.reload()
    await page.waitForFunction(() => window.__map !== undefined)
    await untilIdle(page)
    expect(await renderedPaths(page)).toBeGreaterThan(0)
    await page.getByText('One report is waiting on this phone.', { exact: false }).waitFor()
    expect(await concernsWith(words)).toBe(0)

    // Back online: sent by itself, once, and its receipt shown.
    await context.setOffline(false)
    await page.getByRole('heading', { name: 'Your report made offline has been sent' }).waitFor({ timeout: 20_000 })
    const token = await page.locator('[data-token]').getAttribute('data-token')
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(await concernsWith(words)).toBe(1)
    expect(await axeViolations(page)).toEqual([])

    // The receipt stays until it is put away, and a reload does not send the report again.
    await page.reload()
    await page.getByRole('heading', { name: 'Your report made offline has been sent' }).waitFor()
    await page.getByRole('button', { name: 'I have kept the receipt' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Your report made offline has been sent' }).count()).toBe(0)
    expect(await concernsWith(words)).toBe(1)
    const receipt = await (await fetch(new URL(`/api/concerns/receipt/${token}`, appUrl))).json()
    expect(receipt).toMatchObject({ category: 'poor_lighting', status: expect.any(String) })

    // What the cache holds, for the note: the shell and the map as seen.
    const usage = await page.evaluate(async () => {
      const names = await caches.keys()
      const counts = await Promise.all(names.map(async (name) => [name, (await (await caches.open(name)).keys()).length] as const))
      return { counts: Object.fromEntries(counts), bytes: (await navigator.storage.estimate()).usage }
    })
    console.log('offline cache:', JSON.stringify(usage))
    await context.close()
  })
})
