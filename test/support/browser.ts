import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's chromium, headless, with WebGL through SwiftShader and no calls home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
    ],
  })
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
