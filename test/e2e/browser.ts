import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, inject } from 'vitest'
import { CHROMIUM_ARGS, findBrowser } from '../../build/find-browser'
import type { BrowserContext, Locator, Page } from 'playwright-core'

export const SCREENSHOT_DIR = 'test-results/screenshots'

/** A browser session that records every request the page makes. */
export interface BrowserSession {
  readonly context: BrowserContext
  readonly page: Page
  readonly requests: string[]
  readonly pageErrors: string[]
  close(): Promise<void>
}

/** Launches the machine's Chromium-family browser with a fresh profile. */
export async function openBrowser(
  viewport = { width: 1280, height: 720 },
): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'keyroute-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findBrowser(),
    args: CHROMIUM_ARGS,
    viewport,
  })
  const requests: string[] = []
  const pageErrors: string[] = []
  context.on('request', (request) => requests.push(request.url()))
  // Pages opened later (a shared link in a new tab) report their errors too.
  context.on('page', (p) => p.on('pageerror', (error) => pageErrors.push(error.message)))
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (error) => pageErrors.push(error.message))
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return {
    context,
    page,
    requests,
    pageErrors,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Requests that went anywhere but the local preview server (data: and blob: URLs are local). */
export function remoteRequests(requests: readonly string[]): string[] {
  return requests.filter(
    (url) => !/^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:)/.test(url),
  )
}

/** The run-progress area; `data-run-status` and `data-run-hash` say where the runs stand. */
export function runStatus(page: Page): Locator {
  return page.locator('.kr-run[data-run-status]')
}

/** Waits until every run has finished (the primary and any comparison). */
export async function waitForRunDone(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.locator('[data-run-status="done"]').waitFor({ timeout: timeoutMs })
}

/** How many countries the basemap's canvas holds, once it has drawn them (0 before). */
export async function basemapCountries(page: Page): Promise<number> {
  const drawn = await page
    .locator('.kr-basemap[data-view]')
    .evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.countries)))
  return drawn[0] ?? 0
}

/** How many sites the mark layer's canvas draws, once it has drawn a view (0 before). */
export async function sitesDrawn(page: Page): Promise<number> {
  const drawn = await page
    .locator('.kr-marks[data-view]')
    .evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.sites)))
  return drawn[0] ?? 0
}

/**
 * A page point inside a drawn data-center marker that nothing of the page's covers (legend,
 * buttons), read from the mark layer's canvas: a pixel whose neighbours 3 px away on every side
 * are as opaque lies inside a filled marker, not on a concern ring. A marker fills at 95% (alpha
 * 242), a country circle at 75% (191, and 239 where two overlap): over 240 is a marker's. Null
 * when none is in view.
 */
export async function siteMarkerPoint(page: Page): Promise<{ x: number; y: number } | null> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.kr-marks[data-view]')
    const frame = document.querySelector('.kr-map .leaflet-container')?.getBoundingClientRect()
    const ctx = canvas?.getContext('2d')
    if (!canvas || !frame || !ctx) return null
    const { width, height } = canvas
    const { data } = ctx.getImageData(0, 0, width, height)
    const box = canvas.getBoundingClientRect()
    const sx = box.width / width
    const sy = box.height / height
    const d = Math.ceil(3 / sx)
    const isDrawn = (px: number, py: number): boolean =>
      (data[4 * (py * width + px) + 3] ?? 0) > 240
    for (let py = d; py < height - d; py += 2)
      for (let px = d; px < width - d; px += 2) {
        if (!isDrawn(px, py) || !isDrawn(px - d, py) || !isDrawn(px + d, py)) continue
        if (!isDrawn(px, py - d) || !isDrawn(px, py + d)) continue
        const x = box.left + (px + 0.5) * sx
        const y = box.top + (py + 0.5) * sy
        if (x < frame.left || x > frame.right || y < frame.top || y > frame.bottom) continue
        if (document.elementFromPoint(x, y)?.closest('.kr-basemap')) return { x, y }
      }
    return null
  })
}

/**
 * Checks a freshly opened dashboard works end to end: the basemap's countries and the sites are
 * drawn, the first run says it is done, and the Charts tab draws its lines.
 */
export async function expectMapRunAndCharts(page: Page): Promise<void> {
  await expect.poll(() => basemapCountries(page)).toBeGreaterThan(100)
  await expect.poll(() => sitesDrawn(page)).toBeGreaterThan(0)
  await expect(
    runStatus(page).locator('.kr-run-text[role="status"]').textContent(),
  ).resolves.toMatch(/^Run done: /)
  await page.getByRole('tab', { name: 'Charts' }).click()
  await page.locator('.recharts-line-curve').first().waitFor()
}

/**
 * Notes the current run's hash, then returns a function that resolves once a run with another
 * hash is done: a change that starts a run can't be mistaken for the old "done".
 */
export async function watchNextRun(page: Page): Promise<(timeoutMs?: number) => Promise<void>> {
  const previous = (await runStatus(page).getAttribute('data-run-hash')) ?? ''
  return async (timeoutMs = 30_000) => {
    await page.waitForFunction(
      (hash) => {
        const el = document.querySelector('[data-run-status]')
        return (
          el?.getAttribute('data-run-status') === 'done' &&
          el.getAttribute('data-run-hash') !== hash
        )
      },
      previous,
      { timeout: timeoutMs },
    )
  }
}

/** A key-figures row: the "up to now" and the whole-run cells, as shown. */
export interface FigureRow {
  readonly soFar: string
  readonly wholeRun: string
}

/** The key-figures table (Figures tab) by row label, plus the run hash. */
export async function readKeyFigures(
  page: Page,
): Promise<{ rows: Record<string, FigureRow>; hash: string }> {
  const region = page.getByRole('region', { name: 'Key figures' })
  const rows = await region.getByRole('table').evaluate((table) => {
    const out: Record<string, { soFar: string; wholeRun: string }> = {}
    for (const tr of table.querySelectorAll('tbody tr')) {
      const label = tr.querySelector('th')?.textContent ?? ''
      const [soFar, wholeRun] = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')
      out[label] = { soFar: soFar ?? '', wholeRun: wholeRun ?? '' }
    }
    return out
  })
  const hash = (await region.locator('.kr-repro code').first().textContent()) ?? ''
  return { rows, hash }
}

/** "5,685 (1.1%)" -> 5685; NaN when the cell holds no number. */
export function countOf(cell: string | undefined): number {
  const match = /^[\d,]+/.exec(cell?.trim() ?? '')
  return match ? Number(match[0].replace(/,/g, '')) : Number.NaN
}

/** The UTC clock label under the timeline. */
export function timeLabel(page: Page): Locator {
  return page.getByRole('region', { name: 'Timeline' }).locator('.kr-clock-utc time')
}

/** Pixels of the flow canvases within a small distance of the theme's exposed colour. */
export async function exposedPixelCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const probe = document.createElement('canvas').getContext('2d')
    if (!probe) return -1
    probe.fillStyle = getComputedStyle(document.documentElement)
      .getPropertyValue('--kr-exposed')
      .trim()
    const hex = String(probe.fillStyle)
    const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
    let n = 0
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas.kr-flow-canvas')) {
      const ctx = canvas.getContext('2d')
      if (!ctx || canvas.width === 0) continue
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height)
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i + 3] ?? 0) < 64) continue
        const d =
          Math.abs((data[i] ?? 0) - (want[0] ?? 0)) +
          Math.abs((data[i + 1] ?? 0) - (want[1] ?? 0)) +
          Math.abs((data[i + 2] ?? 0) - (want[2] ?? 0))
        if (d < 40) n++
      }
    }
    return n
  })
}

/** Media features to emulate before the page loads (colour scheme, reduced motion). */
export type EmulatedMedia = Parameters<Page['emulateMedia']>[0]

/**
 * Opens Chromium on the dashboard at `baseUrl`, with `media` emulated if given, and waits until
 * its first run is done.
 */
export async function openDashboard(
  baseUrl: string,
  viewport = { width: 1280, height: 720 },
  media?: EmulatedMedia,
): Promise<BrowserSession> {
  const session = await openBrowser(viewport)
  if (media) await session.page.emulateMedia(media)
  await session.page.goto(baseUrl)
  await waitForRunDone(session.page)
  return session
}

/**
 * One dashboard session for the enclosing `describe`: opened (as {@link openDashboard} does, at
 * the served app) before its first test and closed after its last. The object returned reads
 * through to that session, so the tests use it as the session itself.
 */
export function dashboardSession(media?: EmulatedMedia): BrowserSession {
  let current: BrowserSession | undefined
  beforeAll(async () => {
    current = await openDashboard(inject('baseUrl'), undefined, media)
  })
  afterAll(async () => {
    await current?.close()
  })
  const open = (): BrowserSession => {
    if (!current) throw new Error('the dashboard session is used before it was opened')
    return current
  }
  return {
    get context() {
      return open().context
    },
    get page() {
      return open().page
    },
    get requests() {
      return open().requests
    },
    get pageErrors() {
      return open().pageErrors
    },
    close: () => open().close(),
  }
}

/** What the page's `securitypolicyviolation` listener keeps of each event. */
export interface Violation {
  readonly directive: string
  readonly blocked: string
  readonly source: string
  readonly sample: string
}

declare global {
  interface Window {
    cspViolations?: Violation[]
  }
}

/** Registered before any page script runs, so a violation during start-up is caught too. */
export function listenForViolations(): void {
  window.cspViolations = []
  window.addEventListener('securitypolicyviolation', (e) => {
    window.cspViolations?.push({
      directive: e.effectiveDirective,
      blocked: e.blockedURI,
      source: `${e.sourceFile}:${e.lineNumber}`,
      sample: e.sample,
    })
  })
}

export const violationsIn = (page: Page): Promise<Violation[]> =>
  page.evaluate(() => window.cspViolations ?? [])
