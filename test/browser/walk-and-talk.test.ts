import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addAppUser } from '../support/app-users.ts'
import { launchChromium, readQrCode, axeViolations, untilIdle } from '../support/browser.ts'

const SCREENSHOT = new URL('../../docs/walk-and-talk.png', import.meta.url)

/** Street level around Bounds Green, inside the demo borough. */
const VIEW = { zoom: 16, lat: 51.6095, lng: -0.1335 }
const PHONE = { width: 390, height: 844 }

const OFFICER = { email: 'officer.walk@example.org', password: 'a long password for the walk-and-talk test' }
const NOTES = ['Walk-and-talk note one: the underpass by the station', 'Walk-and-talk note two: a man waits by the gate']

const appUrl = inject('appUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
  await addAppUser(inject('appDataDir'), { ...OFFICER, name: 'Walking Officer', role: 'officer' })
})

afterAll(async () => {
  await browser?.close()
})

/** Taps the map `dx` pixels right of its middle. */
async function tapMap(page: Page, dx = 0) {
  const box = (await page.locator('.moderation-map').boundingBox())!
  await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2)
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')

describe('walk-and-talk capture by an officer', () => {
  it('records several concerns in a row from a phone, lists them, and keeps their notes off the public map', async () => {
    const page = await browser.newPage({ viewport: PHONE })
    const errors: string[] = []
    page.on('console', (message) => {
      // The refused place below answers 422 on purpose; the browser logs every 4xx response.
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(new URL(`officer?test#map=${VIEW.zoom}/${VIEW.lat}/${VIEW.lng}`, appUrl).href)
    await page.getByLabel('Email').fill(OFFICER.email)
    await page.getByLabel('Password').fill(OFFICER.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Concerns to moderate' }).waitFor()
    await page.waitForFunction(() => window.__map !== undefined)
    await untilIdle(page)

    // Into the mode: the heading takes the focus.
    await page.getByRole('button', { name: 'Record a walk-and-talk concern' }).click()
    await page.getByRole('heading', { name: 'Walk and talk' }).waitFor()
    expect(await focusedText(page)).toBe('Walk and talk')
    await untilIdle(page)
    expect(await axeViolations(page)).toEqual([])

    // Nothing chosen yet: the form says what is missing instead of sending.
    await page.getByRole('button', { name: 'Record this concern' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Choose the place first/)

    // No permission for the location: said in words, with the way round it.
    await page.getByRole('button', { name: 'Use my location' }).click()
    await expect
      .poll(() => page.locator('.walk .error').first().textContent(), { timeout: 20_000 })
      .toMatch(/Location was refused|could not be found|took too long/)

    // First concern: tap the map, a category, a time, notes.
    await tapMap(page, -40)
    await expect.poll(() => page.getByText(/^Place set/).isVisible()).toBe(true)
    expect(await page.locator('.maplibregl-marker').count()).toBe(1)
    await page.getByLabel('No CCTV').check()
    await page.getByLabel(/^Evening/).check()
    await page.getByLabel(/^Night/).check()
    await page.getByLabel('Notes (optional)').fill(NOTES[0]!)
    expect(await page.getByText(`${NOTES[0]!.length} of 1000 characters`).isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Record this concern' }).click()
    const confirmation = page.locator('.recorded')
    await expect.poll(() => confirmation.textContent()).toMatch(/Recorded — 1 this walk/)
    expect(await page.evaluate(() => document.activeElement?.classList.contains('recorded'))).toBe(true)
    const firstToken = (await confirmation.locator('.token').getAttribute('data-token')) ?? ''
    expect(firstToken.length).toBeGreaterThan(20)
    expect(await confirmation.getByRole('button', { name: 'Copy the follow-up link' }).isVisible()).toBe(true)
    // The resident scans the follow-up link from the officer's phone.
    const qr = confirmation.getByRole('img', { name: 'QR code of the resident’s follow-up link' })
    expect(await readQrCode(qr)).toBe(new URL(`/receipt/${firstToken}`, appUrl).href)

    // Ready for the next: no place, no category, no notes; the times are kept.
    expect(await page.getByText(/^Place set/).count()).toBe(0)
    expect(await page.locator('.maplibregl-marker').count()).toBe(0)
    expect(await page.getByLabel('No CCTV').isChecked()).toBe(false)
    expect(await page.getByLabel('Notes (optional)').inputValue()).toBe('')
    expect(await page.getByLabel(/^Evening/).isChecked()).toBe(true)

    // Second concern, another tap.
    await tapMap(page, 40)
    await expect.poll(() => page.getByText(/^Place set/).isVisible()).toBe(true)
    await page.getByLabel('Followed').check()
    await page.getByLabel('Notes (optional)').fill(NOTES[1]!)
    await page.getByRole('button', { name: 'Record this concern' }).click()
    await expect.poll(() => confirmation.textContent()).toMatch(/Recorded — 2 this walk/)
    const ids = (await page.locator('.this-walk li').allTextContents()).map((t) => Number(/#(\d+)/.exec(t)![1]))
    expect(ids).toHaveLength(2)

    await page.locator('.walk').evaluate((el) => el.scrollTo(0, 0))
    await untilIdle(page)
    await page.screenshot({ path: SCREENSHOT.pathname })

    // Outside the area: the API's 422, in words; nothing recorded.
    await page.evaluate(() => window.__map!.jumpTo({ center: [1.3, 52.6], zoom: 16 }))
    await untilIdle(page)
    await tapMap(page)
    await page.getByLabel('Other harassment').check()
    await page.getByRole('button', { name: 'Record this concern' }).click()
    await expect.poll(() => page.locator('.walk [role=alert]').textContent()).toMatch(/outside the area this map covers/)
    expect(await confirmation.textContent()).toMatch(/Recorded — 2 this walk/)

    // Back to the list: focus returns to the button; both are listed as walk-and-talk.
    await page.evaluate((v) => window.__map!.jumpTo({ center: [v.lng, v.lat], zoom: v.zoom }), VIEW)
    await page.getByRole('button', { name: 'Finish the walk' }).click()
    await expect.poll(() => focusedText(page)).toBe('Record a walk-and-talk concern')
    for (const [n, id] of ids.entries()) {
      const item = page.locator(`#concern-${id}`)
      await item.waitFor()
      expect(await item.locator('.badge', { hasText: 'walk and talk' }).isVisible()).toBe(true)
      await item.getByRole('button').first().click()
      await expect.poll(() => item.locator('.editor').textContent()).toContain('Source: walk and talk')
      expect(await item.locator('.editor').textContent()).toContain(NOTES[n])
      await item.getByRole('button').first().click()
    }

    // The area filter follows the map: away from them, they leave the list; back, they return.
    await page.getByLabel('Only concerns in the map view').check()
    await expect.poll(() => page.getByText(/^\d+ concerns? in the map view$/).isVisible()).toBe(true)
    await expect.poll(() => page.locator(`#concern-${ids[0]}`).count()).toBe(1)
    expect(await page.getByRole('link', { name: 'CSV' }).getAttribute('href')).toMatch(/format=csv.*bbox=/)
    await page.evaluate(() => window.__map!.jumpTo({ center: [-0.08, 51.66], zoom: 17 }))
    await expect.poll(() => page.locator(`#concern-${ids[0]}`).count()).toBe(0)
    expect(await page.locator(`#concern-${ids[1]}`).count()).toBe(0)
    await page.evaluate((v) => window.__map!.jumpTo({ center: [v.lng, v.lat], zoom: v.zoom }), VIEW)
    await expect.poll(() => page.locator(`#concern-${ids[1]}`).count()).toBe(1)
    expect(await axeViolations(page)).toEqual([])

    // The public side: the concerns are there (coarsened), their notes are not, nor in the receipt.
    const bbox = [VIEW.lng - 0.02, VIEW.lat - 0.02, VIEW.lng + 0.02, VIEW.lat + 0.02].join(',')
    const publicList = await page.request.get(new URL(`api/concerns?bbox=${bbox}`, appUrl).href)
    expect(publicList.status()).toBe(200)
    const publicText = await publicList.text()
    const publicIds = (JSON.parse(publicText) as { features: { properties: { id: number } }[] }).features.map((f) => f.properties.id)
    expect(publicIds).toEqual(expect.arrayContaining(ids))
    for (const note of NOTES) expect(publicText).not.toContain(note)
    expect(publicText).not.toContain('walk_and_talk')
    const receipt = await page.request.get(new URL(`api/concerns/receipt/${firstToken}`, appUrl).href)
    expect(receipt.status()).toBe(200)
    expect(await receipt.text()).not.toContain(NOTES[0])

    expect(errors).toEqual([])
    await page.close()
  })
})
