import type { Page } from 'playwright-core'

/**
 * A screenshot of the page with the map as MapLibre last drew it. Under a sheet that scrolls,
 * headless Chromium with SwiftShader can show a stale or blank map canvas in screenshots (the
 * canvas itself is drawn right: read back, it has every layer). So for the picture, a copy of
 * the canvas's pixels is laid over it, then taken away.
 */
export async function mapScreenshot(page: Page, path: string): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__map!
        map.once('render', () => {
          const canvas = map.getCanvas()
          const copy = document.createElement('img')
          copy.className = 'screenshot-canvas-copy'
          copy.src = canvas.toDataURL('image/png')
          Object.assign(copy.style, { position: 'absolute', left: '0', top: '0', width: canvas.style.width, height: canvas.style.height, pointerEvents: 'none' })
          copy.onload = () => resolve()
          canvas.after(copy)
        })
        map.triggerRepaint()
      }),
  )
  await page.screenshot({ path })
  await page.evaluate(() => document.querySelectorAll('.screenshot-canvas-copy').forEach((copy) => copy.remove()))
}
