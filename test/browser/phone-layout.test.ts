import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeViolations, launchChromium, untilIdle } from '../support/browser.ts'

// A phone at 390×844: the report and route sheets cover much of the map, so whatever is being
// placed must stay visible above them, and nothing the map draws may cover a control.

const PHONE = { width: 390, height: 844 }
/** Where the phone says it is: by Broomfield Park, Southgate, in the demo area. */
const HERE = { latitude: 51.6186, longitude: -0.1181 }
const VIEW = '#map=15/51.6140/-0.1270'

const appUrl = inject('appUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

async function openPhone(hash = VIEW): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, geolocation: HERE, permissions: ['geolocation'] })
  const page = await context.newPage()
  await page.goto(new URL(`?test${hash}`, appUrl).href)
  await page.waitForFunction(() => window.__map !== undefined)
  await untilIdle(page)
  return page
}

type Box = { x: number; y: number; width: number; height: number }

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox()
  expect(found).not.toBeNull()
  return found!
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** The pin's tip (a MapLibre marker's anchor is its bottom centre) lies between the key and the sheet. */
async function expectAboveSheet(page: Page, pin: Locator) {
  await untilIdle(page)
  const sheet = await box(page.locator('.sheet'))
  const key = await box(page.locator('.panel'))
  const marker = await box(pin)
  const tip = marker.y + marker.height
  expect(tip).toBeLessThan(sheet.y)
  expect(marker.y).toBeGreaterThan(key.y + key.height)
  expect(marker.x).toBeGreaterThanOrEqual(0)
  expect(marker.x + marker.width).toBeLessThanOrEqual(PHONE.width)
}

/** Where `at` is on the screen, for comparing with the pin. */
const onScreen = (page: Page, at: { latitude: number; longitude: number }) =>
  page.evaluate(({ latitude, longitude }) => window.__map!.project([longitude, latitude]), at)

describe('on a phone (390×844)', () => {
  it('opens where streets are named, and the attribution covers no button', async () => {
    const page = await openPhone('')
    expect(await page.evaluate(() => window.__map!.getZoom())).toBeGreaterThanOrEqual(14)
    await expect
      .poll(() => page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['path-labels'] }).length))
      .toBeGreaterThan(0)
    // MapLibre shows the attribution open on a phone until the first drag: it is at its tallest.
    const attribution = await box(page.locator('.maplibregl-ctrl-attrib'))
    expect(attribution.height).toBeGreaterThan(30)
    for (const button of await page.locator('.map-button').all()) {
      expect(overlaps(await box(button), attribution), await button.textContent() ?? '').toBe(false)
    }
    // The key and the sheets are opaque: nothing of the map shows through them.
    const background = await page.locator('.panel').evaluate((element) => getComputedStyle(element).backgroundColor)
    expect(background).toMatch(/^rgb\(/)
    await page.context().close()
  })

  it('keeps the place being reported above the report sheet, from the centre of the map and from the location', async () => {
    const page = await openPhone()
    await page.getByRole('button', { name: 'Report a place' }).click()
    await page.getByRole('heading', { name: 'Report a place' }).waitFor()
    const pin = page.getByRole('img', { name: 'The place you are reporting' })

    // "The centre of the map" is the centre of what the sheet leaves free, not under the sheet.
    await page.getByRole('button', { name: 'Use the centre of the map' }).click()
    await pin.waitFor()
    await expectAboveSheet(page, pin)

    // The located point is brought into that free part of the map, and the pin is on it.
    await page.getByRole('button', { name: 'Use my location' }).click()
    await expect.poll(async () => (await page.locator('.hint').first().textContent()) ?? '').toMatch(/^Place set/)
    await expectAboveSheet(page, pin)
    const at = await onScreen(page, HERE)
    const marker = await box(pin)
    expect(Math.abs(marker.x + marker.width / 2 - at.x)).toBeLessThan(2)
    // The drawn pin's tip is a few pixels above its box's foot (the shadow under it).
    expect(Math.abs(marker.y + marker.height - at.y)).toBeLessThan(10)

    // A tap just above the sheet's edge, then the sheet grows over it: the map moves the pin back up.
    const sheet = await box(page.locator('.sheet'))
    await page.locator('.maplibregl-canvas').click({ position: { x: PHONE.width / 2, y: sheet.y - 14 } })
    await page.locator('.sheet').evaluate((element) => element.style.setProperty('min-height', '56dvh'))
    await expect.poll(async () => {
      const [now, grown] = [await box(pin), await box(page.locator('.sheet'))]
      return now.y + now.height < grown.y
    }).toBe(true)
    await page.context().close()
  })

  it('places a report by the name of a street, typed with a typo, says it in words and keeps it above the sheet', async () => {
    const page = await openPhone()
    await page.getByRole('button', { name: 'Report a place' }).click()
    await page.getByRole('heading', { name: 'Report a place' }).waitFor()
    const search = page.getByRole('combobox', { name: 'Find a street or park' })
    await search.fill('aldermens hil')
    const option = page.getByRole('option', { name: /Alderman'?s Hill/ })
    await option.waitFor()
    expect(await axeViolations(page)).toEqual([])
    // The keyboard chooses: the first option, then Enter.
    await search.press('ArrowDown')
    expect(await search.getAttribute('aria-activedescendant')).toBe(await page.locator('.place-search [role=option]').first().getAttribute('id'))
    await search.press('Enter')
    const pin = page.getByRole('img', { name: 'The place you are reporting' })
    await pin.waitFor()
    await expect.poll(async () => page.getByTestId('place-set').textContent()).toMatch(/^Place set: on Alderman'?s Hill/)
    await expectAboveSheet(page, pin)
    await page.context().close()
  })

  it('starts a loop at a park found by name and says the start in words', async () => {
    const page = await openPhone()
    await page.getByRole('button', { name: 'Plan a safer route' }).click()
    await page.getByRole('heading', { name: 'Plan a safer route' }).waitFor()
    await page.getByRole('combobox', { name: 'Find a start by name' }).fill('grovelands')
    await page.getByRole('option', { name: /^Grovelands Park/ }).click()
    const pin = page.locator('.route-marker-start')
    await pin.waitFor()
    await expect.poll(async () => page.getByTestId('trip-places').textContent()).toContain('in Grovelands Park')
    await expectAboveSheet(page, pin)
    await page.context().close()
  })

  it('keeps a located start above the route planner', async () => {
    const page = await openPhone()
    await page.getByRole('button', { name: 'Plan a safer route' }).click()
    await page.getByRole('heading', { name: 'Plan a safer route' }).waitFor()
    await page.getByRole('button', { name: 'Start from my location' }).click()
    const pin = page.locator('.route-marker-start')
    await pin.waitFor()
    await expectAboveSheet(page, pin)
    await page.context().close()
  })
})
