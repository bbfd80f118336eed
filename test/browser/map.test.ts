import { mkdir, stat } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium, untilIdle } from '../support/browser.ts'

const SCREENSHOT = new URL('../../docs/screenshot.png', import.meta.url)

/** Street level in the demo area, around Bounds Green, where several paths are mapped as unlit. */
const BOUNDS_GREEN = { zoom: 16, lat: 51.6095, lng: -0.1335 }
/** The README's view: the same streets, a little further out. */
const README_VIEW = { zoom: 14.6, lat: 51.6095, lng: -0.1335 }

const appUrl = inject('appUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

type OpenedMap = { page: Page; errors: string[]; requests: string[] }
type View = { zoom: number; lat: number; lng: number }
type OpenOptions = { viewport?: { width: number; height: number }; view?: View }

/**
 * A fresh page on the map, once it has drawn everything: on the opening view, or on `view` given
 * the way a shared link does (#map=zoom/lat/lng). `?test` exposes the map as `window.__map`.
 */
async function openMap({ viewport = { width: 1280, height: 800 }, view }: OpenOptions = {}): Promise<OpenedMap> {
  const page = await browser.newPage({ viewport })
  const errors: string[] = []
  const requests: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('request', (request) => requests.push(request.url()))
  const hash = view ? `#map=${view.zoom}/${view.lat}/${view.lng}` : ''
  await page.goto(new URL(`?test${hash}`, appUrl).href)
  await page.waitForFunction(() => window.__map !== undefined)
  await untilIdle(page)
  return { page, errors, requests }
}

/** How many rendered features come from a source layer of our tiles. */
function countRendered(page: Page, sourceLayer: string): Promise<number> {
  return page.evaluate(
    (name) => window.__map!.queryRenderedFeatures().filter((feature) => feature.sourceLayer === name).length,
    sourceLayer,
  )
}

async function zoomTo(page: Page, zoom: number): Promise<void> {
  await page.evaluate((z) => window.__map!.jumpTo({ zoom: z }), zoom)
  await untilIdle(page)
}

async function zoomOf(page: Page): Promise<number> {
  return page.evaluate(() => window.__map!.getZoom())
}

describe('the map', () => {
  it('opens on the bounds of the imported path network', async () => {
    const response = await fetch(new URL('api/map', appUrl))
    const { bounds } = (await response.json()) as { bounds: [number, number, number, number] }
    const { page } = await openMap()
    const center = await page.evaluate(() => window.__map!.getCenter().toArray())
    expect(center[0]).toBeGreaterThan(bounds[0])
    expect(center[0]).toBeLessThan(bounds[2])
    expect(center[1]).toBeGreaterThan(bounds[1])
    expect(center[1]).toBeLessThan(bounds[3])
    await page.close()
  })

  it('opens where a shared link points', async () => {
    const { page } = await openMap({ view: BOUNDS_GREEN })
    expect(await zoomOf(page)).toBeCloseTo(BOUNDS_GREEN.zoom, 5)
    await page.close()
  })

  it('draws the path network from our vector tiles', async () => {
    const { page } = await openMap({ view: BOUNDS_GREEN })
    expect(await countRendered(page, 'paths')).toBeGreaterThan(50)
    await page.close()
  })

  it('draws open spaces from our vector tiles', async () => {
    const { page } = await openMap({ view: README_VIEW })
    expect(await countRendered(page, 'open_spaces')).toBeGreaterThan(0)
    await page.close()
  })

  it('labels parks by name with fonts drawn in the browser', async () => {
    const { page } = await openMap({ view: README_VIEW })
    const names = await page.evaluate(() =>
      window.__map!.queryRenderedFeatures({ layers: ['open-space-labels'] }).map((f) => String(f.properties.name)),
    )
    expect(names.length).toBeGreaterThan(0)
    await page.close()
  })

  it('fetches nothing from outside the app: no fonts, tiles or styles from the web', async () => {
    const { page, requests } = await openMap()
    const origin = new URL(appUrl).origin
    const foreign = requests.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url))
    expect(foreign).toEqual([])
    await page.close()
  })

  it('hides recorded crime until it is asked for', async () => {
    const { page } = await openMap({ view: BOUNDS_GREEN })
    expect(await page.getByLabel('Recorded crime (police.uk)').isChecked()).toBe(false)
    expect(await countRendered(page, 'crimes')).toBe(0)
    await page.close()
  })

  it('shows recorded crime at street zoom when the crime toggle is checked', async () => {
    const { page } = await openMap({ view: BOUNDS_GREEN })
    await page.getByLabel('Recorded crime (police.uk)').check()
    await untilIdle(page)
    expect(await countRendered(page, 'crimes')).toBeGreaterThan(0)
    await expect.poll(() => page.getByText('Violence, robbery and weapons').isVisible()).toBe(true)
    await page.close()
  })

  it('explains unlit, unrecorded and lit paths in the legend', async () => {
    const { page } = await openMap({ view: BOUNDS_GREEN })
    for (const label of ['Unlit path', 'Lighting not recorded', 'Lit path']) {
      expect(await page.getByText(label, { exact: true }).isVisible()).toBe(true)
    }
    await page.close()
  })

  it('credits OpenStreetMap, the Open Government Licence and Ordnance Survey', async () => {
    const { page } = await openMap({ view: BOUNDS_GREEN })
    const credits = await page.locator('.maplibregl-ctrl-attrib-inner').textContent()
    expect(credits).toContain('© OpenStreetMap contributors')
    expect(credits).toContain('Contains public sector information licensed under the Open Government Licence v3.0')
    expect(credits).toContain('Contains OS data © Crown copyright and database right')
    await page.close()
  })

  it('shows recorded crime on a phone once the folded panel is opened', async () => {
    const { page } = await openMap({ viewport: { width: 390, height: 844 }, view: BOUNDS_GREEN })
    await page.locator('.panel > summary').click()
    await page.getByLabel('Recorded crime (police.uk)').check()
    await untilIdle(page)
    expect(await countRendered(page, 'crimes')).toBeGreaterThan(0)
    await page.close()
  })

  it('loads on a phone without console errors', async () => {
    const { page, errors } = await openMap({ viewport: { width: 390, height: 844 } })
    await zoomTo(page, 16)
    expect(errors).toEqual([])
    await page.close()
  })

  it('loads on a desktop without console errors', async () => {
    const { page, errors } = await openMap()
    await zoomTo(page, 16)
    expect(errors).toEqual([])
    await page.close()
  })

  it('speaks the language chosen in the folded panel, and mirrors the panels in Arabic but never the map', async () => {
    const { page, errors } = await openMap({ viewport: { width: 390, height: 844 }, view: BOUNDS_GREEN })
    await page.getByLabel('Language').selectOption('pl')
    await page.getByRole('button', { name: 'Zgłoś miejsce' }).waitFor()
    // The map is made anew in the language, MapLibre's own controls included.
    await untilIdle(page)
    expect(await page.getByRole('button', { name: 'Przybliż', exact: true }).count()).toBe(1)

    await page.getByLabel('Język').selectOption('ar')
    await page.getByRole('button', { name: 'أبلغ عن مكان' }).waitFor()
    await untilIdle(page)
    expect(await page.evaluate(() => [document.documentElement.dir, document.querySelector('.map')?.getAttribute('dir')])).toEqual(['rtl', 'ltr'])
    // The panel stands at the right, and the zoom buttons at the left, clear of it.
    const panel = (await page.locator('.panel').boundingBox())!
    const zoomIn = (await page.getByRole('button', { name: 'تكبير', exact: true }).boundingBox())!
    expect(zoomIn.x + zoomIn.width).toBeLessThan(panel.x)
    expect(errors).toEqual([])
    await page.close()
  })

  it('renders the demo area for the README screenshot', async () => {
    const { page } = await openMap({ view: README_VIEW })
    await mkdir(new URL('.', SCREENSHOT), { recursive: true })
    await page.screenshot({ path: SCREENSHOT.pathname })
    expect((await stat(SCREENSHOT)).size).toBeGreaterThan(50_000)
    await page.close()
  })
})
