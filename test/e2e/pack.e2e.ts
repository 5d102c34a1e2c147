import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  expectMapRunAndCharts,
  listenForViolations,
  openBrowser,
  violationsIn,
  waitForRunDone,
} from './browser'
import type { BrowserSession } from './browser'

/** URLs a page opened from disk may request besides itself: its own inlined data. */
const isLocalData = (url: string): boolean => /^(data|blob):/.test(url)

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
    execFileSync(join('node_modules', '.bin', 'tsx'), ['src/cli/pack.ts', '--out', out], {
      stdio: 'pipe',
    })
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
    await session.page.goto(pageUrl)
    await waitForRunDone(session.page)
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
