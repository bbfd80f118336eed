import { mkdir, stat } from 'node:fs/promises'
import { request as apiRequest, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addAppUser } from '../support/app-users.ts'
import { launchChromium, readQrCode, axeViolations, untilIdle } from '../support/browser.ts'

const SCREENSHOTS = {
  form: new URL('../../docs/screenshot-report.png', import.meta.url),
  receipt: new URL('../../docs/screenshot-receipt.png', import.meta.url),
  moderation: new URL('../../docs/screenshot-moderation.png', import.meta.url),
  map: new URL('../../docs/screenshot-concerns.png', import.meta.url),
}

/** Street level around Bounds Green, inside the demo borough. */
const VIEW = { zoom: 16, lat: 51.6095, lng: -0.1335 }
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }

const OFFICER = { email: 'officer.browser@example.org', password: 'a long officer password for the browser test' }
const RESPONSE = 'We have asked the council to repair the two street lights by the footpath.'

const appUrl = inject('appUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
  await addAppUser(inject('appDataDir'), { ...OFFICER, name: 'Browser Officer', role: 'officer' })
})

afterAll(async () => {
  await browser?.close()
})

type Opened = { page: Page; errors: string[] }

async function open(path: string, viewport = PHONE): Promise<Opened> {
  const page = await browser.newPage({ viewport })
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(new URL(path, appUrl).href)
  return { page, errors }
}

async function openMap(viewport = PHONE): Promise<Opened> {
  const opened = await open(`?test#map=${VIEW.zoom}/${VIEW.lat}/${VIEW.lng}`, viewport)
  await opened.page.waitForFunction(() => window.__map !== undefined)
  await untilIdle(opened.page)
  return opened
}

async function renderedConcerns(page: Page): Promise<number> {
  return page.evaluate(
    () => window.__map!.queryRenderedFeatures({ layers: ['concern-clusters', 'concern-points'] }).length,
  )
}

describe('residents’ concerns, end to end', () => {
  let token = ''

  it('has no accessibility problems on the map page, on a phone and a wide screen (axe, any impact)', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const { page } = await openMap(viewport)
      expect(await axeViolations(page)).toEqual([])
      // One h1; the keyboard reaches the skip link, then the report.
      expect(await page.locator('h1').count()).toBe(1)
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the content')
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Report a place')
      await page.close()
    }
  })

  it('lets a resident report by keyboard alone, without the map: the place by name, focus moved at each step', async () => {
    const { page } = await openMap()
    const focused = () => page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null
      return { tag: element?.tagName ?? '', text: element?.textContent?.trim() ?? '', label: element?.getAttribute('aria-label') ?? (element as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim() ?? '' }
    })
    /** Tabs forward until the focused element matches, at most 40 stops. */
    const tabTo = async (matches: (f: Awaited<ReturnType<typeof focused>>) => boolean) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab')
        if (matches(await focused())) return
      }
      throw new Error(`not reached by Tab; last focus ${JSON.stringify(await focused())}`)
    }
    await tabTo((f) => f.text === 'Report a place')
    await page.keyboard.press('Enter')
    // The sheet's heading takes the focus, so a screen reader says where the keyboard now is.
    await expect.poll(focused).toMatchObject({ tag: 'H2', text: 'Report a place' })
    await tabTo((f) => f.label === 'Find a street or park')
    await page.keyboard.type('broomfield park')
    await page.getByRole('option', { name: /^Broomfield Park/ }).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('place-set').textContent()).toMatch(/^Place set: in Broomfield Park/)
    await tabTo((f) => f.label === 'Poor lighting')
    await page.keyboard.press('Space')
    await tabTo((f) => f.label.startsWith('Night'))
    await page.keyboard.press('Space')
    await tabTo((f) => f.text === 'Send report')
    await page.keyboard.press('Enter')
    await expect.poll(focused, { timeout: 15_000 }).toMatchObject({ tag: 'H2', text: 'Thank you: your report is in' })
    expect(await axeViolations(page)).toEqual([])
    await page.close()
  })

  it('lets a resident report a place on a phone and gives a receipt', async () => {
    const { page, errors } = await openMap()
    await page.getByRole('button', { name: 'Report a place' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Report a place' }).isVisible()).toBe(true)
    expect(await axeViolations(page)).toEqual([])

    // Tap the map above the sheet: the marker goes there.
    await page.mouse.click(PHONE.width / 2, 250)
    await expect.poll(() => page.getByText(/^Place set/).isVisible()).toBe(true)
    expect(await page.locator('.maplibregl-marker').count()).toBe(1)

    await page.getByLabel('Poor lighting').check()
    await page.getByLabel(/^Evening/).check()
    await page.getByLabel(/^Night/).check()
    await page.getByLabel('Weekdays').check()
    const text = page.getByLabel('Anything else? (optional)')
    await text.fill('The lights by the footpath have been out for weeks.')
    expect(await page.getByText('51 of 1000 characters').isVisible()).toBe(true)
    await mkdir(new URL('.', SCREENSHOTS.form), { recursive: true })
    await untilIdle(page)
    await page.screenshot({ path: SCREENSHOTS.form.pathname })

    await page.getByRole('button', { name: 'Send report' }).click()
    await page.getByRole('heading', { name: 'Thank you: your report is in' }).waitFor()
    token = (await page.locator('.token').getAttribute('data-token')) ?? ''
    expect(token.length).toBeGreaterThan(20)
    expect(await page.getByRole('button', { name: 'Copy the link' }).isVisible()).toBe(true)
    expect(await page.getByRole('link', { name: 'Follow this report' }).getAttribute('href')).toBe(`/receipt/${token}`)
    // The link as a QR code, big enough to scan from another phone, that reads as the link itself.
    const qr = page.getByRole('img', { name: 'QR code of your receipt link' })
    expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(160)
    expect(await readQrCode(qr)).toBe(new URL(`/receipt/${token}`, appUrl).href)
    expect(await axeViolations(page)).toEqual([])
    await untilIdle(page)
    await page.screenshot({ path: SCREENSHOTS.receipt.pathname })
    expect(errors).toEqual([])
    await page.close()
  })

  it('says how long to wait when reports are limited, then offers to save or share the receipt', async () => {
    const browserContext = await browser.newContext({ viewport: PHONE })
    // A phone that can share: navigator.share records what it was given; the first time, the
    // resident closes the share sheet.
    await browserContext.addInitScript(() => {
      const shared: ShareData[] = []
      Object.assign(window, { shared })
      navigator.share = async (data) => {
        shared.push(data!)
        if (shared.length === 1) throw new DOMException('Share cancelled', 'AbortError')
      }
    })
    const page = await browserContext.newPage()
    const errors: string[] = []
    page.on('console', (message) => {
      // The 429 below is on purpose; the browser logs every 4xx response.
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(new URL(`?test#map=${VIEW.zoom}/${VIEW.lat}/${VIEW.lng}`, appUrl).href)
    await page.waitForFunction(() => window.__map !== undefined)
    await untilIdle(page)
    await page.route('**/api/concerns', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 429,
            headers: { 'Retry-After': '227' },
            json: { error: { code: 'rate_limited', message: 'Too many from this connection: try again in 4 min' } },
          })
        : route.continue(),
    )
    await page.getByRole('button', { name: 'Report a place' }).click()
    await page.getByRole('heading', { name: 'Report a place' }).waitFor()
    await page.mouse.click(PHONE.width / 2, 250)
    await page.getByText(/^Place set/).waitFor()
    await page.getByLabel('No CCTV').check()
    await page.getByLabel(/^Night/).check()
    await page.getByRole('button', { name: 'Send report' }).click()
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Too many reports from here just now. Please try again in 4 minutes.')

    // The wait is over: the report goes in, and the receipt's link can be saved or shared.
    await page.unroute('**/api/concerns')
    await page.getByRole('button', { name: 'Send report' }).click()
    await page.getByRole('heading', { name: 'Thank you: your report is in' }).waitFor()
    const link = new URL(`/receipt/${await page.locator('.token').getAttribute('data-token')}`, appUrl).href
    expect(await page.getByRole('button', { name: 'Copy the link' }).count()).toBe(0)
    const save = page.getByRole('button', { name: 'Save or share the link' })
    await save.click()
    await expect.poll(() => page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared.length)).toBe(1)
    // Closing the share sheet is not a failure: nothing is said, and the button stays.
    expect(await page.getByRole('alert').count()).toBe(0)
    await save.click()
    const shared = await page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared)
    expect(shared).toEqual([expect.objectContaining({ url: link }), expect.objectContaining({ url: link })])
    expect(shared[1]!.title).toMatch(/receipt/)
    expect(errors).toEqual([])
    await browserContext.close()
  })

  it('makes one report of a send whose answer was lost, and still shows the receipt', async () => {
    const { page, errors } = await openMap()
    const sent: { key: string | undefined }[] = []
    await page.route('**/api/concerns', async (route) => {
      if (route.request().method() !== 'POST') return route.continue()
      sent.push({ key: route.request().headers()['idempotency-key'] })
      // The report reaches the server and is written; the first answer never reaches the phone.
      const response = await route.fetch()
      return sent.length === 1 ? route.abort('connectionreset') : route.fulfill({ response })
    })
    await page.getByRole('button', { name: 'Report a place' }).click()
    await page.getByRole('heading', { name: 'Report a place' }).waitFor()
    await page.mouse.click(PHONE.width / 2, 250)
    await page.getByText(/^Place set/).waitFor()
    await page.getByLabel('Empty buildings or isolated place').check()
    await page.getByLabel(/^Night/).check()
    const words = `Lost answer test ${Date.now()}`
    await page.getByLabel('Anything else? (optional)').fill(words)
    await page.getByRole('button', { name: 'Send report' }).click()
    await page.getByRole('heading', { name: 'Thank you: your report is in' }).waitFor()
    // Sent again by itself, with the same key: the server answered with the first report.
    expect(sent.length).toBe(2)
    expect(sent[0]!.key).toMatch(/^[A-Za-z0-9_-]{16,}$/)
    expect(sent[1]!.key).toBe(sent[0]!.key)
    const officer = await apiRequest.newContext({ baseURL: appUrl, extraHTTPHeaders: { origin: new URL(appUrl).origin } })
    await officer.post('api/auth/login', { data: OFFICER })
    const list = (await (await officer.get('api/officer/concerns')).json()) as { features: { properties: { description: string | null } }[] }
    expect(list.features.filter((f) => f.properties.description === words)).toHaveLength(1)
    await officer.dispose()
    // The aborted answer shows in the console as a failed request, nothing else does.
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([])
    await page.close()
  })

  it('lets an officer sign in and respond', async () => {
    expect(token).not.toBe('')
    const { page } = await open('officer', DESKTOP)
    await page.getByLabel('Email').fill(OFFICER.email)
    await page.getByLabel('Password').fill(OFFICER.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Concerns to moderate' }).waitFor()

    const item = page.locator('.concern-list .item', { hasText: 'Poor lighting' }).first()
    await item.click()
    const editor = page.locator('.editor')
    await expect.poll(() => editor.getByText('The lights by the footpath have been out for weeks.').isVisible()).toBe(true)
    await editor.getByLabel('Status').selectOption('action_planned')
    await editor.getByLabel('Public response').fill(RESPONSE)
    await editor.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => editor.getByText('Saved.').isVisible()).toBe(true)
    expect(await page.getByRole('link', { name: 'CSV' }).getAttribute('href')).toContain('format=csv')
    await page.screenshot({ path: SCREENSHOTS.moderation.pathname })
    await page.close()
  })

  it('shows the response on the receipt page', async () => {
    const { page } = await open(`receipt/${token}`)
    await page.getByText(RESPONSE).waitFor()
    expect(await page.getByTestId('receipt-status').textContent()).toBe('Action planned')
    expect(await axeViolations(page)).toEqual([])
    await page.close()
  })

  it('shows the concern on the public map, with its card and without the private text', async () => {
    const { page, errors } = await openMap(DESKTOP)
    await expect.poll(async () => {
      await untilIdle(page)
      return renderedConcerns(page)
    }).toBeGreaterThan(0)

    // Zoomed out, it is part of a cluster (or alone): either way it is drawn.
    await page.evaluate(() => window.__map!.jumpTo({ zoom: 12 }))
    await expect.poll(async () => {
      await untilIdle(page)
      return renderedConcerns(page)
    }).toBeGreaterThan(0)

    // Back at street level, a click on the point opens its card. Other tests' concerns may share
    // its 100 m cell (and so its point): the card then lists every one of them.
    await page.evaluate((v) => window.__map!.jumpTo({ zoom: 17, center: [v.lng, v.lat] }), VIEW)
    await expect.poll(async () => {
      await untilIdle(page)
      return page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['concern-points'] }).length)
    }).toBeGreaterThan(0)
    // The resident's concern (the one the officer answered, so other tests' concerns can't be
    // taken for it), brought to the middle of the map, clear of the buttons at its edges.
    const centre = await page.evaluate(() => {
      const mine = window.__map!
        .queryRenderedFeatures({ layers: ['concern-points'] })
        .find((f) => f.properties.category === 'poor_lighting' && f.properties.status === 'action_planned')!
      return (mine.geometry as GeoJSON.Point).coordinates as [number, number]
    })
    // Another resident reports a different worry in the same cell: both share the point.
    const second = await page.evaluate(async ([lng, lat]) => {
      const when = { timeBands: ['evening'], days: 'any' }
      const body = JSON.stringify({ location: { lng, lat }, category: 'no_cctv', when })
      return (await fetch('/api/concerns', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status
    }, centre)
    expect(second).toBe(201)
    await page.evaluate((c) => window.__map!.jumpTo({ center: c }), centre)
    const at = await page.evaluate((c) => window.__map!.project(c), centre)
    const drawnHere = () =>
      page.evaluate(
        (p) => new Set(window.__map!.queryRenderedFeatures([p.x, p.y], { layers: ['concern-points'] }).map((f) => f.properties.id)).size,
        at,
      )
    await expect.poll(async () => (await untilIdle(page), drawnHere())).toBeGreaterThanOrEqual(2)
    const sharing = await drawnHere()
    await page.locator('.maplibregl-canvas').click({ position: at })
    const card = page.locator('.sheet.card')
    await card.getByText(RESPONSE).waitFor()
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toBe(`${sharing} concerns reported here`)
    expect(await card.getByRole('listitem').count()).toBe(sharing)
    expect(await card.getByText('Action planned').first().isVisible()).toBe(true)
    expect(await card.getByRole('heading', { name: 'No CCTV' }).count()).toBeGreaterThanOrEqual(1)
    await card.getByRole('button', { name: 'Close' }).click()

    // Without a pointer: the panel lists what the map shows, and opens the same card.
    await page.getByText(/^List what is in view/).click()
    await page.locator('.in-view').getByRole('button', { name: /^Poor lighting, .*\d{4}$/ }).first().press('Enter')
    await card.waitFor()
    await card.getByRole('button', { name: 'Close' }).click()
    expect(await page.content()).not.toContain('out for weeks')

    await page.getByLabel('Show as a heat map').check()
    await untilIdle(page)
    expect(await page.evaluate(() => window.__map!.getLayoutProperty('concern-heat', 'visibility'))).toBe('visible')
    await page.getByLabel('Show as a heat map').uncheck()
    await page.evaluate((v) => window.__map!.jumpTo({ zoom: 15, center: [v.lng, v.lat] }), VIEW)
    await untilIdle(page)
    await page.screenshot({ path: SCREENSHOTS.map.pathname })
    expect((await stat(SCREENSHOTS.map)).size).toBeGreaterThan(50_000)
    expect(errors).toEqual([])
    await page.close()
  })

  it('asks before hiding or merging, and lets the officer undo either', async () => {
    const { page } = await open('officer', DESKTOP)
    await page.getByLabel('Email').fill(OFFICER.email)
    await page.getByLabel('Password').fill(OFFICER.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Concerns to moderate' }).waitFor()
    const rows = page.locator('.concern-list > li')
    // Each row says when it was reported, on the London clock.
    expect(await rows.first().textContent()).toMatch(/reported \w{3} \d{1,2} \w{3}, \d\d:\d\d/)
    const ids = await page.locator('.concern-list .item strong').allTextContents()
    const [first, second] = ids.map((text) => Number(/#(\d+)/.exec(text)![1]))
    const row = rows.filter({ hasText: `#${second} ` })
    await row.locator('.item').click()
    const editor = row.locator('.editor')

    // Hide: asked first; "keep it shown" changes nothing.
    await editor.getByRole('button', { name: 'Hide', exact: true }).click()
    await editor.getByText(`Hide #${second} from the public map?`).waitFor()
    await editor.getByRole('button', { name: 'Keep it shown' }).click()
    expect(await editor.getByRole('button', { name: 'Hide', exact: true }).isVisible()).toBe(true)
    await editor.getByRole('button', { name: 'Hide', exact: true }).click()
    await editor.getByRole('button', { name: 'Hide it' }).click()
    // Hidden, it leaves the list; the bar above the list says so and can undo it.
    const bar = page.locator('.undo-bar')
    await expect.poll(() => bar.textContent()).toBe(`#${second} hidden. Undo`)
    await expect.poll(() => row.count()).toBe(0)
    await bar.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => bar.textContent()).toBe(`#${second} shown again. `)
    await expect.poll(() => row.count()).toBe(1)

    // Back in the list, it is still the open one. Merge: asked first, with what it means; with
    // hidden ones listed, its row says where it went.
    await editor.waitFor()
    await editor.getByLabel('Merge into concern #').fill(String(first))
    await editor.getByRole('button', { name: 'Merge', exact: true }).click()
    await editor.getByText(`Merge #${second} into #${first}?`).waitFor()
    expect(await axeViolations(page)).toEqual([])
    await editor.getByRole('button', { name: 'Merge them' }).click()
    await expect.poll(() => bar.textContent()).toBe(`#${second} merged into #${first}. Undo the merge`)
    await page.getByLabel('Hidden too').check()
    await expect.poll(() => row.locator('.badge').allTextContents()).toContain(`merged into #${first}`)
    expect(await row.locator('.badge', { hasText: /^hidden$/ }).count()).toBe(0)
    await bar.getByRole('button', { name: 'Undo the merge' }).click()
    await expect.poll(() => bar.textContent()).toBe(`#${second} separated from #${first} again. `)
    await expect.poll(() => row.locator('.badge', { hasText: 'merged' }).count()).toBe(0)
    await page.close()
  })
})
