/**
 * The briefing part of the browser benchmark: opens the built-in briefing, times how long until
 * every chapter's runs are ready, then how long each chapter switch takes from the key press to
 * the next painted frame (twice over every chapter), and the page's JavaScript heap once every
 * chapter is ready (after a garbage collection, through the DevTools protocol).
 */
import type { BrowserContext, Page } from 'playwright-core'

/** What the briefing benchmark found. */
export interface BriefingBench {
  readonly readyMs: number
  /** Per switch: ms until the chapter is in the page (`domMs`) and until its first frame painted. */
  readonly switchMs: readonly {
    readonly chapter: number
    readonly domMs: number
    readonly ms: number
  }[]
  readonly slowestSwitchMs: number
  readonly medianSwitchMs: number
  readonly medianDomMs: number
  readonly heapUsedMB: number
}

const round = (x: number): number => Math.round(x * 10) / 10

/**
 * Presses keys for chapter `n` then Enter; resolves with ms until the chapter is in the page (its
 * render committed) and until the frame after it painted.
 */
function timeSwitch(page: Page, n: number): Promise<{ domMs: number; ms: number }> {
  return page.evaluate(async (n) => {
    const press = (key: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key }))
    const isShown = () =>
      document.querySelector('.kr-chapter-count')?.textContent?.startsWith(`Chapter ${n} of`)
    const start = performance.now()
    for (const digit of String(n)) press(digit)
    press('Enter')
    while (!isShown()) await new Promise((resolve) => setTimeout(resolve, 0))
    const domMs = performance.now() - start
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
    return { domMs, ms: performance.now() - start }
  }, n)
}

/** Runs the briefing benchmark on a fresh page of `context` at `baseUrl`. */
export async function benchBriefing(
  context: BrowserContext,
  baseUrl: string,
): Promise<BriefingBench> {
  const page = await context.newPage()
  try {
    const start = Date.now()
    await page.goto(`${baseUrl}#briefing=citizenlab-2020&chapter=1`)
    await page.waitForSelector('.kr-chapter-title')
    await page.waitForFunction(() => !document.querySelector('.kr-briefing-progress'), undefined, {
      timeout: 300_000,
    })
    const readyMs = Date.now() - start
    const count = await page.$$eval('.kr-chapter-strip li', (els) => els.length)
    const switchMs: { chapter: number; domMs: number; ms: number }[] = []
    for (let pass = 0; pass < 2; pass++)
      for (let n = 1; n <= count; n++) {
        // Let the map settle between switches, as a presenter talks over each chapter (a flight takes 1.2 s).
        await page.waitForTimeout(2000)
        const { domMs, ms } = await timeSwitch(page, n)
        switchMs.push({ chapter: n, domMs: round(domMs), ms: round(ms) })
      }
    const cdp = await context.newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = await cdp.send('Runtime.getHeapUsage')
    const sorted = switchMs.map((s) => s.ms).sort((a, b) => a - b)
    return {
      readyMs,
      switchMs,
      slowestSwitchMs: sorted[sorted.length - 1] ?? 0,
      medianSwitchMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
      medianDomMs:
        switchMs.map((s) => s.domMs).sort((a, b) => a - b)[Math.floor(sorted.length / 2)] ?? 0,
      heapUsedMB: round(usedSize / 1e6),
    }
  } finally {
    await page.close()
  }
}
