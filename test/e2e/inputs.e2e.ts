import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page, Worker } from 'playwright-core'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { WORLD_2020 } from '../../src/sim/presets/world-2020'
import {
  SCREENSHOT_DIR,
  basemapCountries,
  openBrowser,
  remoteRequests,
  runStatus,
  waitForRunDone,
  watchNextRun,
} from './browser'
import type { BrowserSession } from './browser'

/**
 * Opens the dashboard, recording the simulation workers it starts (not the map's, which draw),
 * and waits for the first run.
 */
async function open(hash = ''): Promise<{ session: BrowserSession; workers: Worker[] }> {
  const session = await openBrowser()
  const workers: Worker[] = []
  session.page.on('worker', (w) => {
    if (/\/sim\.worker-[\w-]+\.js$/.test(new URL(w.url()).pathname)) workers.push(w)
  })
  await session.page.goto(`${inject('baseUrl')}${hash}`)
  await waitForRunDone(session.page)
  return { session, workers }
}

async function openSettings(page: Page): Promise<void> {
  const summary = page.getByText('Run settings', { exact: true })
  if (!(await page.locator('details.kr-settings').evaluate((d) => (d as HTMLDetailsElement).open)))
    await summary.click()
}

function scenarioFile(name: string, data: unknown) {
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(data)) }
}

describe('a worker that dies without a word', () => {
  let session: BrowserSession
  let workers: Worker[]

  beforeAll(async () => {
    ;({ session, workers } = await open())
  })
  afterAll(async () => {
    await session?.close()
  })

  it('fails the run within seconds with a message, and "Run again" completes on a new worker', async () => {
    const { page } = session
    expect(workers).toHaveLength(1)
    const [first] = workers
    // A longer run (surge x5, compared with a second policy), killed while it is going.
    await page.getByRole('combobox', { name: 'Compare with policy' }).selectOption('geofenced')
    await page.locator('[data-run-status="running"]').waitFor()
    await page.getByRole('progressbar', { name: 'Simulation progress' }).waitFor()
    // While it lives the worker holds its lock: a long silent step is not taken for death.
    const heldLocks = () =>
      page.evaluate(async () =>
        ((await navigator.locks.query()).held ?? []).map((lock) => lock.name ?? ''),
      )
    expect(await heldLocks()).toEqual([expect.stringMatching(/^keyroute-simulation-/)])
    // close() ends the worker from inside: no error event reaches the page.
    void first?.evaluate(() => self.close()).catch(() => undefined)

    const alert = page.locator('.kr-run-errors')
    // The silence limit is 5 s; the page's own timers add a little, and on a machine shared with
    // other work the time the page itself was held up does not count towards the silence. The
    // wait also ends if the run finished before the worker was stopped, and the status then
    // says so: a failure names which of the two it was.
    const done = page.locator('.kr-run[data-run-status="done"]')
    await alert.or(done).first().waitFor({ timeout: 30_000 })
    expect(await runStatus(page).getAttribute('data-run-status')).toBe('failed')
    expect(await alert.textContent()).toMatch(/The simulation worker stopped responding/)
    expect(await heldLocks()).toEqual([])
    await page.screenshot({ path: `${SCREENSHOT_DIR}/inputs-worker-lost.png` })

    await page.getByRole('button', { name: 'Run again' }).click()
    await waitForRunDone(page)
    expect(workers).toHaveLength(2)
    expect(await page.locator('.kr-run-errors').count()).toBe(0)
  })

  it('stays error-free', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})

describe('odd input in the settings, imports and links', () => {
  let session: BrowserSession

  beforeAll(async () => {
    ;({ session } = await open())
  })
  afterAll(async () => {
    await session?.close()
  })

  it('refuses a tile address with an unknown placeholder, naming it, and keeps the map', async () => {
    const { page } = session
    await openSettings(page)
    const input = page.getByLabel('Online basemap tiles (optional)')
    await input.fill('https://tiles.invalid/{z}/{x}/{y}/{style}.png')
    await page.getByRole('button', { name: 'Apply tiles' }).click()
    const alert = page.getByRole('alert').filter({ hasText: 'This tile address cannot be used' })
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(/\{style\} is not a placeholder/)
    expect(await input.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('.kr-panel-error').count()).toBe(0)
    // The map stays: its basemap still holds and draws every country.
    expect(await basemapCountries(page)).toBeGreaterThan(100)
    expect(await page.locator('.leaflet-tile').count()).toBe(0)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/inputs-tile-refused.png` })
  })

  it('shows only the last file’s errors, naming it, and loads a good file after a bad one', async () => {
    const { page } = session
    await openSettings(page)
    const input = page.getByLabel('Import scenario file')
    const status = page.locator('.kr-import-status')
    await input.setInputFiles(
      scenarioFile('first.json', { ...PRESETS['citizenlab-2020'], days: -3 }),
    )
    await expect.poll(() => status.textContent()).toMatch(/first\.json was not loaded/)
    expect(await status.locator('code').allTextContents()).toEqual(['days'])

    await input.setInputFiles({
      name: 'second.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(2_000_001, 32),
    })
    await expect.poll(() => status.textContent()).toMatch(/second\.json was not loaded/)
    expect(await status.locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^second\.json: the file is 2\.0 MB/),
    ])
    expect(await status.textContent()).not.toMatch(/first\.json|days/)

    await input.setInputFiles({
      name: 'third.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ "id": '),
    })
    await expect.poll(() => status.locator('code').allTextContents()).toEqual(['third.json'])
    expect(await status.textContent()).not.toMatch(/second\.json/)

    const runDone = await watchNextRun(page)
    await input.setInputFiles(
      scenarioFile('good.json', {
        ...PRESETS['citizenlab-2020'],
        id: 'good',
        timeline: [],
        name: 'Good one',
        days: 3,
      }),
    )
    await expect.poll(() => status.textContent()).toBe('Loaded good.json.')
    await runDone()
    expect(await page.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe('custom')
  })

  it('shows a site name with a right-to-left override as visible text', async () => {
    const { page } = session
    const world = {
      ...WORLD_2020,
      sites: WORLD_2020.sites.map((s) =>
        s.id === 'toronto' ? { ...s, city: 'Tor\u202Eotno' } : s,
      ),
    }
    await openSettings(page)
    const runDone = await watchNextRun(page)
    await page.getByLabel('Import scenario file').setInputFiles(
      scenarioFile('hostile.json', {
        ...PRESETS['citizenlab-2020'],
        id: 'hostile',
        timeline: [],
        days: 3,
        world,
      }),
    )
    await runDone()
    await page.getByText('Run settings', { exact: true }).click()
    await page.getByRole('tab', { name: 'Selection' }).click()
    const sites = page.getByRole('list', { name: 'Data centers on the map' })
    const toronto = sites.getByRole('button', { name: /^Tor/ })
    expect(await toronto.first().textContent()).toContain('Tor⟦U+202E⟧otno (CA)')
    const hidden = await page.evaluate(() =>
      /[\u202a-\u202e\u2066-\u2069]/.test(document.body.innerText),
    )
    expect(hidden).toBe(false)
    await toronto.first().scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/inputs-hostile-name.png` })
  })

  it('stays error-free and offline', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})

describe('online tiles', () => {
  let session: BrowserSession

  beforeAll(async () => {
    ;({ session } = await open())
    // A stand-in tile server: a 1x1 PNG for every tile, so nothing leaves the machine.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    )
    await session.page.route('https://tiles.invalid/**', (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: png }),
    )
  })
  afterAll(async () => {
    await session?.close()
  })

  it('takes an address written HTTPS:// and draws its tiles under the map', async () => {
    const { page } = session
    await openSettings(page)
    await page
      .getByLabel('Online basemap tiles (optional)')
      .fill('HTTPS://tiles.invalid/{z}/{x}/{y}.png')
    await page.getByRole('button', { name: 'Apply tiles' }).click()
    await page.locator('.leaflet-tile-loaded').first().waitFor()
    expect(await page.getByText('This tile address cannot be used').count()).toBe(0)
    expect(await page.locator('.kr-map-credit').textContent()).toMatch(/online tiles on/)
    expect(await page.locator('.kr-panel-error').count()).toBe(0)
    expect(session.requests.some((url) => url.startsWith('https://tiles.invalid/'))).toBe(true)
    expect(session.pageErrors).toEqual([])
  })
})

describe('an odd link', () => {
  let session: BrowserSession

  beforeAll(async () => {
    ;({ session } = await open(
      '#preset=citizenlab-2020&mix=0.01,0.01,0.04&sites=toronto:99999999999&zoom=3&utm_source=mail',
    ))
  })
  afterAll(async () => {
    await session?.close()
  })

  it('runs with what the run accepts, says what it dropped once, and replaces the notices on a new link', async () => {
    const { page } = session
    expect(await runStatus(page).getAttribute('data-run-status')).toBe('done')
    const notices = page.locator('.kr-notices').getByRole('paragraph')
    const text = (await notices.allTextContents()).join('\n')
    expect(await notices.count()).toBe(3)
    expect(text).toMatch(/mix "0.01,0.01,0.04" was ignored: the run would refuse it/)
    expect(text).toMatch(/sites "toronto:99999999999" was ignored/)
    expect(text).toMatch(/parameters "zoom", "utm_source" were ignored/)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/inputs-odd-link.png` })

    const runDone = await watchNextRun(page)
    await page.evaluate(() => {
      window.location.hash = '#preset=citizenlab-2020&seed=5&lang=fr'
    })
    await runDone()
    await expect
      .poll(() => notices.allTextContents())
      .toEqual(['The link\'s parameter "lang" was ignored: keyroute does not know it.×'])
  })

  it('stays error-free and offline', () => {
    expect(session.pageErrors).toEqual([])
    expect(remoteRequests(session.requests)).toEqual([])
  })
})
