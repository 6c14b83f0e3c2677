/** Debian's Chromium, driven by Playwright as the e2e tests drive it; never a downloaded browser. */
import { chromium, type Browser, type Page } from '@playwright/test'
import { existsSync } from 'node:fs'

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH'] || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
  return chromium.launch({
    headless: true,
    ...(executablePath ? { executablePath } : { channel: 'chrome' }),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
}

/**
 * A page for benchmarks. tsx (esbuild) wraps named functions in __name(...) calls; functions
 * handed to page.evaluate carry those calls into the page, so the page gets a harmless __name.
 */
export async function newBenchPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.addInitScript('globalThis.__name = (f) => f')
  return page
}

/** The renderer's JS heap after a full garbage collection, in MB (10^6 bytes). */
export async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 1e6
}

/** The same reference as the Node one (sort 200,000 numbers), measured in the page. */
export async function browserCpuReferenceMs(page: Page): Promise<number> {
  return page.evaluate(() => {
    let a = 1
    const rand = () => {
      a = (a + 0x6d2b79f5) >>> 0
      let t = a
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
    const data = Array.from({ length: 200_000 }, rand)
    const runs: number[] = []
    for (let i = 0; i < 7; i++) {
      const copy = data.slice()
      const t0 = performance.now()
      copy.sort((x, y) => x - y)
      runs.push(performance.now() - t0)
    }
    const measured = runs.slice(1).sort((x, y) => x - y)
    return measured[Math.ceil(measured.length / 2) - 1]!
  })
}
