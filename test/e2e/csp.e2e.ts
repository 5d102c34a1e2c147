import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:https'
import type { Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { CSP_DIRECTIVES, cspContent } from '../../build/csp'
import { PRESETS } from '../../src/sim/presets/scenarios'
import {
  listenForViolations,
  openBrowser,
  remoteRequests,
  siteMarkerPoint,
  violationsIn,
  waitForRunDone,
  watchNextRun,
} from './browser'
import type { BrowserSession } from './browser'

// A transparent 1 x 1 PNG: what the loopback tile server answers for every tile.
const TILE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

/** An HTTPS tile server on 127.0.0.1 with a throw-away self-signed certificate. */
function startTileServer(dir: string): Promise<{ server: Server; origin: string; hits: string[] }> {
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    ],
    { stdio: 'ignore' },
  )
  const hits: string[] = []
  const server = createServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (req, res) => {
      hits.push(req.url ?? '')
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end(TILE_PNG)
    },
  )
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({ server, origin: `https://127.0.0.1:${port}`, hits })
    }),
  )
}

async function applyTiles(page: Page, url: string): Promise<void> {
  const input = page.getByLabel('Online basemap tiles (optional)')
  await input.fill(url)
  await page.getByRole('button', { name: 'Apply tiles' }).click()
}

describe('Content-Security-Policy of the built page', () => {
  let session: BrowserSession
  let tiles: Awaited<ReturnType<typeof startTileServer>>
  let dir: string
  const consoleCsp: string[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyroute-tiles-'))
    tiles = await startTileServer(dir)
    session = await openBrowser({ width: 1280, height: 720 })
    await session.context.addInitScript(listenForViolations)
    // The tile server's certificate is self-signed; the page's policy is what is under test.
    const cdp = await session.context.newCDPSession(session.page)
    await cdp.send('Security.setIgnoreCertificateErrors', { ignore: true })
    // A second net: Chromium also logs each refusal, from workers as well as from the page.
    session.page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) consoleCsp.push(m.text())
    })
    await session.page.goto(inject('baseUrl'))
    await waitForRunDone(session.page)
  })

  afterAll(async () => {
    await session?.close()
    await new Promise((resolve) => tiles?.server.close(resolve))
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('is served as the first meta tag of the head, before every script and style sheet', async () => {
    const html = await (await fetch(inject('baseUrl'))).text()
    const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'))
    const meta = head.search(/<meta http-equiv="Content-Security-Policy"/)
    expect(meta).toBeGreaterThan(0)
    expect(meta).toBeLessThan(head.search(/<script/))
    expect(meta).toBeLessThan(head.search(/<link rel="stylesheet"/))
    // No inline script: every script element loads a file.
    expect(html.match(/<script\b[^>]*>/g)?.every((tag) => / src="/.test(tag))).toBe(true)

    const content = await session.page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content')
    expect(content).toBe(cspContent(CSP_DIRECTIVES))
    const policy = new Map(
      (content ?? '').split(';').map((d) => {
        const [name = '', ...sources] = d.trim().split(/\s+/)
        return [name, sources] as const
      }),
    )
    expect(policy.get('default-src')).toEqual(["'none'"])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('worker-src')).toEqual(["'self'"])
    expect(policy.get('connect-src')).toEqual(["'self'"])
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https:'])
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(content).not.toMatch(/unsafe-eval|unsafe-inline|\*/)
  })

  it('reports no violation while the page loads and runs', async () => {
    const { page } = session
    await page.getByRole('button', { name: 'Play', exact: true }).click()
    await page.waitForTimeout(600)
    await page.getByRole('button', { name: 'Pause', exact: true }).click()
    await page.getByRole('button', { name: 'Light theme' }).click()
    expect(await violationsIn(page)).toEqual([])
  })

  it('reports no violation on the Charts tab', async () => {
    const { page } = session
    await page.getByRole('tab', { name: 'Charts' }).click()
    await page.locator('.recharts-line-curve').first().waitFor()
    // The charts' tooltips: hover the first chart.
    const chart = page.locator('.recharts-surface').first()
    const box = await chart.boundingBox()
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.locator('.recharts-tooltip-wrapper').first().waitFor({ state: 'attached' })
    expect(await violationsIn(page)).toEqual([])
  })

  it('reports no violation with an incident, then a data center, selected', async () => {
    const { page } = session
    await page.getByRole('tab', { name: 'Incidents' }).click()
    await page
      .getByRole('button', { name: /^Select the exposure of/ })
      .first()
      .click()
    await page.getByRole('tab', { name: 'Selection' }).click()
    await page.getByRole('tabpanel').waitFor()
    await page
      .getByRole('list', { name: 'Data centers on the map' })
      .getByRole('button')
      .first()
      .click()
    // A data center's tooltip on the map, under the pointer.
    const marker = await siteMarkerPoint(page)
    expect(marker).not.toBeNull()
    await page.mouse.move(marker!.x, marker!.y, { steps: 3 })
    await page.locator('.leaflet-tooltip', { hasText: 'participants (assumption)' }).waitFor()
    expect(await violationsIn(page)).toEqual([])
  })

  it('reports no violation with a second policy compared', async () => {
    const { page } = session
    await page.getByRole('tab', { name: 'Figures' }).click()
    await page.getByRole('combobox', { name: 'Compare with policy' }).selectOption('geofenced')
    await page.getByRole('table', { name: /compared with/ }).waitFor()
    await waitForRunDone(page)
    expect(await violationsIn(page)).toEqual([])
  })

  it('reports no violation with the settings open and a scenario file imported, refused or accepted', async () => {
    const { page } = session
    await page.getByText('Run settings').click()
    await page.getByLabel('Online basemap tiles (optional)').waitFor()
    const input = page.getByLabel('Import scenario file')
    await input.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ "id": '),
    })
    await page
      .locator('.kr-import-status')
      .getByText(/not loaded/)
      .waitFor()
    const runDone = await watchNextRun(page)
    await input.setInputFiles({
      name: 'reseeded.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          ...PRESETS['citizenlab-2020'],
          id: 'reseeded',
          name: 'Reseeded',
          seed: 11,
        }),
      ),
    })
    await page.locator('.kr-import-status').getByText('Loaded reseeded.json.').waitFor()
    await runDone()
    expect(await violationsIn(page)).toEqual([])
  })

  it('reports no violation with online tiles on (a loopback tile server, then a dead address) and off', async () => {
    const { page } = session
    await applyTiles(page, `${tiles.origin}/{z}/{x}/{y}.png`)
    await expect.poll(() => tiles.hits.length, { timeout: 10_000 }).toBeGreaterThan(0)
    await expect
      .poll(() =>
        page
          .locator('.leaflet-tile-loaded')
          .evaluateAll(
            (imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length,
          ),
      )
      .toBeGreaterThan(0)
    // Nothing listens on port 9 of 127.0.0.1: the tiles fail to load, and that is all.
    await applyTiles(page, 'https://127.0.0.1:9/{z}/{x}/{y}.png')
    await page
      .locator('img.leaflet-tile[src^="https://127.0.0.1:9/"]')
      .first()
      .waitFor({ state: 'attached' })
    await page.waitForTimeout(500)
    await applyTiles(page, '')
    await expect.poll(() => page.locator('img.leaflet-tile').count()).toBe(0)
    expect(await violationsIn(page)).toEqual([])
  })

  it('logged no policy refusal in the console and stayed offline and error-free', () => {
    // The page's own files all loaded under the policy: the favicon, the worker, the topology.
    const paths = session.requests.map((u) => new URL(u).pathname)
    expect(paths).toContain('/favicon.svg')
    expect(paths.some((p) => /^\/assets\/sim\.worker-[\w-]+\.js$/.test(p))).toBe(true)
    expect(paths.some((p) => /^\/assets\/countries-110m-[\w-]+\.json$/.test(p))).toBe(true)
    expect(consoleCsp).toEqual([])
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })

  it('does catch a violation: with the worker refused by a narrowed policy, the listener records it', async () => {
    const page = await session.context.newPage()
    const baseUrl = inject('baseUrl')
    await page.route(
      (url) => url.href === baseUrl,
      async (route) => {
        const response = await route.fetch()
        const html = (await response.text()).replace(
          /worker-src [^;"]*/,
          'worker-src &#39;none&#39;',
        )
        await route.fulfill({ response, body: html })
      },
    )
    await page.goto(baseUrl)
    await expect
      .poll(() => violationsIn(page))
      .toContainEqual(expect.objectContaining({ directive: 'worker-src' }))
    const [refused] = (await violationsIn(page)).filter((v) => v.directive === 'worker-src')
    expect(refused?.blocked).toMatch(/\/assets\/sim\.worker-[\w-]+\.js$/)
    await page.close()
  })
})
