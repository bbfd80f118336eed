import { readdirSync, readFileSync } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addAppUser } from '../support/app-users.ts'
import { axeViolations, launchChromium, untilIdle } from '../support/browser.ts'
import { mapScreenshot } from '../support/map-screenshot.ts'

// A resident whose phone speaks Polish or Arabic opens the app with no language chosen: the
// page speaks theirs (Arabic right to left, the map never mirrored) on every main journey, with
// no English left among its words, and axe finds nothing wrong. The switcher's choice outlives a
// reload. And the README's phone pictures: a report in English, the route planner in Arabic.
//
// Reporting is limited per client (10 in 10 minutes): this file sends two reports, one a language.

const PHONE = { width: 390, height: 844 }
const VIEW = '#map=15/51.6140/-0.1270'
/** A loop's start, found by the place search. */
const START = 'Broomfield Park'
/** Planning a loop is the slow part of the app; the machine running the suite may be slow too. */
const PLAN_TIMEOUT = 120_000

const SCREENSHOTS = {
  report: new URL('../../docs/phone-report.png', import.meta.url),
  arabic: new URL('../../docs/phone-arabic.png', import.meta.url),
}

const appUrl = inject('appUrl')
let browser: Browser

const OFFICER = { email: 'officer.languages@example.org', password: 'a long officer password for the languages test' }

beforeAll(async () => {
  browser = await launchChromium()
  await mkdir(new URL('.', SCREENSHOTS.report), { recursive: true })
  await addAppUser(inject('appDataDir'), { ...OFFICER, name: 'Languages Officer', role: 'officer' })
})

afterAll(async () => {
  await browser?.close()
})

// ---- The catalogues: the page's words are found by what the language's catalogue says.

const MESSAGES = new URL('../../web/i18n/messages/', import.meta.url).pathname

/** One language's whole catalogue, from its parts (as web/i18n/catalogue-<locale>.ts joins them). */
function catalogue(locale: string): Record<string, string> {
  return Object.assign({}, ...readdirSync(MESSAGES).map((part) => JSON.parse(readFileSync(`${MESSAGES}${part}/${locale}.json`, 'utf8'))))
}

// ---- English left in the page.

/** Words of English's own that no translation should keep: if one shows, a sentence is English. */
const ENGLISH_WORDS = [
  'the', 'and', 'of', 'to', 'your', 'you', 'is', 'are', 'this', 'that', 'with', 'for', 'from', 'on', 'in', 'at', 'by', 'not',
  'no', 'or', 'here', 'there', 'when', 'what', 'where', 'report', 'route', 'loop', 'map', 'patrol', 'place', 'choose', 'send',
  'tap', 'use', 'set', 'please', 'try', 'again', 'find', 'near', 'next', 'will', 'can', 'has', 'been', 'back',
]

/** The product's name, which is not translated (the data's names are, see `watch`, neither). */
const PRODUCT = 'Common Ground'

/**
 * The languages checked, each with those of its own words that are spelt as English ones (Polish
 * "to" this, "by" so that, "on" he, "patrol" a patrol): there they are not taken for English.
 * ("start" is Polish too, which is why it is not in ENGLISH_WORDS.)
 */
const LANGUAGES = [
  { name: 'Polish', locale: 'pl-PL', lang: 'pl', dir: 'ltr', ownWords: ['to', 'by', 'on', 'patrol'] },
  { name: 'Arabic', locale: 'ar', lang: 'ar', dir: 'rtl', ownWords: [] },
] as const

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The English words in `text`, each with the text around it, once the names in `names` (and the
 * product's) are taken out: whole, as the page shows them (in any case: some headings are in
 * capitals). A name is only ever taken out where the whole of it stands, so an English sentence
 * around a name ("Place set: on Broomfield Park") is still found by its other words.
 */
function englishIn(text: string, names: Iterable<string>, ownWords: readonly string[] = []): string[] {
  const words = new Set(ENGLISH_WORDS.filter((w) => !ownWords.includes(w)))
  let left = text
  const longestFirst = [...new Set([...names, PRODUCT])].filter((n) => n.trim()).sort((a, b) => b.length - a.length)
  for (const name of longestFirst) {
    left = left.replace(new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escape(name)}(?![\\p{L}\\p{M}\\p{N}])`, 'giu'), ' ▯ ')
  }
  const found: string[] = []
  for (const match of left.matchAll(/[\p{L}\p{M}]+/gu)) {
    if (!words.has(match[0].toLowerCase())) continue
    const around = left.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40).replace(/\s+/g, ' ')
    found.push(`"${match[0]}" in "…${around}…"`)
  }
  return found
}

/** The keys whose values are names the data gives (of a street, open space, borough, patrol). */
const NAME_KEYS = new Set(['name', 'borough', 'title', 'team'])

function collectNames(value: unknown, names: Set<string>) {
  if (Array.isArray(value)) for (const item of value) collectNames(item, names)
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (NAME_KEYS.has(key) && typeof inner === 'string') names.add(inner)
      else collectNames(inner, names)
    }
  }
}

type Watched = { page: Page; names: () => Promise<Set<string>>; problems: string[] }

/**
 * The names the server gave this page, as the page was given them: of the places found by a
 * search (name, borough), of a point in words (its street, open space and borough: the words
 * placeText says a place with, on the report sheet, the planner and the receipt), of a closed
 * park a route's reason names, and patrols' titles and teams as officers wrote them. Only these
 * endpoints' answers are read, and only those keys: English the UI itself says is never a name.
 * Also what the page warns of a message missing from its catalogue (FormatJS would then say
 * it in English), and any uncaught error.
 */
function watch(page: Page): Watched {
  const names = new Set<string>()
  const reading: Promise<void>[] = []
  const problems: string[] = []
  page.on('response', (response) => {
    if (!/^\/api\/(places|concerns\/receipt|routes|patrols)\b/.test(new URL(response.url()).pathname)) return
    if (!response.headers()['content-type']?.includes('json')) return
    reading.push(response.json().then((body) => collectNames(body, names), () => {}))
  })
  page.on('console', (message) => {
    if (/MISSING_TRANSLATION|Missing message/i.test(message.text())) problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  return { page, names: async () => (await Promise.all(reading), names), problems }
}

/**
 * The words the page shows (as a reader sees them: document.body.innerText), without the map's
 * credits (the data's licence statements, worded as their licences word them), the receipt's
 * token and what the map draws (a canvas, which has no text).
 */
function shownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let text = document.body.innerText
    for (const element of document.querySelectorAll<HTMLElement>('.maplibregl-ctrl-attrib, .token')) {
      const own = element.innerText.trim()
      if (own) text = text.split(own).join('\n')
    }
    return text
  })
}

/** This screen shows no English (but names), and axe finds nothing wrong with it. */
async function expectSpoken(watched: Watched, language: (typeof LANGUAGES)[number], screen: string) {
  const text = await shownText(watched.page)
  const english = englishIn(text, await watched.names(), language.ownWords)
  expect(english, `English on ${screen} in ${language.name}:\n${english.join('\n')}`).toEqual([])
  expect(await axeViolations(watched.page), `axe on ${screen} in ${language.name}`).toEqual([])
  expect(watched.problems, `${screen} in ${language.name}`).toEqual([])
}

// ---- The app.

async function phoneContext(locale: string): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, locale })
}

/** The map page, once it has drawn everything. */
async function openMap(page: Page): Promise<void> {
  await page.goto(new URL(`?test${VIEW}`, appUrl).href)
  await page.waitForFunction(() => window.__map !== undefined)
  await untilIdle(page)
}

const direction = (page: Page) =>
  page.evaluate(() => {
    const map = document.querySelector<HTMLElement>('.map')
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      mapDir: map?.getAttribute('dir'),
      mapDirection: map ? getComputedStyle(map).direction : null,
    }
  })

/** Opens the route planner, starts a loop at START found by name and plans `km` km. */
async function planLoop(page: Page, m: Record<string, string>, km = '8') {
  await page.getByRole('button', { name: m['map.button.route'], exact: true }).click()
  await page.getByRole('heading', { name: m['routes.title'], exact: true }).waitFor()
  await page.getByRole('combobox', { name: m['routes.form.findStart'], exact: true }).fill(START)
  await page.getByRole('option', { name: new RegExp(`^${escape(START)}`) }).first().click()
  await page.getByTestId('trip-places').waitFor()
  await page.getByLabel(m['routes.form.distance']!, { exact: true }).fill(km)
  await page.getByRole('button', { name: m['routes.form.findLoops'], exact: true }).click()
  await page.locator('.route-list .route-item').first().waitFor({ timeout: PLAN_TIMEOUT })
  // The map fits the loops beside the sheet: the list is read once the map has settled.
  await untilIdle(page)
}

describe('the detector of English', () => {
  it('finds an English sentence, around a name or not, and takes no name for English', () => {
    const names = ['Broomfield Park', "Alderman's Hill", 'Green Lanes', 'Enfield']
    expect(englishIn("na terenie Broomfield Park, w pobliżu Alderman's Hill · Green Lanes, Enfield", names)).toEqual([])
    expect(englishIn('Common Ground: بلاغك', names)).toEqual([])
    expect(englishIn('Place set: on Broomfield Park. Tap the map to move it.', names).map((hit) => hit.split('"')[1])).toEqual([
      'Place', 'set', 'on', 'Tap', 'the', 'map', 'to',
    ])
    // Names are taken out whole: a sentence around one still shows, and so does a part of a name.
    expect(englishIn('Broomfield Park is closed', names)).toHaveLength(1)
    expect(englishIn('Lanes to the park', names)).toHaveLength(2)
    // A language's own words spelt as English ones are its own.
    expect(englishIn('To pozostaje poufne', [], ['to'])).toEqual([])
    expect(englishIn('To pozostaje poufne', [])).toHaveLength(1)
  })
})

for (const language of LANGUAGES) {
  describe(`a phone that speaks ${language.name} (${language.locale})`, () => {
    const m = catalogue(language.lang)
    let context: BrowserContext

    beforeAll(async () => {
      context = await phoneContext(language.locale)
    })

    afterAll(async () => {
      await context?.close()
    })

    it(`opens in ${language.name}, ${language.dir === 'rtl' ? 'right to left' : 'left to right'}, the map unmirrored, with the key unfolded`, async () => {
      const page = await context.newPage()
      const watched = watch(page)
      await openMap(page)
      expect(await page.evaluate(() => [navigator.languages, localStorage.getItem('common-ground.locale')])).toEqual([[language.locale], null])
      expect(await direction(page)).toEqual({ lang: language.lang, dir: language.dir, mapDir: 'ltr', mapDirection: 'ltr' })
      await page.getByRole('button', { name: m['map.button.report'], exact: true }).waitFor()
      await page.locator('.panel > summary').click()
      await expect.poll(() => page.locator('details.panel').getAttribute('open')).not.toBeNull()
      await page.getByRole('heading', { name: m['map.panel.lighting'], exact: true }).waitFor()
      await expectSpoken(watched, language, 'the map page with the key unfolded')
      await page.close()
    })

    it('reports a place from the centre of the map, then shows the receipt and its page', async () => {
      const page = await context.newPage()
      const watched = watch(page)
      await openMap(page)
      await page.getByRole('button', { name: m['map.button.report'], exact: true }).click()
      await page.getByRole('heading', { name: m['report.title'], exact: true }).waitFor()
      await page.getByRole('button', { name: m['report.place.mapCentre'], exact: true }).click()
      // The place in words, once the server has named it.
      const placeSet = page.getByTestId('place-set')
      await expect.poll(() => placeSet.textContent()).not.toMatch(new RegExp(`^(${escape(m['report.place.set']!)}|${escape(m['report.place.prompt']!)})$`))
      const nearby = page.waitForResponse((r) => r.url().includes('/api/concerns/nearby'))
      await page.locator('input[type=radio][value=poor_lighting]').check()
      await nearby
      await page.locator('input[name=timeBands][value=evening]').check()
      await untilIdle(page)
      await expectSpoken(watched, language, 'the report sheet')

      await page.getByRole('button', { name: m['report.send'], exact: true }).click()
      await page.getByRole('heading', { name: m['report.done.receipt'], exact: true }).waitFor()
      const token = (await page.locator('.token').getAttribute('data-token')) ?? ''
      expect(token.length).toBeGreaterThan(20)
      await expectSpoken(watched, language, 'the receipt after sending')

      await page.goto(new URL(`receipt/${encodeURIComponent(token)}`, appUrl).href)
      await page.getByRole('heading', { name: m['receipt.title'], exact: true, level: 1 }).waitFor()
      await page.getByTestId('receipt-status').waitFor()
      expect(await direction(page)).toMatchObject({ lang: language.lang, dir: language.dir })
      await expectSpoken(watched, language, 'the receipt page')
      await page.close()
    })

    it(`plans 8 km loops from ${START}, found by name`, async () => {
      const page = await context.newPage()
      const watched = watch(page)
      await openMap(page)
      await planLoop(page, m)
      expect(await page.locator('.route-list .route-item').count()).toBeGreaterThan(0)
      await expectSpoken(watched, language, 'the route planner with loops planned')
      if (language.lang === 'ar') {
        await mapScreenshot(page, SCREENSHOTS.arabic.pathname)
        expect((await stat(SCREENSHOTS.arabic)).size).toBeGreaterThan(50_000)
      }
      await page.close()
    })

    it('shows the public patrols, and the next one near the centre of the map', async () => {
      const page = await context.newPage()
      const watched = watch(page)
      await openMap(page)
      await page.getByRole('button', { name: m['map.button.patrols'], exact: true }).click()
      await page.getByRole('heading', { name: m['patrols.public.title'], exact: true }).waitFor()
      await expect.poll(() => page.locator('.patrol-results h3').textContent()).not.toBe(m['patrols.public.looking'])
      await page.getByRole('button', { name: m['patrols.public.nearCentre'], exact: true }).click()
      const near = page.getByTestId('patrol-near')
      await expect.poll(async () => (await near.textContent()) ?? '').not.toMatch(new RegExp(`^(${escape(m['patrols.public.nearLooking']!)})?$`))
      await untilIdle(page)
      await expectSpoken(watched, language, 'the public patrols sheet')
      await page.close()
    })
  })
}

describe('the officers’ and clubs’ pages in Arabic (right to left)', () => {
  it('speaks Arabic on the sign-in pages and has no accessibility problem there or on the moderation page', async () => {
    const m = catalogue('ar')
    const language = LANGUAGES.find((l) => l.lang === 'ar')!
    const context = await phoneContext('ar')
    for (const [path, title] of [['club', m['clubs.signIn.title']], ['officer', m['officer.signIn.title']]] as const) {
      const page = await context.newPage()
      const watched = watch(page)
      await page.goto(new URL(path, appUrl).href)
      await page.getByRole('heading', { name: title, exact: true }).waitFor()
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl')
      await expectSpoken(watched, language, `the ${path} sign-in page`)
      await page.close()
    }
    // Signed in: the concerns to moderate hold residents' own words, so only axe is asked here.
    const page = await context.newPage()
    await page.goto(new URL('officer?test', appUrl).href)
    await page.getByLabel(m['auth.email']!, { exact: true }).fill(OFFICER.email)
    await page.getByLabel(m['auth.password']!, { exact: true }).fill(OFFICER.password)
    await page.getByRole('button', { name: m['auth.signIn'], exact: true }).click()
    await page.getByRole('heading', { name: m['officer.title.concerns'], exact: true }).waitFor()
    await page.waitForFunction(() => window.__map !== undefined)
    await untilIdle(page)
    expect(await axeViolations(page), 'axe on the moderation page in Arabic').toEqual([])
    await context.close()
  })
})

describe('the language switcher', () => {
  it('remembers the language chosen over the browser’s, after a reload', async () => {
    const context = await phoneContext('pl-PL')
    const page = await context.newPage()
    await openMap(page)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pl')
    const ro = catalogue('ro')
    await page.getByLabel(catalogue('pl')['common.language']!, { exact: true }).selectOption('ro')
    await page.getByRole('button', { name: ro['map.button.report'], exact: true }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ro')
    await page.reload()
    await page.waitForFunction(() => window.__map !== undefined)
    await page.getByRole('button', { name: ro['map.button.report'], exact: true }).waitFor()
    expect(await direction(page)).toEqual({ lang: 'ro', dir: 'ltr', mapDir: 'ltr', mapDirection: 'ltr' })
    expect(await page.getByLabel(ro['common.language']!, { exact: true }).inputValue()).toBe('ro')
    await context.close()
  })
})

describe('the README’s phone pictures', () => {
  it('shows the report sheet in English with a place found by name and said in words', async () => {
    const context = await phoneContext('en-GB')
    const page = await context.newPage()
    await openMap(page)
    await page.getByRole('button', { name: 'Report a place' }).click()
    await page.getByRole('heading', { name: 'Report a place' }).waitFor()
    await page.getByRole('combobox', { name: 'Find a street or park' }).fill('aldermans hill')
    await page.getByRole('option', { name: /^Alderman'?s Hill/ }).first().click()
    await expect.poll(async () => page.getByTestId('place-set').textContent()).toMatch(/^Place set: on Alderman'?s Hill/)
    await page.getByLabel('Poor lighting').check()
    await page.locator('input[name=timeBands][value=evening]').check()
    // Checking scrolled the sheet down: back to its top, where the place is said in words.
    await page.locator('.sheet.report').evaluate((sheet) => sheet.scrollTo(0, 0))
    await untilIdle(page)
    await mapScreenshot(page, SCREENSHOTS.report.pathname)
    expect((await stat(SCREENSHOTS.report)).size).toBeGreaterThan(50_000)
    await context.close()
  })
})
