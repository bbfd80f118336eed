import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import jsQR from 'jsqr'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { PNG } from 'pngjs'

/**
 * What the pages of this test file reported against the app's Content-Security-Policy (the
 * browser says so in the console); browser-setup.ts fails the file unless it stays empty.
 */
export const cspViolations: string[] = []

function watchCsp(page: Page) {
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`)
  })
}

/**
 * Debian's chromium, headless, with WebGL through SwiftShader and no calls home. Every page it
 * opens, by newPage or in a context, is watched for CSP violations.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
    ],
  })
  const newPage = browser.newPage.bind(browser)
  browser.newPage = async (options) => {
    const page = await newPage(options)
    watchCsp(page)
    return page
  }
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    const context = await newContext(options)
    context.on('page', watchCsp)
    return context
  }
  return browser
}

/** Resolves when the map has loaded every tile it needs and finished drawing and placing labels. */
export async function untilIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__map!
        map.once('idle', () => resolve())
        map.triggerRepaint()
      }),
  )
}

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url))
type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/** axe-core's violations on the page, of any impact, WCAG 2.2 target size included (the map canvas itself is not HTML to check). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, not added as a <script>: the app's CSP refuses
  // inline scripts, as it should.
  await page.evaluate(await readFile(AXE, 'utf8'))
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe
    // WCAG 2.2's target size (24 px) is off in axe by default: on, every control is checked for it.
    const result = await axe.run({ exclude: [['.maplibregl-canvas']] }, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } })
    return result.violations
  })
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** What a QR code on the page says: a screenshot of `locator` decoded by jsQR, as a phone's camera would; null if unreadable. */
export async function readQrCode(locator: Locator): Promise<string | null> {
  const png = PNG.sync.read(await locator.screenshot())
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length)
  return jsQR(pixels, png.width, png.height)?.data ?? null
}
