import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { BRIEFINGS } from '../../src/sim/presets/briefings'
import {
  OFFLINE_TEMPLATE_FILE,
  jsonForDataBlock,
  withBriefingBlock,
} from '../../src/sim/offline-page'
import {
  basemapCountries,
  expectMapRunAndCharts,
  listenForViolations,
  openBrowser,
  violationsIn,
  waitForRunDone,
} from './browser'
import type { BrowserSession } from './browser'

/** URLs a page opened from disk may request besides itself: its own inlined data. */
const isLocalData = (url: string): boolean => /^(data|blob):/.test(url)

/** A briefing of two chapters, one caption holding </script> and a script that sets the title. */
const ROOM_FILE = 'test/fixtures/briefing-room.json'

/** Clicks "Download offline briefing" and returns the saved file's text. */
async function downloadOffline(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download offline briefing' }).click(),
  ])
  const path = await download.path()
  return readFileSync(path, 'utf8')
}

describe('the offline pack: one HTML file opened from file:// with the network blocked', () => {
  let dir: string
  let out: string
  let pageUrl: string
  let session: BrowserSession
  const blocked: string[] = []
  const consoleCsp: string[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyroute-pack-e2e-'))
    // A folder that does not exist yet: the command creates it.
    out = join(dir, 'not', 'yet', 'keyroute.html')
    execFileSync(
      join('node_modules', '.bin', 'tsx'),
      ['src/cli/pack.ts', '--briefing', ROOM_FILE, '--out', out],
      { stdio: 'pipe' },
    )
    pageUrl = pathToFileURL(out).href
    session = await openBrowser()
    await session.context.addInitScript(listenForViolations)
    await session.context.route('**/*', async (route) => {
      const url = route.request().url()
      if (url === pageUrl || isLocalData(url)) return route.continue()
      blocked.push(url)
      return route.abort('blockedbyclient')
    })
    session.page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) consoleCsp.push(m.text())
    })
    await session.page.goto(`${pageUrl}#briefing=room-2020&chapter=2`)
    await session.page.waitForSelector('.kr-chapter-title')
  })

  afterAll(async () => {
    await session?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('is one file, alone in the folder it created, with a strict policy that hashes its inline code', () => {
    expect(readdirSync(join(dir, 'not', 'yet'))).toEqual(['keyroute.html'])
    const html = readFileSync(out, 'utf8')
    // Nothing is loaded from a file or an address: every script and style sheet is inline.
    expect(html).not.toMatch(/<script\b[^>]*\ssrc=|<link\b[^>]*rel="(stylesheet|modulepreload)"/)
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1]
    expect(policy).toBeDefined()
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'))
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|'self'|\*/)
    expect(policy).toMatch(/script-src 'sha256-[\w+/=]+'/)
    expect(policy).toMatch(/worker-src blob:;/)
    expect(policy).toMatch(/default-src 'none'/)
    // One hash per code element: the briefing's data block is not run, so it needs none.
    expect(policy?.match(/'sha256-/g)).toHaveLength(2)
    expect(html).toContain(jsonForDataBlock(JSON.parse(readFileSync(ROOM_FILE, 'utf8'))))
    // Around its block, the same page \`npm run build\` writes for "Download offline briefing".
    const template = readFileSync(join(inject('buildDir'), OFFLINE_TEMPLATE_FILE), 'utf8')
    expect(withBriefingBlock(html, null)).toBe(template)
  })

  it('reads the briefing it carries: its link opens with no notice, and a chapter it lacks is named', async () => {
    const { page } = session
    await expect.poll(() => page.locator('.kr-notice').count()).toBe(0)
    // The caption's script stayed data: it would have set the title.
    expect(await page.title()).not.toBe('broken')
    // The carried briefing has 2 chapters (the built-in one has 8): the lookup found it.
    await page.evaluate(() => (window.location.hash = '#briefing=room-2020&chapter=3'))
    await expect
      .poll(() => page.locator('.kr-notice').allTextContents())
      .toEqual([expect.stringMatching(/chapter "3" was ignored: room-2020 has chapters 1 to 2/)])
  })

  it('presents its own briefing and the built-in one, every chapter forward with PageDown', async () => {
    const { page } = session
    const chapterShown = (n: number, of: number) =>
      page.waitForFunction(
        ([n, of]) =>
          document
            .querySelector('.kr-chapter-count')
            ?.textContent?.startsWith(`Chapter ${n} of ${of}`) &&
          !document.querySelector('.kr-chapter-run-progress') &&
          [...document.querySelectorAll('.kr-chapter-figure-value')].every(
            (el) => el.textContent !== '…',
          ),
        [n, of] as const,
        { timeout: 120_000 },
      )
    await page.evaluate(() => (window.location.hash = '#briefing=room-2020&chapter=1'))
    await chapterShown(1, 2)
    expect(await page.locator('.kr-chapter-figure-value').innerText()).toMatch(/^[\d,]+$/)
    await page.keyboard.press('PageDown')
    await chapterShown(2, 2)
    const count = BRIEFINGS[0]!.chapters.length
    await page.evaluate(() => (window.location.hash = '#briefing=citizenlab-2020&chapter=1'))
    for (let n = 1; n <= count; n++) {
      await chapterShown(n, count)
      expect(page.url()).toContain(`chapter=${n}`)
      // A chapter with a range plays it first, then jumps to its end, then moves on.
      while (
        (await page.locator('.kr-briefing-controls button').nth(1).innerText()).match(
          /Play|To the end/,
        )
      )
        await page.keyboard.press('PageDown')
      if (n < count) await page.keyboard.press('PageDown')
    }
    // Back to the dashboard where it stands, for the tests below.
    await page.keyboard.press('Escape')
    await waitForRunDone(page)
  }, 300_000)

  it('downloads an exact copy of itself for its own briefing, with no request', async () => {
    expect(await downloadOffline(session.page)).toBe(readFileSync(out, 'utf8'))
  })

  it('draws the basemap and the sites, finishes a run in its worker and shows the charts', async () => {
    const { page } = session
    await expectMapRunAndCharts(page)
    // The run went through the worker started from a Blob URL, not the main-thread fallback.
    expect(page.workers().map((w) => w.url())).toContainEqual(expect.stringMatching(/^blob:/))
  })

  it('requested nothing but itself, data: and blob:, with no policy violation or page error', async () => {
    expect(blocked).toEqual([])
    expect(session.requests.filter((u) => u !== pageUrl && !isLocalData(u))).toEqual([])
    expect(await violationsIn(session.page)).toEqual([])
    expect(consoleCsp).toEqual([])
    expect(session.pageErrors).toEqual([])
  })

  it('enforces its policy: an injected inline script and a fetch to an address are refused and reported', async () => {
    const page = await session.context.newPage()
    await page.goto(pageUrl)
    const outcome = await page.evaluate(async () => {
      const script = document.createElement('script')
      script.textContent = 'document.body.dataset.injected = "ran"'
      document.head.append(script)
      const fetchRefused = await fetch('http://127.0.0.1:9/').then(
        () => false,
        () => true,
      )
      return { injectedRan: document.body.dataset.injected === 'ran', fetchRefused }
    })
    expect(outcome).toEqual({ injectedRan: false, fetchRefused: true })
    await expect
      .poll(async () => (await violationsIn(page)).map((v) => v.directive).sort())
      .toEqual(['connect-src', 'script-src-elem'])
    await page.close()
  })
})

describe('"Download offline briefing" in the served app', () => {
  let dir: string
  let session: BrowserSession

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyroute-offline-e2e-'))
    session = await openBrowser()
    await session.page.goto(inject('baseUrl'))
    await waitForRunDone(session.page)
  })

  afterAll(async () => {
    await session?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('saves the pack with the briefing inside, which opens from file:// with the network blocked', async () => {
    const html = await downloadOffline(session.page)
    const template = readFileSync(join(inject('buildDir'), OFFLINE_TEMPLATE_FILE), 'utf8')
    expect(html).toBe(withBriefingBlock(template, BRIEFINGS[0]))
    const out = join(dir, 'offline.html')
    writeFileSync(out, html)
    const pageUrl = pathToFileURL(out).href
    const page = await session.context.newPage()
    const blocked: string[] = []
    await page.route('**/*', async (route) => {
      const url = route.request().url()
      if (url === pageUrl || isLocalData(url)) return route.continue()
      blocked.push(url)
      return route.abort('blockedbyclient')
    })
    await page.goto(pageUrl)
    await waitForRunDone(page)
    await expect.poll(() => basemapCountries(page)).toBeGreaterThan(100)
    expect(blocked).toEqual([])
    expect(await page.locator('.kr-notice').count()).toBe(0)
  })
})
